import { realClock, sleep, type Clock } from "../../src/clock.js";
import type { EventRecorder } from "../../src/client/events/event-recorder.js";
import type { RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";
import { skiffVersion } from "../../src/version.js";
import type { AgentPart } from "../agent-part.js";
import type { RuntimeInfo } from "../runtime/container-runtime.js";
import type { HostReader } from "./host-reader.js";
import { readNodeAddresses } from "./node-addresses.js";
import { readNodeCapacity } from "./node-capacity.js";
import { nodeLabels } from "./node-labels.js";
import { NodeLease, nodeLeaseDurationSeconds } from "./node-lease.js";
import { nodeEventRef } from "./node-refs.js";
import { registerNode, type NodeRegistration } from "./node-registration.js";
import { NodeStatusReporter, type NodeFacts } from "./node-status-reporter.js";
import { goArch, readNodeSystemInfo } from "./node-system-info.js";

export interface NodePartOptions {
  client: Pick<RestClient, "create" | "get" | "update" | "patch">;
  nodeName: string;
  /** `--node-ip`: the InternalIP to report instead of the one found. */
  nodeIp?: string;
  /** `--node-label`s, already checked. */
  labels: Record<string, string>;
  /** `--node-taint`s, set at registration only. */
  taints: NodeRegistration["taints"];
  /** The agent's data dir: its filesystem's size is the node's ephemeral-storage. */
  dataDir: string;
  runtime: RuntimeInfo;
  host: HostReader;
  recorder?: EventRecorder;
  clock?: Clock;
  log: Logger;
  /** How often the runtime is pinged and the status checked (default 10 s). */
  statusCheckMs?: number;
  /** How often the Lease is renewed (default 10 s). */
  leaseRenewMs?: number;
  /** Waits between registration attempts while the server refuses or is away (default 7 s, as the kubelet). */
  registerRetryMs?: number;
}

/**
 * The node part of the agent: registers (or adopts) the Node, then keeps
 * its status (Ready while the runtime answers) and its Lease up to date
 * until stopped. Stopping leaves the Node and the Lease as they are: the
 * Lease simply stops being renewed.
 */
export class NodePart implements AgentPart {
  readonly name = "node";
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly clock: Clock;

  constructor(private readonly options: NodePartOptions) {
    this.clock = options.clock ?? realClock;
  }

  /** Resolves once the Node is registered (retrying while the server refuses), with both loops running. */
  async start(): Promise<void> {
    const { options } = this;
    const { host, nodeName, log, recorder } = options;
    const signal = this.abort.signal;
    const architecture = goArch(host.nodeArch());
    const registration = { name: nodeName, labels: nodeLabels(nodeName, architecture, options.labels), taints: options.taints };
    let node: Awaited<ReturnType<typeof registerNode>> | undefined;
    while (!signal.aborted && node === undefined) {
      node = await registerNode(options.client, registration, log).catch((error: unknown) => {
        log.error({ err: error, node: nodeName }, "could not register the node; trying again");
        return undefined;
      });
      if (node === undefined) await sleep(this.clock, options.registerRetryMs ?? 7_000, signal);
    }
    if (node === undefined) return;
    recorder?.event(nodeEventRef(nodeName), "Normal", "Starting", "Starting skiff agent.");

    const reporter = new NodeStatusReporter({
      client: options.client,
      nodeName,
      runtime: options.runtime,
      readFacts: (runtimeVersion) => this.readFacts(runtimeVersion),
      clock: this.clock,
      log,
      ...(recorder ? { recorder } : {}),
    });
    reporter.seed(node.status?.conditions ?? []);
    const lease = new NodeLease({ client: options.client, nodeName, nodeUid: node.metadata.uid ?? "", clock: this.clock, log });
    // The first status and Lease are written before start resolves: the node is visible as soon as the agent says it runs.
    await reporter.check();
    await lease.renew().catch((error: unknown) => log.warn({ err: error }, "could not renew the node's lease; trying again"));
    let lastRenewedMs = this.clock.now();
    let renewalFailed = false;
    const renewLease = async (): Promise<void> => {
      try {
        await lease.renew();
      } catch (error) {
        log.warn({ err: error }, "could not renew the node's lease; trying again");
        renewalFailed = true;
        return;
      }
      // Back in touch after failed or late renewals (a partition, a suspended host): the server may have marked the node Unknown.
      const now = this.clock.now();
      if (renewalFailed || now - lastRenewedMs >= (nodeLeaseDurationSeconds * 1000) / 2) reporter.invalidate();
      lastRenewedMs = now;
      renewalFailed = false;
    };
    this.loops = [this.every(options.statusCheckMs ?? 10_000, () => reporter.check()), this.every(options.leaseRenewMs ?? 10_000, renewLease)];
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private async every(intervalMs: number, round: () => Promise<void>): Promise<void> {
    const signal = this.abort.signal;
    for (;;) {
      await sleep(this.clock, intervalMs, signal);
      if (signal.aborted) return;
      await round();
    }
  }

  private async readFacts(runtimeVersion: string): Promise<NodeFacts> {
    const { host, dataDir, nodeIp } = this.options;
    const [capacity, addresses, nodeInfo] = await Promise.all([
      readNodeCapacity(host, dataDir),
      readNodeAddresses(host, host.hostname().toLowerCase(), nodeIp),
      readNodeSystemInfo(host, { runtime: runtimeVersion, skiff: `v${skiffVersion}` }),
    ]);
    return { capacity, addresses, nodeInfo };
  }
}
