import { isDeepStrictEqual } from "node:util";
import type { NodeCondition } from "../../src/api/core/v1/node.js";
import { realClock, type Clock } from "../../src/clock.js";
import type { EventRecorder } from "../../src/client/events/event-recorder.js";
import type { RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";
import type { RuntimeInfo } from "../runtime/container-runtime.js";
import type { NodeAddress } from "./node-addresses.js";
import { desiredConditions, stampConditions } from "./node-conditions.js";
import { nodeEventRef, nodesRef } from "./node-refs.js";
import type { NodeSystemInfo } from "./node-system-info.js";

/** The node's status other than its conditions, read from the host. */
export interface NodeFacts {
  capacity: Record<string, string>;
  addresses: NodeAddress[];
  nodeInfo: NodeSystemInfo;
}

/** The kubelet's nodeStatusReportFrequency: a status unchanged this long is written again as a heartbeat. */
export const nodeStatusReportIntervalMs = 5 * 60_000;

export interface NodeStatusReporterOptions {
  client: Pick<RestClient, "patch">;
  nodeName: string;
  runtime: RuntimeInfo;
  /** Reads the host's facts; `runtimeVersion` is `docker://26.1.5` (or "" while it is unknown). */
  readFacts(runtimeVersion: string): Promise<NodeFacts>;
  recorder?: EventRecorder;
  clock?: Clock;
  log: Logger;
}

/**
 * Keeps the Node's status true, as the kubelet's node status loop: each
 * `check` pings the runtime and reads the host, and PATCHes the status
 * (strategic merge: conditions by type) when anything changed, or when the
 * last write is five minutes old. Ready is True only while the runtime
 * answers. A write that fails is tried again at the next check.
 */
export class NodeStatusReporter {
  private readonly clock: Clock;
  private previous: NodeCondition[] = [];
  /** What was last written, without timestamps; undefined until a write succeeds. */
  private written: unknown;
  private lastWriteMs = 0;
  private runtimeVersion = "";
  private wasReady: boolean | undefined;

  constructor(private readonly options: NodeStatusReporterOptions) {
    this.clock = options.clock ?? realClock;
  }

  /** Starts from the conditions the Node has (after a restart), so their transition times carry over. */
  seed(conditions: readonly NodeCondition[]): void {
    this.previous = [...conditions];
    const ready = conditions.find((c) => c.type === "Ready");
    if (ready) this.wasReady = ready.status === "True";
  }

  /**
   * The server may no longer hold what was last written (the node was out
   * of touch long enough for the node lifecycle controller to mark it
   * Unknown): the next check writes the whole status again, as the kubelet
   * does when the Node it reads back differs from its own view.
   */
  invalidate(): void {
    this.written = undefined;
  }

  /** One round: ping, read, write if needed. Never throws: failures are logged. */
  async check(): Promise<void> {
    const { client, nodeName, runtime, log } = this.options;
    const runtimeUp = await runtime.ping().then(
      () => true,
      (error: unknown) => {
        log.warn({ err: error }, "the container runtime does not answer");
        return false;
      },
    );
    if (runtimeUp && this.runtimeVersion === "") {
      const version = await runtime.version().catch(() => undefined);
      if (version) this.runtimeVersion = `${version.name}://${version.version}`;
    }
    let facts: NodeFacts;
    try {
      facts = await this.options.readFacts(this.runtimeVersion);
    } catch (error) {
      log.error({ err: error }, "could not read the node's facts");
      return;
    }
    const desired = desiredConditions({ runtimeUp });
    const content = { facts, desired };
    const now = this.clock.now();
    if (this.written !== undefined && isDeepStrictEqual(content, this.written) && now - this.lastWriteMs < nodeStatusReportIntervalMs) return;

    const conditions = stampConditions(desired, this.previous, now);
    const status = { capacity: facts.capacity, allocatable: facts.capacity, addresses: facts.addresses, nodeInfo: facts.nodeInfo, conditions };
    try {
      await client.patch(nodesRef, undefined, nodeName, "strategic", { status }, { subresource: "status", fieldManager: "skiff-agent" });
    } catch (error) {
      log.warn({ err: error }, "could not write the node's status; trying again at the next check");
      return;
    }
    this.previous = conditions;
    this.written = content;
    this.lastWriteMs = now;
    if (this.wasReady !== runtimeUp) {
      const reason = runtimeUp ? "NodeReady" : "NodeNotReady";
      log.info({ node: nodeName, ready: runtimeUp }, runtimeUp ? "the node is ready" : "the node is not ready: the container runtime is down");
      this.options.recorder?.event(nodeEventRef(nodeName), "Normal", reason, `Node ${nodeName} status is now: ${reason}`);
      this.wasReady = runtimeUp;
    }
  }
}
