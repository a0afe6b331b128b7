import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { Logger } from "../../../src/log.js";
import { forEachLimited } from "../for-each-limited.js";
import type { AbsentOwners } from "./absent-owners.js";
import { classifyOwners, ownersSolidInCache } from "./classify-owners.js";
import {
  foregroundDeletionFinalizer,
  hasFinalizer,
  isBeingDeleted,
  isDeletingDependents,
  isOrphaning,
  orphanFinalizer,
  ownersOf,
  type GcObject,
  type OwnerReference,
} from "./gc-object.js";
import type { GcApi, GcCache, Located, PropagationPolicy } from "./gc-ports.js";
import type { GcResource, GcResourceCatalog } from "./gc-resources.js";

/** Writes to dependents of one owner at once, at most (Kubernetes runs them all in parallel). */
const dependentWritesAtOnce = 16;

export interface CollectorDeps {
  catalog: GcResourceCatalog;
  cache: GcCache;
  api: GcApi;
  absent: AbsentOwners;
  /** Asks for `sync` of an object again (through the work queue). */
  enqueue: (item: Located) => void;
  recorder: EventRecorder;
  log: Logger;
}

/**
 * Kubernetes' garbage collector, one object at a time (its
 * attemptToDeleteItem and attemptToOrphan, level-triggered):
 * - an owner deleted with the orphan policy: its dependents lose their
 *   reference to it, then it loses the `orphan` finalizer;
 * - an owner deleted in foreground: once no dependent with
 *   blockOwnerDeletion is left it loses `foregroundDeletion` (its
 *   dependents are deleted by their own syncs);
 * - a dependent: when all its owners are gone it is deleted (in
 *   foreground when an owner waits for it and it has dependents itself);
 *   when some remain, the references to the gone ones (and to owners
 *   deleting in foreground) are removed.
 */
export class Collector {
  constructor(private readonly deps: CollectorDeps) {}

  async sync(resource: GcResource, namespace: string | undefined, name: string): Promise<void> {
    const item = this.deps.cache.get(resource, namespace, name);
    if (item === undefined) return;
    if (isOrphaning(item)) return this.orphanDependents(resource, item);
    if (isDeletingDependents(item)) return this.processDeletingDependents(resource, item);
    // Being deleted already: it goes by itself.
    if (isBeingDeleted(item)) return;
    if (ownersOf(item).length === 0 || ownersSolidInCache(this.deps.catalog, this.deps.cache, item)) return;
    return this.attemptToDelete(resource, item);
  }

  /** A dependent some of whose owners may be gone or waiting for it: decided on live reads. */
  private async attemptToDelete(resource: GcResource, item: GcObject): Promise<void> {
    const { api, log } = this.deps;
    const latest = await api.get(resource, item.metadata.namespace, item.metadata.name);
    if (latest === undefined || latest.metadata.uid !== item.metadata.uid || isBeingDeleted(latest)) return;
    if (ownersOf(latest).length === 0) return;
    const classes = await classifyOwners(this.deps.catalog, api, this.deps.absent, latest);
    if (classes.unresolvable.length > 0) {
      this.reportUnresolvable(resource, latest, classes.unresolvable);
      return;
    }
    if (classes.solid.length > 0) {
      const gone = new Set([...classes.dangling, ...classes.waiting].map((ref) => ref.uid));
      if (gone.size === 0) return;
      log.debug({ object: describe(resource, latest), removed: [...gone] }, "removing owner references to owners that are gone or deleting in foreground");
      await api.setOwnerReferences(resource, latest, ownersOf(latest).filter((ref) => !gone.has(ref.uid)));
      return;
    }
    const dependents = this.deps.cache.dependentsOf(latest.metadata.uid);
    if (classes.waiting.length > 0 && dependents.length > 0) {
      // An owner waits for this object, which has dependents of its own: they go first, in foreground too.
      if (dependents.some((dep) => isDeletingDependents(dep.object)) && ownersOf(latest).some((ref) => ref.blockOwnerDeletion === true)) {
        // A dependent that also waits for its dependents could close a cycle: stop blocking the owners first.
        await api.setOwnerReferences(resource, latest, ownersOf(latest).map((ref) => (ref.blockOwnerDeletion === true ? { ...ref, blockOwnerDeletion: false } : ref)));
      }
      log.debug({ object: describe(resource, latest) }, "deleting an object whose owner waits for it, in foreground");
      await api.delete(resource, latest, "Foreground");
      return;
    }
    const policy: PropagationPolicy = hasFinalizer(latest, orphanFinalizer) ? "Orphan" : hasFinalizer(latest, foregroundDeletionFinalizer) ? "Foreground" : "Background";
    log.debug({ object: describe(resource, latest), policy }, "deleting an object no owner keeps (each is gone or waits for it)");
    await api.delete(resource, latest, policy);
  }

