import type { Store } from "../../store/store.js";
import type { Logger } from "../../../src/log.js";
import { WatchCache, type ObjectWatch } from "../watchcache/watch-cache.js";
import { collectionPrefix, objectKey, type ResourceKeySpace } from "./keys.js";
import { decodeStored } from "./object-event.js";

/**
 * The apiserver's view of the store: objects instead of strings. An object's
 * `metadata.resourceVersion` is never stored; it is the key's modRevision,
 * set on the way out, as Kubernetes does with etcd.
 */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: unknown[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export type WriteResult =
  | { ok: true; object: StoredObject }
  | { ok: false; current: StoredObject | undefined };

function encodeForStore(object: StoredObject): string {
  const { resourceVersion: _dropped, ...metadata } = object.metadata;
  return JSON.stringify({ ...object, metadata });
}

/** Objects of one resource over a Store. */
export class ObjectStore {
  private readonly events: WatchCache;

  constructor(
    private readonly store: Store,
    readonly keySpace: ResourceKeySpace,
    log?: Logger,
  ) {
    this.events = new WatchCache(store, keySpace, log ? { log } : {});
  }

  async get(namespace: string, name: string): Promise<StoredObject | undefined> {
    const kv = await this.store.get(objectKey(this.keySpace, namespace, name));
    return kv ? decodeStored(kv) : undefined;
  }

  async create(object: StoredObject): Promise<WriteResult> {
    const result = await this.store.create(this.keyOf(object), encodeForStore(object));
    return result.ok ? { ok: true, object: decodeStored(result.kv) } : { ok: false, current: decodeStored(result.current) };
  }

  /** Writes only if the stored object is still at `resourceVersion`. */
  async update(object: StoredObject, resourceVersion: number): Promise<WriteResult> {
    const result = await this.store.update(this.keyOf(object), encodeForStore(object), resourceVersion);
    if (result.ok) return { ok: true, object: decodeStored(result.kv) };
    return { ok: false, current: result.current ? decodeStored(result.current) : undefined };
  }

  /** Deletes only if the stored object is still at `resourceVersion` (when given). */
  async delete(namespace: string, name: string, resourceVersion?: number): Promise<WriteResult> {
    const result = await this.store.delete(objectKey(this.keySpace, namespace, name), resourceVersion);
    if (!result.ok) return { ok: false, current: result.current ? decodeStored(result.current) : undefined };
    const deleted = decodeStored(result.deleted);
    deleted.metadata.resourceVersion = String(result.revision);
    return { ok: true, object: deleted };
  }

  async list(
    namespace: string,
    options: { limit?: number; continue?: string; revision?: number } = {},
  ): Promise<{ items: StoredObject[]; revision: number; continue?: string }> {
    const result = await this.store.list(collectionPrefix(this.keySpace, namespace), options);
    const page: { items: StoredObject[]; revision: number; continue?: string } = {
      items: result.items.map(decodeStored),
      revision: result.revision,
    };
    if (result.continue !== undefined) page.continue = result.continue;
    return page;
  }

  /** Changes after `afterRevision`, served by the resource's watch cache. */
  watch(namespace: string, afterRevision: number): Promise<ObjectWatch> {
    return this.events.watch(namespace, afterRevision);
  }

  /** Ends the watch cache's store watch and every watcher. */
  close(): void {
    this.events.close();
  }

  currentRevision(): Promise<number> {
    return this.store.currentRevision();
  }

  private keyOf(object: StoredObject): string {
    return objectKey(this.keySpace, object.metadata.namespace ?? "", object.metadata.name ?? "");
  }
}
