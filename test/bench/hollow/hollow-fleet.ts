import type { Logger } from "../../../src/log.js";
import { startHollowNode, type HollowNode } from "./hollow-node.js";

export interface HollowFleetSettings {
  server: string;
  token: string;
  /** Node names are `<prefix>-<index>`. */
  namePrefix: string;
  /** Indexes `first` to `first + count - 1` (distinct InternalIPs across processes). */
  first: number;
  count: number;
  dataRoot: string;
  /** Nodes joining at once: each join is a few round trips and a credential write. */
  concurrency?: number;
  log: Logger;
}

/** Many hollow nodes in this process. */
export interface HollowFleet {
  nodes: readonly HollowNode[];
  stop(): Promise<void>;
}

/**
 * Starts `count` hollow nodes, `concurrency` at a time, and resolves once
 * all run; if one fails to start, the ones started are stopped and the
 * failure is thrown.
 */
export async function startHollowFleet(settings: HollowFleetSettings): Promise<HollowFleet> {
  const nodes: HollowNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.splice(0).map((node) => node.stop()));
  };
  let next = 0;
  const starter = async (): Promise<void> => {
    while (next < settings.count) {
      const index = settings.first + next++;
      const nodeName = `${settings.namePrefix}-${index}`;
      nodes.push(await startHollowNode({ server: settings.server, token: settings.token, nodeName, index, dataRoot: settings.dataRoot, log: settings.log }));
    }
  };
  const starters = Array.from({ length: Math.min(settings.concurrency ?? 16, settings.count) }, starter);
  const results = await Promise.allSettled(starters);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { nodes, stop };
}
