/**
 * A process of hollow nodes: `node [--expose-gc] hollow.mjs '<FleetOrder JSON>'`.
 * Starts the nodes, prints one `started` line (heap per node measured
 * after full GCs when --expose-gc is given) and runs them until SIGTERM.
 */
import { createLogger } from "../../../src/log.js";
import { startHollowFleet } from "./hollow-fleet.js";
import { fleetOrderSchema, type FleetStarted } from "./fleet-messages.js";

const order = fleetOrderSchema.parse(JSON.parse(process.argv[2] ?? "null"));
const log = createLogger(process.env.SKIFF_LOG_LEVEL ?? "error");
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const heapAfterGc = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};

const baselineHeapBytes = heapAfterGc();
const started = performance.now();
try {
  const fleet = await startHollowFleet({ ...order, log });
  const line: FleetStarted = {
    type: "started",
    nodes: fleet.nodes.length,
    startMs: performance.now() - started,
    baselineHeapBytes,
    heapBytes: heapAfterGc(),
    rssBytes: process.memoryUsage().rss,
  };
  console.log(JSON.stringify(line));
  process.once("SIGTERM", () => {
    void fleet.stop().finally(() => process.exit(0));
  });
} catch (error) {
  console.log(JSON.stringify({ type: "failed", message: (error as Error).message }));
  process.exit(1);
}
