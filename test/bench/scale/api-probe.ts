import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { RestClient } from "../../../src/client/rest/rest-client.js";

/** One kind of call the probe makes, and how long each took (ms). */
export interface ProbeLatencies {
  get: number[];
  list: number[];
  errors: number;
}

export interface ProbeCalls {
  /** A GET of one object. */
  get(): Promise<unknown>;
  /** A LIST of a namespace's objects by label (about one Deployment's pods). */
  list(): Promise<unknown>;
}

/**
 * A client that, while a run goes on, issues `perSecond` calls (GETs and
 * LISTs alternately) on a fixed schedule, one at a time per kind, and
 * times each from issue to full answer: the API latency a user sees
 * during the run.
 */
export function startApiProbe(calls: ProbeCalls, perSecond: number): { stop(): Promise<ProbeLatencies> } {
  const latencies: ProbeLatencies = { get: [], list: [], errors: 0 };
  const stopped = new AbortController();
  const loop = async (call: () => Promise<unknown>, into: number[]): Promise<void> => {
    const intervalMs = 2_000 / perSecond;
    while (!stopped.signal.aborted) {
      const start = performance.now();
      try {
        await call();
        into.push(performance.now() - start);
      } catch {
        latencies.errors++;
      }
      const wait = intervalMs - (performance.now() - start);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  const loops = [loop(() => calls.get(), latencies.get), loop(() => calls.list(), latencies.list)];
  return {
    async stop() {
      stopped.abort();
      await Promise.all(loops);
      return latencies;
    },
  };
}

/** The probe's calls on a benchmark cluster: GET a node, LIST one Deployment's pods. */
export function clusterProbeCalls(client: RestClient, nodeName: string, namespace: string, labelSelector: string): ProbeCalls {
  const nodes: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
  const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
  return {
    get: () => client.get(nodes, undefined, nodeName),
    list: () => client.list(pods, namespace, { labelSelector }),
  };
}
