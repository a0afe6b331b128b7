import { join } from "node:path";
import type { Node } from "../../../src/api/core/v1/node.js";
import { RestClient } from "../../../src/client/rest/rest-client.js";
import { createdJoinTokenSchema, joinTokensPath } from "../../../src/join/join-api.js";
import { startEtcd, type EtcdProcess } from "../../support/etcd.js";
import { startServerProcess, type ServerProcess } from "../apiserver/server-process.js";
import { startFleetProcess, type FleetProcess } from "../hollow/fleet-processes.js";
import { hollowLabel } from "../hollow/hollow-node.js";
import { workload } from "./scale-workload.js";

const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const nodesReadyLimitMs = 600_000;

/** A skiff server process (on SQLite or on an etcd of its own) with M hollow nodes joined and Ready. */
export interface ScaleCluster {
  server: ServerProcess;
  client: RestClient;
  fleets: FleetProcess[];
  nodesReadyMs: number;
  stop(): Promise<void>;
}

export interface ScaleClusterSettings {
  /** The bundled skiff CLI and hollow-node process. */
  cli: string;
  hollow: string;
  engine: "sqlite" | "etcd";
  nodes: number;
  dir: string;
}

export async function startScaleCluster(settings: ScaleClusterSettings): Promise<ScaleCluster> {
  let etcd: EtcdProcess | undefined;
  let server: ServerProcess | undefined;
  let client: RestClient | undefined;
  const fleets: FleetProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(fleets.map((fleet) => fleet.stop()));
    client?.close();
    await server?.stop();
    await etcd?.stop();
  };
  try {
    if (settings.engine === "etcd") etcd = await startEtcd();
    const store = etcd ? { engine: "etcd" as const, endpoint: etcd.endpoint } : { engine: "sqlite" as const };
    server = await startServerProcess(settings.cli, join(settings.dir, "server"), store, [], ["--cluster-cidr", workload.clusterCidr]);
    client = new RestClient(server.access);
    const answer = await client.request<unknown>({ method: "POST", path: joinTokensPath, body: JSON.stringify({ ttlSeconds: 3600 }), contentType: "application/json" });
    const { token } = createdJoinTokenSchema.parse(answer);
    const started = performance.now();
    const processes = Math.ceil(settings.nodes / workload.nodesPerProcess);
    const per = Math.ceil(settings.nodes / processes);
    const orders = Array.from({ length: processes }, (_, n) => ({
      server: server!.access.server,
      token,
      namePrefix: "hollow",
      first: n * per,
      count: Math.min(per, settings.nodes - n * per),
      dataRoot: join(settings.dir, "nodes"),
    }));
    // Pushed as each comes up, so a failure of one still stops the others.
    await Promise.all(orders.map(async (order) => fleets.push(await startFleetProcess(settings.hollow, order))));
    await waitForReadyNodes(client, settings.nodes);
    return { server, client, fleets, nodesReadyMs: performance.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForReadyNodes(client: RestClient, count: number): Promise<void> {
  const deadline = performance.now() + nodesReadyLimitMs;
  for (;;) {
    const nodes = await client.list<Node>(nodesRef, undefined, { labelSelector: `${hollowLabel}=true` });
    const ready = nodes.items.filter((node) => node.spec?.podCIDR && node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
    if (ready.length >= count) return;
    if (performance.now() > deadline) throw new Error(`${ready.length} of ${count} hollow nodes Ready within ${nodesReadyLimitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
