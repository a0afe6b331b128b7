import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import type { SharedInformer } from "../../../src/client/informer/index.js";
import { objectKey, splitKey } from "../../../src/client/informer/object-key.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { AbsentOwners } from "./absent-owners.js";
import { Collector } from "./collector.js";
import { byOwnerUid, ownerUidIndex, toGcObject, type GcObject } from "./gc-object.js";
import type { GcCache, Located } from "./gc-ports.js";
import { GcResourceCatalog, type GcResource } from "./gc-resources.js";
import { GraphTriggers } from "./graph-triggers.js";
import { restGcApi } from "./rest-gc-api.js";

/** How soon an owner deleting in foreground is looked at again after one of its dependents went. */
const ownerRecheckMs = 100;

export interface GarbageCollectorOptions {
  /** Objects synced at once (default 8: a sync mostly waits for the server). */
  workers?: number;
}

/**
 * Kubernetes' garbage collector over ownerReferences: cascading deletion
 * in the background (the default), in foreground (`foregroundDeletion`
 * finalizer, blockOwnerDeletion) and orphaning (`orphan` finalizer).
 * Informers on every served resource but Events keep only each object's
 * identity, owners and deletion state (see gc-object.ts); queue keys are
 * `<resource id> <namespace/name>`.
 */
export function garbageCollectorController(options: GarbageCollectorOptions = {}): Controller {
  const catalog = new GcResourceCatalog();
  return {
    name: "garbagecollector",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const informers = new Map<string, SharedInformer<GcObject>>();
      for (const resource of catalog.watched) {
        informers.set(resource.id, informer<GcObject>(resource.ref, { transform: toGcObject, indexers: { [ownerUidIndex]: byOwnerUid } }));
      }
      const cache: GcCache = {
        get: (resource, namespace, name) => informers.get(resource.id)?.lister.get(resource.ref.namespaced ? namespace : undefined, name),
        dependentsOf: (ownerUid) => {
          const found: Located[] = [];
          for (const resource of catalog.watched) {
            for (const object of informers.get(resource.id)!.lister.byIndex(ownerUidIndex, ownerUid)) found.push({ resource, object });
          }
          return found;
        },
      };
      const queue = new RateLimitingQueue<string>();
      const keyOf = ({ resource, object }: Located): string => `${resource.id} ${objectKey(object)}`;
      const enqueue = (item: Located): void => queue.add(keyOf(item));
      const triggers = new GraphTriggers(catalog, cache, enqueue, (item) => queue.addAfter(keyOf(item), ownerRecheckMs));
      for (const resource of catalog.watched) {
        informers.get(resource.id)!.addEventHandler({
          onAdd: (object) => triggers.added(resource, object),
          onUpdate: (old, object) => triggers.updated(resource, old, object),
          onDelete: (object) => triggers.deleted(resource, object),
        });
      }
      const recorder = new RestEventRecorder({ client, component: "garbage-collector-controller", log });
      const collector = new Collector({ catalog, cache, api: restGcApi(client), absent: new AbsentOwners(), enqueue, recorder, log });
      await runController({
        informers: [...informers.values()],
        queue,
        workers: options.workers ?? 8,
        log,
        signal,
        sync: async (key) => {
          const space = key.indexOf(" ");
          const resource: GcResource | undefined = catalog.forId(key.slice(0, space));
          if (resource === undefined) return;
          const { namespace, name } = splitKey(key.slice(space + 1));
          await collector.sync(resource, namespace === "" ? undefined : namespace, name);
        },
      });
      await recorder.flush();
    },
  };
}
