import type { DiscoveredResource } from "../../client/discovery.js";
import { isNotFound, type ApiObject, type RestClient } from "../../client/rest/rest-client.js";
import { isExpired, watch, WatchStreamError } from "../../client/watch/index.js";

/** The object was still there when the time to wait ran out. */
export class DeletionTimeoutError extends Error {
  constructor(resource: DiscoveredResource, name: string) {
    super(`timed out waiting for the condition on ${resource.resource}/${name}`);
    this.name = "DeletionTimeoutError";
  }
}

/**
 * Resolves once the object is gone: not found, or found with another uid
 * (deleted and made again). Watches the one name from the version it was
 * read at, and looks again whenever that watch ends or expires; finalizers
 * may keep an object for a while, its deletion is done only when it goes.
 *
 * @throws DeletionTimeoutError when `deadline` aborts first.
 */
export async function waitForDeletion(
  client: RestClient,
  resource: DiscoveredResource,
  namespace: string | undefined,
  name: string,
  uid: string | undefined,
  deadline?: AbortSignal,
): Promise<void> {
  const isOther = (object: ApiObject | undefined): boolean => uid !== undefined && object?.metadata?.uid !== uid;
  for (;;) {
    if (deadline?.aborted) throw new DeletionTimeoutError(resource, name);
    let current: ApiObject;
    try {
      current = await client.get(resource, namespace, name);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    if (isOther(current)) return;
    const events = watch(client, resource, namespace, {
      resourceVersion: current.metadata?.resourceVersion ?? "0",
      fieldSelector: `metadata.name=${name}`,
      ...(deadline ? { signal: deadline } : {}),
    });
    try {
      for await (const event of events) {
        if (event.type === "DELETED" || (event.type !== "BOOKMARK" && isOther(event.object))) return;
      }
    } catch (error) {
      // A watch that broke or fell out of the server's window: read the object again.
      if (!isExpired(error) && !(error instanceof WatchStreamError)) throw error;
    }
  }
}
