import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { benchPod, pods } from "./bench-pod.js";

export interface Filled {
  /** The pods as the server answered their creates, in name order. */
  created: ApiObject[];
  perSecond: number;
}

/** Creates `count` pods named `<prefix><n>` in `namespace`, every client creating back to back. */
export async function fillPods(clients: readonly RestClient[], namespace: string, prefix: string, count: number): Promise<Filled> {
  const created: ApiObject[] = new Array<ApiObject>(count);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let n = next++; n < count; n = next++) created[n] = await client.create(pods, namespace, benchPod(`${prefix}${n}`));
    }),
  );
  return { created, perSecond: count / ((performance.now() - start) / 1000) };
}
