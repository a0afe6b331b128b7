import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { benchPod, pods, withUpdateMark } from "./bench-pod.js";
import { fillPods } from "./fill-pods.js";
import { type LoadFigures, openLoop, summarize } from "./load.js";

/** Pods the updates cycle through: at 250 updates/s each is written every 2 s. */
export const updatedPods = 500;
/** The REST client's connection pool size (src/client/rest/transport.ts). */
const clientConnections = 64;

/** Creates the pods the open loop's updates go to. */
export async function createUpdatePool(clients: readonly RestClient[], namespace: string): Promise<ApiObject[]> {
  return (await fillPods(clients, namespace, "offered-pool-", updatedPods)).created;
}

/**
 * Mutating calls at a fixed offered rate (open loop): creates of new pods
 * and updates (PUT with resourceVersion) of the pool's pods, alternating.
 * Updates of one pod are chained on its previous update, so none meets a
 * conflict; if the server falls behind by a whole cycle of the pool, the
 * wait shows in the latency.
 */
export async function measureOfferedWrites(
  client: RestClient,
  pool: readonly ApiObject[],
  namespace: string,
  rate: number,
  seconds: number,
): Promise<LoadFigures> {
  // Open every connection the client may use first: a stall must not be
  // lengthened by TLS handshakes that a long-running client has long done.
  const warmUpName = pool[0]?.metadata?.name ?? "";
  await Promise.all(Array.from({ length: clientConnections }, () => client.get(pods, namespace, warmUpName)));

  const latest: Promise<ApiObject>[] = pool.map((pod) => Promise.resolve(pod));
  const result = await openLoop(rate, seconds * 1000, async (n) => {
    if (n % 2 === 0) return client.create(pods, namespace, benchPod(`offered-${n}`));
    const index = (n >> 1) % latest.length;
    const next = (latest[index] ?? Promise.reject(new Error(`no pod ${index} in the pool`))).then((current) =>
      client.update(pods, namespace, withUpdateMark(current, n)),
    );
    latest[index] = next;
    return next;
  });
  return summarize(result);
}
