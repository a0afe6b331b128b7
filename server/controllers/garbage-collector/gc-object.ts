import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** One entry of `metadata.ownerReferences`, as the garbage collector reads it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * What the garbage collector keeps of an object: its identity, owners and
 * deletion state, nothing else. At 30,000 pods the whole graph is these.
 */
export interface GcObject extends ApiObject {
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion?: string;
    ownerReferences?: OwnerReference[];
    deletionTimestamp?: string;
    finalizers?: string[];
  };
}

export const orphanFinalizer = "orphan";
export const foregroundDeletionFinalizer = "foregroundDeletion";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The well-formed owner references of an object (malformed entries are left out: the apiserver validated them). */
export function ownerReferencesIn(value: unknown): OwnerReference[] {
  if (!Array.isArray(value)) return [];
  const refs: OwnerReference[] = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry)) continue;
    const { apiVersion, kind, name, uid, controller, blockOwnerDeletion } = entry;
    if (typeof apiVersion !== "string" || typeof kind !== "string" || typeof name !== "string" || typeof uid !== "string") continue;
    const ref: OwnerReference = { apiVersion, kind, name, uid };
    if (typeof controller === "boolean") ref.controller = controller;
    if (typeof blockOwnerDeletion === "boolean") ref.blockOwnerDeletion = blockOwnerDeletion;
    refs.push(ref);
  }
  return refs;
}

/**
 * The informers' transform: the object reduced to what the collector
 * reads. Strings are shared with the original, the rest is dropped.
 */
export function toGcObject(object: ApiObject): GcObject {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const stripped: GcObject["metadata"] = {
    name: typeof meta.name === "string" ? meta.name : "",
    uid: typeof meta.uid === "string" ? meta.uid : "",
  };
  if (typeof meta.namespace === "string" && meta.namespace !== "") stripped.namespace = meta.namespace;
  if (typeof meta.resourceVersion === "string") stripped.resourceVersion = meta.resourceVersion;
  const owners = ownerReferencesIn(meta.ownerReferences);
  if (owners.length > 0) stripped.ownerReferences = owners;
  if (typeof meta.deletionTimestamp === "string") stripped.deletionTimestamp = meta.deletionTimestamp;
  if (Array.isArray(meta.finalizers)) {
    const finalizers = (meta.finalizers as unknown[]).filter((f): f is string => typeof f === "string");
    if (finalizers.length > 0) stripped.finalizers = finalizers;
  }
  return { metadata: stripped };
}

export const ownersOf = (object: GcObject): OwnerReference[] => object.metadata.ownerReferences ?? [];

export const hasFinalizer = (object: GcObject, finalizer: string): boolean => object.metadata.finalizers?.includes(finalizer) ?? false;

export const isBeingDeleted = (object: GcObject): boolean => object.metadata.deletionTimestamp !== undefined;

/** Deleted in foreground: its dependents go first (Kubernetes' "deletingDependents"). */
export const isDeletingDependents = (object: GcObject): boolean => isBeingDeleted(object) && hasFinalizer(object, foregroundDeletionFinalizer);

/** Deleted with the orphan policy: its dependents lose their reference to it first. */
export const isOrphaning = (object: GcObject): boolean => isBeingDeleted(object) && hasFinalizer(object, orphanFinalizer);

/** Index of objects by the uid of each of their owners. */
export const ownerUidIndex = "garbagecollector/by-owner-uid";
export const byOwnerUid = (object: GcObject): string[] => ownersOf(object).map((ref) => ref.uid);
