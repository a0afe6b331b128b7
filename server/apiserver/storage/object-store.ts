import type { KeyValue, Store, StoreEvent, Watch } from "../../store/store.js";
import { collectionPrefix, objectKey, type ResourceKeySpace } from "./keys.js";

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

export type ObjectEvent =
  | { type: "ADDED"; object: StoredObject; revision: number }
  | { type: "MODIFIED"; object: StoredObject; previous: StoredObject; revision: number }
  | { type: "DELETED"; object: StoredObject; previous: StoredObject; revision: number };

export type WriteResult =
  | { ok: true; object: StoredObject }
  | { ok: false; current: StoredObject | undefined };

/** Reads a stored value back into an object carrying its resourceVersion. */
export function decodeStored(kv: KeyValue): StoredObject {
  const object = JSON.parse(kv.value) as StoredObject;
  object.metadata = { ...object.metadata, resourceVersion: String(kv.modRevision) };
  return object;
}

function encodeForStore(object: StoredObject): string {
  const { resourceVersion: _dropped, ...metadata } = object.metadata;
  return JSON.stringify({ ...object, metadata });
}

export function toObjectEvent(event: StoreEvent): ObjectEvent {
  switch (event.type) {
    case "create":
      return { type: "ADDED", object: decodeStored(event.kv), revision: event.kv.modRevision };
    case "update":
      return {
        type: "MODIFIED",
        object: decodeStored(event.kv),
        previous: decodeStored(event.prev),
        revision: event.kv.modRevision,
      };
    case "delete": {
      // A deleted object is reported as it was, at the delete's revision.
      const last = decodeStored(event.prev);
      last.metadata.resourceVersion = String(event.kv.modRevision);
      return { type: "DELETED", object: last, previous: decodeStored(event.prev), revision: event.kv.modRevision };
    }
  }
}

/** Objects of one resource over a Store. */
export class ObjectStore {
  constructor(
    private readonly store: Store,
    readonly keySpace: ResourceKeySpace,
  ) {}

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

  watch(namespace: string, afterRevision: number): Watch {
    return this.store.watch(collectionPrefix(this.keySpace, namespace), afterRevision);
  }

  currentRevision(): Promise<number> {
    return this.store.currentRevision();
  }

  private keyOf(object: StoredObject): string {
    return objectKey(this.keySpace, object.metadata.namespace ?? "", object.metadata.name ?? "");
  }
}
