import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { benchPod, pods, withUpdateMark } from "./bench-pod.js";
import { closedLoop, type LoadFigures, summarize } from "./load.js";

export interface CrudFigures {
  create: LoadFigures;
  update: LoadFigures;
  get: LoadFigures;
}

/** One simulated client: its connection and the pods it created, as last written. */
interface CrudClient {
  rest: RestClient;
  owned: ApiObject[];
  updates: number;
}

/**
 * Creates, then updates, then gets pods in `namespace`, each verb for
 * `secondsEach` with every client in a closed loop on its own keep-alive
 * connection. Each client updates only pods it created, with the
 * resourceVersion of its own last write, so no update meets a conflict.
 */
export async function measureCrud(clients: readonly RestClient[], namespace: string, secondsEach: number): Promise<CrudFigures> {
  const states: CrudClient[] = clients.map((rest) => ({ rest, owned: [], updates: 0 }));
  const stateOf = (client: number): CrudClient => states[client] ?? fail(`no client ${client}`);

  const create = await closedLoop(secondsEach * 1000, states.length, async (client, n) => {
    const state = stateOf(client);
    state.owned.push(await state.rest.create(pods, namespace, benchPod(`crud-${n}`)));
  });

  const update = await closedLoop(secondsEach * 1000, states.length, async (client, n) => {
    const state = stateOf(client);
    const index = state.updates++ % state.owned.length;
    const current = state.owned[index] ?? fail(`client ${client} created no pods`);
    state.owned[index] = await state.rest.update(pods, namespace, withUpdateMark(current, n));
  });

  const names = states.flatMap((s) => s.owned.map((pod) => pod.metadata?.name ?? fail("a created pod without a name")));
  const get = await closedLoop(secondsEach * 1000, states.length, async (client, n) => {
    await stateOf(client).rest.get(pods, namespace, names[n % names.length] ?? fail("no pods to get"));
  });

  return { create: summarize(create), update: summarize(update), get: summarize(get) };
}

function fail(message: string): never {
  throw new Error(message);
}
