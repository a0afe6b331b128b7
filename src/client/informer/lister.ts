import type { Selector } from "../../api/labels/index.js";
import type { ApiObject } from "../rest/rest-client.js";
import { labelIndex, labelsOf, namespaceIndex } from "./index-functions.js";
import type { Indexer } from "./indexer.js";
import { keyOf } from "./object-key.js";

/**
 * Reads an informer's cache. The objects are the cache's own, shared with
 * every other reader and with the event handlers: copy one
 * (`structuredClone`) before changing it, as with client-go's listers.
 */
export class Lister<T extends ApiObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** The object named `name` in `namespace` (undefined for a cluster-scoped kind). */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.indexer.get(keyOf(namespace, name));
  }

  /** The object under a cache key, `namespace/name` or `name` (the keys a work queue carries). */
  getByKey(key: string): T | undefined {
    return this.indexer.get(key);
  }

  /** Every object, or those in `namespace`, whose labels match `selector` (all when absent). */
  list(namespace?: string, selector?: Selector): T[] {
    const candidates = this.candidates(namespace, selector);
    return candidates.filter(
      (object) =>
        (namespace === undefined || (object.metadata?.namespace ?? "") === namespace) &&
        (selector === undefined || selector.matches(labelsOf(object))),
    );
  }

  /** The objects filed under `value` in the named index. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexer.byIndex(indexName, value);
  }

  // The smallest set that surely holds every match: one label's objects when
  // the selector pins a label to one value, else the namespace's, else all.
  private candidates(namespace: string | undefined, selector: Selector | undefined): T[] {
    const pinned = selector?.requirements().find(
      (r) => r.operator === "=" || r.operator === "==" || (r.operator === "in" && r.values.length === 1),
    );
    if (pinned) return this.indexer.byIndex(labelIndex, `${pinned.key}=${pinned.values[0]}`);
    if (namespace !== undefined) return this.indexer.byIndex(namespaceIndex, namespace);
    return this.indexer.list();
  }
}
