import type { ResourceRef } from "../../client/rest/paths.js";
import type { ApiObject, RestClient } from "../../client/rest/rest-client.js";
import { isExpired, watch, WatchStreamError } from "../../client/watch/index.js";
import { RolloutError } from "./rollout-error.js";

export interface FollowOptions {
  /** Ends the iteration (quietly). */
  signal: AbortSignal;
  /** How long the server keeps one watch open before the next is started (kubectl's reflector: 5 to 10 minutes). */
  watchTimeoutSeconds?: number;
}

/**
 * Every state of one object, as client-go's UntilWithSync sees it: the object
 * as listed, then each change from the list's version on. A watch the server
 * ends, or that breaks, is started again from the last version seen; one
 * that fell out of the server's window lists again (and yields the object
 * again). Ends when `signal` aborts.
 *
 * @throws RolloutError `object has been deleted` when the object goes: a new
 * one of the same name is another object, not the one followed.
 */
export async function* followObject(
  client: RestClient,
  resource: ResourceRef,
  namespace: string | undefined,
  name: string,
  options: FollowOptions,
): AsyncGenerator<ApiObject> {
  const { signal } = options;
  const fieldSelector = `metadata.name=${name}`;
  const deleted = (): RolloutError => new RolloutError("object has been deleted");
  let seen = false;
  let resourceVersion: string | undefined;
  while (!signal.aborted) {
    if (resourceVersion === undefined) {
      const list = await client.list(resource, namespace, { fieldSelector });
      const object = list.items[0];
      if (object === undefined && seen) throw deleted();
      if (object !== undefined) {
        seen = true;
        yield object;
      }
      resourceVersion = list.metadata.resourceVersion ?? "0";
    }
    const events = watch(client, resource, namespace, {
      resourceVersion,
      fieldSelector,
      allowWatchBookmarks: true,
      ...(options.watchTimeoutSeconds !== undefined ? { timeoutSeconds: options.watchTimeoutSeconds } : {}),
      signal,
    });
    try {
      for await (const event of events) {
        resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
        if (event.type === "BOOKMARK") continue;
        if (event.type === "DELETED") throw deleted();
        seen = true;
        yield event.object;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (isExpired(error)) resourceVersion = undefined;
      else if (!(error instanceof WatchStreamError)) throw error;
    }
  }
}
