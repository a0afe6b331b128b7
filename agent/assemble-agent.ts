import type { Taint } from "../src/api/core/v1/node.js";
import { RestEventRecorder } from "../src/client/events/rest-event-recorder.js";
import type { ClientConfig } from "../src/client/rest/client-config.js";
import { RestClient } from "../src/client/rest/rest-client.js";
import { realClock } from "../src/clock.js";
import type { Logger } from "../src/log.js";
import { Agent } from "./agent.js";
import { AgentTunnel } from "./connection/agent-tunnel.js";
import { TunnelPart } from "./connection/tunnel-part.js";
import { tunnelWatcher } from "./connection/tunnel-watcher.js";
import { KubeletPart } from "./kubelet/kubelet-part.js";
import type { HostReader } from "./node/host-reader.js";
import { NodePart } from "./node/node-part.js";
import type { ContainerRuntime } from "./runtime/container-runtime.js";
import { acceptPodStream } from "./streams/accept-pod-stream.js";

/** One node's identity and configuration, once it has its credential. */
export interface AgentAssembly {
  /** The node's credential (server, pinned CA, node token). */
  clientConfig: ClientConfig;
  nodeName: string;
  nodeIp?: string;
  labels: Record<string, string>;
  taints: Taint[];
  dataDir: string;
  pauseImage: string;
  /** The engine the pods run on: Docker for `skiff agent`, the fake one for hollow nodes. */
  runtime: ContainerRuntime;
  /** The host the node's facts are read from. */
  host: HostReader;
  /** Makes (or checks) the node's pod network on its pod CIDR; resolves with the network's name. */
  ensurePodNetwork(podCidr: string): Promise<string>;
  log: Logger;
}

export interface AssembledAgent {
  agent: Agent;
  /** After `agent.stop()`: writes the Events still queued and closes the connections. */
  close(): Promise<void>;
}

/**
 * Builds the agent's parts on the node's identity: the tunnel (the one
 * connection the watches, logs and exec travel over), the node, then the
 * kubelet, so the node is registered before pods are run on it. The same
 * code runs `skiff agent` on Docker and the benchmark's hollow nodes on the
 * fake runtime. The proxy part comes with issue 8.
 */
export function assembleAgent(assembly: AgentAssembly): AssembledAgent {
  const { clientConfig, nodeName, runtime, log } = assembly;
  const client = new RestClient(clientConfig);
  const recorder = new RestEventRecorder({ client, component: "kubelet", host: nodeName, log: log.child({ component: "events" }) });
  const tunnel = new AgentTunnel({
    server: clientConfig.server,
    ...(clientConfig.caPem ? { caPem: clientConfig.caPem } : {}),
    token: clientConfig.token ?? "",
    node: nodeName,
    accept: acceptPodStream({
      runtime,
      clock: realClock,
      log: log.child({ component: "streams" }),
      // The kubelet part is made below; streams are served only once the agent runs.
      waitingReason: (uid: string, container: string): string | undefined => kubelet.containerWaitingReason(uid, container),
    }),
    clock: realClock,
    random: Math.random,
    log: log.child({ component: "tunnel" }),
  });
  const node = new NodePart({
    client,
    nodeName,
    ...(assembly.nodeIp ? { nodeIp: assembly.nodeIp } : {}),
    labels: assembly.labels,
    taints: assembly.taints,
    dataDir: assembly.dataDir,
    runtime,
    host: assembly.host,
    recorder,
    log: log.child({ component: "node" }),
  });
  const kubelet = new KubeletPart({
    client,
    watcher: tunnelWatcher(tunnel),
    runtime,
    ensurePodNetwork: assembly.ensurePodNetwork,
    recorder,
    nodeName,
    dataDir: assembly.dataDir,
    pauseImage: assembly.pauseImage,
    log: log.child({ component: "kubelet" }),
  });
  return {
    // Stopped in reverse: the kubelet first, the connection its watches use last.
    agent: new Agent([new TunnelPart(tunnel), node, kubelet], log),
    async close() {
      await recorder.flush();
      client.close();
    },
  };
}