  /** An owner deleted with propagationPolicy Orphan. */
  private async orphanDependents(resource: GcResource, owner: GcObject): Promise<void> {
    const { api } = this.deps;
    const uid = owner.metadata.uid;
    await forEachLimited(this.deps.cache.dependentsOf(uid), dependentWritesAtOnce, async ({ resource: depResource, object }) => {
      const live = await api.get(depResource, object.metadata.namespace, object.metadata.name);
      if (live === undefined || live.metadata.uid !== object.metadata.uid) return;
      const kept = ownersOf(live).filter((ref) => ref.uid !== uid);
      if (kept.length !== ownersOf(live).length) await api.setOwnerReferences(depResource, live, kept);
    });
    await this.removeFinalizer(resource, owner, orphanFinalizer);
  }

  /** An owner deleted with propagationPolicy Foreground: it goes once no dependent blocks it. */
  private async processDeletingDependents(resource: GcResource, owner: GcObject): Promise<void> {
    const blocking = this.deps.cache.dependentsOf(owner.metadata.uid).filter((dep) => blocks(dep.object, owner.metadata.uid));
    if (blocking.length === 0) {
      await this.removeFinalizer(resource, owner, foregroundDeletionFinalizer);
      return;
    }
    // Dependents not yet deleted are (again) asked to go; those being deleted will tell the owner when they are gone.
    for (const dep of blocking) if (!isBeingDeleted(dep.object)) this.deps.enqueue(dep);
  }

  private async removeFinalizer(resource: GcResource, object: GcObject, finalizer: string): Promise<void> {
    const { api, log } = this.deps;
    const live = await api.get(resource, object.metadata.namespace, object.metadata.name);
    if (live === undefined || live.metadata.uid !== object.metadata.uid || !hasFinalizer(live, finalizer)) return;
    log.debug({ object: describe(resource, live), finalizer }, "removing the garbage collector's finalizer");
    await api.setFinalizers(resource, live, (live.metadata.finalizers ?? []).filter((f) => f !== finalizer));
  }

  private reportUnresolvable(resource: GcResource, item: GcObject, unresolvable: Array<{ ref: OwnerReference; reason: string }>): void {
    for (const { ref, reason } of unresolvable) {
      if (reason !== "namespaced-owner-of-cluster-scoped") {
        this.deps.log.warn({ object: describe(resource, item), owner: ref }, "owner reference to a kind the server does not serve: left alone");
        continue;
      }
      const involved = { apiVersion: resource.apiVersion, kind: resource.kind, name: item.metadata.name, uid: item.metadata.uid };
      const coordinates = `[${ref.apiVersion}/${ref.kind}, namespace: , name: ${ref.name}, uid: ${ref.uid}]`;
      this.deps.recorder.event(involved, "Warning", "OwnerRefInvalidNamespace", `ownerRef ${coordinates} does not exist in namespace ""`);
    }
  }
}

/** Whether `dependent` holds up the foreground deletion of the owner with `ownerUid`. */
const blocks = (dependent: GcObject, ownerUid: string): boolean =>
  ownersOf(dependent).some((ref) => ref.uid === ownerUid && ref.blockOwnerDeletion === true);

const describe = (resource: GcResource, object: GcObject): string =>
  `${resource.id} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;
