import { z } from "zod";
import { resourcePath, withQuery, type ResourceRef } from "../rest/paths.js";
import type { ApiObject, RestClient } from "../rest/rest-client.js";
import { watch } from "../watch/watch.js";
import type { WatchEvent } from "../watch/watch-event.js";
import type { WatchProtocol } from "../watch/watch-options.js";
import type { Watcher } from "../watch/watcher.js";

/** One page of a list, as the informer needs it. */
export interface ListPage<T> {
  items: T[];
  resourceVersion: string;
  /** Set when more pages follow. */
  continue?: string;
}

/**
 * Where an informer's objects come from (client-go's ListerWatcher): a
 * paged list, and a watch from a resourceVersion with bookmarks. The
 * selectors and namespace are fixed when it is made.
 */
export interface ListerWatcher<T> {
  list(options: { limit?: number; continue?: string; signal: AbortSignal }): Promise<ListPage<T>>;
  watch(options: { resourceVersion: string; timeoutSeconds: number; signal: AbortSignal }): AsyncIterable<WatchEvent<T & ApiObject>>;
}

/** What selects the objects of a `resourceListerWatcher`, and how its watch travels. */
export interface ResourceSelection {
  labelSelector?: string;
  fieldSelector?: string;
  /** Default "http". */
  protocol?: WatchProtocol;
  /** Opens the watches instead of the client (lists stay the client's); `protocol` is then unused. */
  watcher?: Watcher;
}

const listSchema = z.object({
  metadata: z.looseObject({ resourceVersion: z.string().min(1), continue: z.string().optional() }),
  items: z.array(z.looseObject({ metadata: z.looseObject({ name: z.string(), resourceVersion: z.string() }) })).nullable(),
});

/** A list answer that an informer cannot use (no resourceVersion to watch from, items without names). */
export class MalformedListError extends Error {
  constructor(path: string, cause: z.ZodError) {
    super(`list ${path}: unusable answer: ${z.prettifyError(cause)}`, { cause });
    this.name = "MalformedListError";
  }
}

/**
 * The ListerWatcher of one resource through the REST client, in one
 * namespace or (namespace undefined) in all of them.
 */
export function resourceListerWatcher<T extends ApiObject>(
  client: RestClient,
  ref: ResourceRef,
  namespace: string | undefined,
  selection: ResourceSelection = {},
): ListerWatcher<T> {
  const selectors = {
    labelSelector: selection.labelSelector || undefined,
    fieldSelector: selection.fieldSelector || undefined,
  };
  return {
    async list({ limit, continue: token, signal }) {
      const path = withQuery(resourcePath(ref, namespace), { ...selectors, limit, continue: token });
      const parsed = listSchema.safeParse(await client.request<unknown>({ method: "GET", path, signal }));
      if (!parsed.success) throw new MalformedListError(path, parsed.error);
      const { metadata, items } = parsed.data;
      const page: ListPage<T> = { items: (items ?? []) as unknown as T[], resourceVersion: metadata.resourceVersion };
      if (metadata.continue) page.continue = metadata.continue;
      return page;
    },
    watch({ resourceVersion, timeoutSeconds, signal }) {
      const options = { ...selectors, resourceVersion, timeoutSeconds, allowWatchBookmarks: true, signal };
      if (selection.watcher) return selection.watcher.watch<T>(ref, namespace, options);
      return watch<T>(client, ref, namespace, { ...options, ...(selection.protocol ? { protocol: selection.protocol } : {}) });
    },
  };
}
