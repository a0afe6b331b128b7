import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import type { IndexFunction } from "../../../src/client/informer/index-functions.js";
import { splitKey } from "../../../src/client/informer/object-key.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, isNotFound } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { podsRef, servicesRef } from "../endpoints/endpoints-controller.js";
import { podSelectorOf, type PodObject, type ServiceObject } from "../endpoints/pod-endpoints.js";
import { indexPodsByNamespaceLabel, selectedPods } from "../endpoints/selected-pods.js";
import { podToServicesHandler, serviceHandler } from "../endpoints/service-pod-handlers.js";
import { lastChangeTriggerTimeAnnotation, TriggerTimeTracker } from "../endpoints/trigger-time-tracker.js";
import { desiredEndpointGroups } from "./desired-endpoints.js";
import { defaultMaxEndpointsPerSlice, managedByLabel, managedByValue, planSlices, serviceNameLabel, type SliceObject } from "./reconcile-slices.js";
import { SliceTracker } from "./slice-tracker.js";

const sliceRef: ResourceRef = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices", namespaced: true };
const byServiceIndex = "endpointslice/by-service";

/** The `namespace/service` of a slice this controller manages. */
const byService: IndexFunction<SliceObject> = (slice) => {
  const labels = slice.metadata?.labels as Record<string, string> | undefined;
  if (labels?.[managedByLabel] !== managedByValue || !labels[serviceNameLabel]) return [];
  return [`${slice.metadata?.namespace ?? ""}/${labels[serviceNameLabel]}`];
};

/** The cache has not yet seen this controller's last writes for the service: try again shortly. */
class StaleSliceCacheError extends Error {
  constructor(serviceKey: string) {
    super(`the EndpointSlice cache is behind this controller's writes for service ${serviceKey}`);
    this.name = "StaleSliceCacheError";
  }
}

export interface EndpointSliceControllerOptions {
  maxEndpointsPerSlice?: number;
  workers?: number;
}

/**
 * Kubernetes' EndpointSlice controller: for every Service with a selector
 * (ExternalName ones excepted), IPv4 EndpointSlices labelled with the
 * service's name and this controller, owned by the Service, holding the
 * matching pods as endpoints with ready/serving/terminating conditions, at
 * most 100 to a slice (reconcile-slices.ts plans the writes). The slices of
 * a deleted Service are deleted (the garbage collector would too, through
 * the owner reference).
 */
export function endpointSliceController(options: EndpointSliceControllerOptions = {}): Controller {
  const maxPerSlice = options.maxEndpointsPerSlice ?? defaultMaxEndpointsPerSlice;
  return {
    name: "endpointslice",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const recorder = new RestEventRecorder({ client, component: "endpoint-slice-controller", log });
      const services = informer<ServiceObject>(servicesRef);
      const pods = informer<PodObject>(podsRef);
      indexPodsByNamespaceLabel(pods);
      const slices = informer<SliceObject>(sliceRef);
      slices.addIndex(byServiceIndex, byService);
      const queue = new RateLimitingQueue<string>();
      const triggerTimes = new TriggerTimeTracker();
      const tracker = new SliceTracker();
      const enqueue = (key: string): void => queue.add(key);
      services.addEventHandler(serviceHandler(enqueue));
      pods.addEventHandler(podToServicesHandler(services.lister, enqueue));
      // A managed slice changed or went by someone else's hand: its service is looked at again.
      slices.addEventHandler({
        onAdd: (slice) => byService(slice).forEach(enqueue),
        onUpdate: (_old, slice) => byService(slice).forEach(enqueue),
        onDelete: (slice) => {
          for (const key of byService(slice)) {
            tracker.gone(key, slice.metadata?.name ?? "");
            enqueue(key);
          }
        },
      });

      const remove = async (key: string, slice: SliceObject): Promise<void> => {
        const name = slice.metadata?.name ?? "";
        try {
          await client.delete(sliceRef, slice.metadata?.namespace, name);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        tracker.deleted(key, name);
      };

      const sync = async (key: string): Promise<void> => {
        const { namespace, name } = splitKey(key);
        const service = services.lister.get(namespace, name);
        const existing = slices.lister.byIndex(byServiceIndex, key);
        if (tracker.isStale(key, existing)) throw new StaleSliceCacheError(key);
        if (service === undefined) {
          triggerTimes.forget(key);
          for (const slice of existing) await remove(key, slice);
          tracker.forget(key);
          return;
        }
        const selector = podSelectorOf(service);
        if (selector === undefined || service.spec?.type === "ExternalName") return;
        const selected = selectedPods(pods, namespace, selector);
        const plan = planSlices(service, desiredEndpointGroups(service, selected), existing, maxPerSlice);
        const triggerTime = triggerTimes.compute(key, service, selected);
        const annotate = (slice: SliceObject): SliceObject => {
          const annotations = { ...((slice.metadata?.annotations as Record<string, string> | undefined) ?? {}) };
          if (triggerTime !== undefined) annotations[lastChangeTriggerTimeAnnotation] = triggerTime;
          else delete annotations[lastChangeTriggerTimeAnnotation];
          return { ...slice, metadata: { ...slice.metadata, annotations } };
        };
        try {
          // Kubernetes' order: new slices before updates before deletes, so endpoints moving between slices are never missing.
          for (const slice of plan.create) tracker.wrote(key, await client.create<SliceObject>(sliceRef, namespace, annotate(slice)));
          for (const slice of plan.update) tracker.wrote(key, await client.update<SliceObject>(sliceRef, namespace, annotate(slice)));
          for (const slice of plan.delete) await remove(key, slice);
        } catch (error) {
          // A conflict only says the cache was behind: the retry will do, no warning needed.
          if (isConflict(error)) throw error;
          const ref = { apiVersion: "v1", kind: "Service", namespace, name, uid: String(service.metadata?.uid ?? "") };
          recorder.event(ref, "Warning", "FailedToUpdateEndpointSlices", `Error updating Endpoint Slices for Service ${key}: ${String(error)}`);
          throw error;
        }
      };

      await runController({ informers: [services, pods, slices], queue, workers: options.workers ?? 5, log, signal, sync });
      await recorder.flush();
    },
  };
}
