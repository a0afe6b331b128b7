import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { processMemory, type ProcessMemory } from "../apiserver/server-process.js";
import { fleetLineSchema, type FleetOrder, type FleetStarted } from "./fleet-messages.js";

/** A process running hollow nodes. */
export interface FleetProcess {
  pid: number;
  started: FleetStarted;
  memory(): Promise<ProcessMemory>;
  /** SIGTERM (its nodes stop), then wait for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

const startTimeoutMs = 180_000;

/**
 * Runs the bundled hollow-node process (`bundle`) with `order`; resolves
 * once all its nodes run. `--expose-gc` lets it measure its heap per node.
 */
export async function startFleetProcess(bundle: string, order: FleetOrder): Promise<FleetProcess> {
  const child = spawn(process.execPath, ["--expose-gc", bundle, JSON.stringify(order)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output = (output + chunk).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(forced);
  };
  try {
    const started = await new Promise<FleetStarted>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started within ${startTimeoutMs} ms`)), startTimeoutMs);
      void exited.then(() => reject(new Error(`exited with ${child.exitCode ?? child.signalCode}`)));
      createInterface({ input: child.stdout }).on("line", (text) => {
        const parsed = fleetLineSchema.safeParse(jsonOrUndefined(text));
        if (!parsed.success) {
          output = (output + text + "\n").slice(-4_000);
          return;
        }
        clearTimeout(timer);
        if (parsed.data.type === "started") resolve(parsed.data);
        else reject(new Error(parsed.data.message));
      });
    });
    if (child.pid === undefined) throw new Error("started without a pid");
    const pid = child.pid;
    return { pid, started, memory: () => processMemory(pid), stop };
  } catch (error) {
    await stop();
    throw new Error(`hollow nodes ${order.namePrefix}-${order.first}..${order.first + order.count - 1}: ${(error as Error).message}\n${output}`);
  }
}

/** The line as JSON; undefined for any other text (a log line, a warning). */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
