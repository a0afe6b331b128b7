import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import Docker from "dockerode";
import type { Taint } from "../src/api/core/v1/node.js";
import type { Logger } from "../src/log.js";
import type { Agent } from "./agent.js";
import { assembleAgent } from "./assemble-agent.js";
import { joinWhenReachable } from "./join-when-reachable.js";
import { realHostReader } from "./node/host-reader.js";
import { ensurePodBridge } from "./network/pod-bridge.js";
import { dockerOptions } from "./runtime/docker/docker-options.js";
import { DockerRuntime } from "./runtime/docker/docker-runtime.js";

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
 * not answer, until `signal` aborts) and assembles the agent's parts on
 * the node's identity over this host's Docker Engine.
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
  // No client timeout: stops, pulls, logs and events take as long as they take; ping and version bound themselves.
  const docker = new Docker(dockerOptions(settings.dockerHost));
  const runtime = new DockerRuntime({
    docker,
    terminationMessageDir: join(settings.dataDir, "termination-messages"),
    log: log.child({ component: "runtime" }),
    // Agents sharing one engine (tests, a lab on one host) must never take each other's pods for orphans.
    node: nodeName,
  });
  const podNetwork = settings.podNetwork ?? "skiff-pods";
  const { agent, close } = assembleAgent({
    clientConfig,
    nodeName,
    ...(settings.nodeIp ? { nodeIp: settings.nodeIp } : {}),
    labels: settings.labels,
    taints: settings.taints,
    dataDir: settings.dataDir,
    pauseImage: settings.pauseImage,
    runtime,
    host: realHostReader,
    ensurePodNetwork: async (cidr) => (await ensurePodBridge(docker, { name: podNetwork, cidr })).name,
    log,
  });
  return { agent, joined, close };
}
