import { mkdir } from "node:fs/promises";
import type { Taint } from "../src/api/core/v1/node.js";
import { RestEventRecorder } from "../src/client/events/rest-event-recorder.js";
import { RestClient } from "../src/client/rest/rest-client.js";
import type { Logger } from "../src/log.js";
import { Agent } from "./agent.js";
import { joinWhenReachable } from "./join-when-reachable.js";
import { realHostReader } from "./node/host-reader.js";
import { NodePart } from "./node/node-part.js";
import { dockerRuntimeInfo } from "./runtime/docker-info.js";

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
 * the node's identity. The kubelet, tunnel and proxy parts are added here,
 * after the node part: the node is registered before pods are run on it.
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
  const runtime = dockerRuntimeInfo(settings.dockerHost);
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
  return {
    agent: new Agent([node], log),
    joined,
    async close() {
      await recorder.flush();
      client.close();
    },
  };
}
