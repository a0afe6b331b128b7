import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import Docker from "dockerode";
import type { Taint } from "../src/api/core/v1/node.js";
import { RestEventRecorder } from "../src/client/events/rest-event-recorder.js";
import { RestClient } from "../src/client/rest/rest-client.js";
import { realClock } from "../src/clock.js";
import type { Logger } from "../src/log.js";
import { Agent } from "./agent.js";
import { joinWhenReachable } from "./join-when-reachable.js";
import { realHostReader } from "./node/host-reader.js";
import { NodePart } from "./node/node-part.js";
import { AgentTunnel } from "./connection/agent-tunnel.js";
import { TunnelPart } from "./connection/tunnel-part.js";
import { tunnelWatcher } from "./connection/tunnel-watcher.js";
import { KubeletPart } from "./kubelet/kubelet-part.js";
import { ensurePodBridge } from "./network/pod-bridge.js";
import { dockerOptions } from "./runtime/docker/docker-options.js";
import { DockerRuntime } from "./runtime/docker/docker-runtime.js";
import { acceptPodStream } from "./streams/accept-pod-stream.js";

/** What `skiff agent` was told, checked. */
export interface AgentSettings {
  server: string;
  /** The join token; "" when the data dir already holds the node's credential. */
  token: string;
  dataDir: string;
  nodeName: string;
  nodeIp?: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** The sandbox image, for the kubelet part. */
  pauseImage: string;
  /** DOCKER_HOST-style address of the engine; default: DOCKER_HOST, else the default socket. */
  dockerHost?: string;
  /** The Docker network of the node's pods (default `skiff-pods`); tests sharing one engine name their own. */
  podNetwork?: string;
  log: Logger;
}

export interface ComposedAgent {
  agent: Agent;
  /** True when this start joined the cluster; false when the stored credential was reused. */
  joined: boolean;
  /** After `agent.stop()`: writes the Events still queued and closes the connections. */
  close(): Promise<void>;
}

/**
 * Joins (or reuses the stored credential; waiting while the server does
 * not answer, until `signal` aborts) and builds the agent's parts on
 * the node's identity: the tunnel (the one connection the watches, logs
 * and exec travel over), the node, then the kubelet, so the node is
 * registered before pods are run on it. The proxy part comes with issue 8.
 */
export async function composeAgent(settings: AgentSettings, signal: AbortSignal): Promise<ComposedAgent> {
  const { log, nodeName } = settings;
  await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
  const { clientConfig, joined } = await joinWhenReachable(
    { server: settings.server, token: settings.token, nodeName, dataDir: settings.dataDir },
    signal,
    log.child({ component: "join" }),
  );
  log.info({ node: nodeName, server: settings.server, joined }, joined ? "joined the cluster" : "reusing the stored node credential");
  const client = new RestClient(clientConfig);
  const recorder = new RestEventRecorder({ client, component: "kubelet", host: nodeName, log: log.child({ component: "events" }) });
  // No client timeout: stops, pulls, logs and events take as long as they take; ping and version bound themselves.
  const docker = new Docker(dockerOptions(settings.dockerHost));
  const runtime = new DockerRuntime({
    docker,
    terminationMessageDir: join(settings.dataDir, "termination-messages"),
    log: log.child({ component: "runtime" }),
    // Agents sharing one engine (tests, a lab on one host) must never take each other's pods for orphans.
    node: nodeName,
  });
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
    ...(settings.nodeIp ? { nodeIp: settings.nodeIp } : {}),
    labels: settings.labels,
    taints: settings.taints,
    dataDir: settings.dataDir,
    runtime,
    host: realHostReader,
    recorder,
    log: log.child({ component: "node" }),
  });
  const podNetwork = settings.podNetwork ?? "skiff-pods";
  const kubelet = new KubeletPart({
    client,
    watcher: tunnelWatcher(tunnel),
    runtime,
    ensurePodNetwork: async (cidr) => (await ensurePodBridge(docker, { name: podNetwork, cidr })).name,
    recorder,
    nodeName,
    dataDir: settings.dataDir,
    pauseImage: settings.pauseImage,
    log: log.child({ component: "kubelet" }),
  });
  return {
    // Stopped in reverse: the kubelet first, the connection its watches use last.
    agent: new Agent([new TunnelPart(tunnel), node, kubelet], log),
    joined,
    async close() {
      await recorder.flush();
      client.close();
    },
  };
}
