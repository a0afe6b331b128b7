import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { benchPod, pods, withUpdateMark } from "./bench-pod.js";
import { fillPods } from "./fill-pods.js";
import { type LoadFigures, openLoop, summarize } from "./load.js";

/** Pods the updates cycle through: at 250 updates/s each is written every 2 s. */
const updatedPods = 500;

/**
 * Mutating calls at a fixed offered rate (open loop): creates of new pods
 * and updates (PUT with resourceVersion) of existing ones, alternating.
 * Updates of one pod are chained on its previous update, so none meets a
 * conflict; if the server falls 2 s behind, the wait shows in the latency.
 */
export async function measureOfferedWrites(
  client: RestClient,
  fillers: readonly RestClient[],
  namespace: string,
  rate: number,
  seconds: number,
): Promise<LoadFigures> {
  const { created } = await fillPods(fillers, namespace, "offered-pool-", updatedPods);
  const latest: Promise<ApiObject>[] = created.map((pod) => Promise.resolve(pod));

  const result = await openLoop(rate, seconds * 1000, async (n) => {
    if (n % 2 === 0) return client.create(pods, namespace, benchPod(`offered-${n}`));
    const index = (n >> 1) % updatedPods;
    const next = (latest[index] ?? Promise.reject(new Error(`no pod ${index}`))).then((current) =>
      client.update(pods, namespace, withUpdateMark(current, n)),
    );
    latest[index] = next;
    return next;
  });
  return summarize(result);
}
