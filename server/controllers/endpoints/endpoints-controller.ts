import { isDeepStrictEqual } from "node:util";
import type { Endpoints } from "../../../src/api/core/v1/endpoints.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { labelsOf } from "../../../src/client/informer/index-functions.js";
import { splitKey } from "../../../src/client/informer/object-key.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, isNotFound, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { endpointLabelsFor } from "./endpoint-labels.js";
import { endpointSubsetsFor } from "./endpoint-subsets.js";
import { keyOfObject, podSelectorOf, type PodObject, type ServiceObject } from "./pod-endpoints.js";
import { indexPodsByNamespaceLabel, selectedPods } from "./selected-pods.js";
import { podToServicesHandler, serviceHandler } from "./service-pod-handlers.js";
import { lastChangeTriggerTimeAnnotation, TriggerTimeTracker } from "./trigger-time-tracker.js";

export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const servicesRef: ResourceRef = { group: "", version: "v1", resource: "services", namespaced: true };
const endpointsRef: ResourceRef = { group: "", version: "v1", resource: "endpoints", namespaced: true };

/** Annotation on Endpoints whose addresses were cut to the limit. */
const overCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";

type EndpointsObject = Endpoints & ApiObject;

/**
 * Kubernetes' endpoints controller: for every Service with a selector, an
 * Endpoints object of the same name listing the matching pods' addresses
 * (ready and not ready) by port (endpoint-subsets.ts). Services without a
 * selector are left to their users; the Endpoints of a deleted Service are
 * deleted. Pod changes reach only the services that select the pod, and a
 * sync reads only its namespace's pods of the selector's labels.
 */
export function endpointsController(options: { workers?: number } = {}): Controller {
  return {
    name: "endpoints",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const recorder = new RestEventRecorder({ client, component: "endpoint-controller", log });
      const services = informer<ServiceObject>(servicesRef);
      const pods = informer<PodObject>(podsRef);
      indexPodsByNamespaceLabel(pods);
      const endpoints = informer<EndpointsObject>(endpointsRef);
      const queue = new RateLimitingQueue<string>();
      const tracker = new TriggerTimeTracker();
      const enqueue = (key: string): void => queue.add(key);
      services.addEventHandler(serviceHandler(enqueue));
      pods.addEventHandler(podToServicesHandler(services.lister, enqueue));
      // Deleted by someone else: made again. Left from a service deleted while no controller ran: found at the start.
      endpoints.addEventHandler({ onDelete: (object) => enqueue(keyOfObject(object)) });

      const sync = async (key: string): Promise<void> => {
        const { namespace, name } = splitKey(key);
        const service = services.lister.get(namespace, name);
        if (service === undefined) {
          tracker.forget(key);
          try {
            await client.delete(endpointsRef, namespace, name);
          } catch (error) {
            if (!isNotFound(error)) throw error;
          }
          return;
        }
        const selector = podSelectorOf(service);
        if (selector === undefined) return;
        const selected = selectedPods(pods, namespace, selector);
        const { subsets, truncated } = endpointSubsetsFor(service, selected);
        const triggerTime = tracker.compute(key, service, selected);
        const current = endpoints.lister.get(namespace, name);
        const labels = endpointLabelsFor(service);
        const annotations = { ...((current?.metadata?.annotations as Record<string, string> | undefined) ?? {}) };
        if (
          current !== undefined &&
          isDeepStrictEqual(current.subsets ?? [], subsets) &&
          isDeepStrictEqual(labelsOf(current), labels) &&
          (annotations[overCapacityAnnotation] === "truncated") === truncated
        ) {
          return;
        }
        if (triggerTime !== undefined) annotations[lastChangeTriggerTimeAnnotation] = triggerTime;
        else delete annotations[lastChangeTriggerTimeAnnotation];
        if (truncated) annotations[overCapacityAnnotation] = "truncated";
        else delete annotations[overCapacityAnnotation];
        const wanted: EndpointsObject = {
          apiVersion: "v1",
          kind: "Endpoints",
          // Everything else the current object carries (resourceVersion for the compare-and-swap, finalizers, ...) is kept.
          metadata: { ...current?.metadata, name, namespace, labels, annotations },
          subsets,
        };
        const creating = current === undefined;
        try {
          if (creating) await client.create(endpointsRef, namespace, wanted);
          else await client.update(endpointsRef, namespace, wanted);
        } catch (error) {
          // A conflict only says the cache was behind: the retry will do, no warning needed.
          if (isConflict(error)) throw error;
          const ref = { apiVersion: "v1", kind: "Service", namespace, name, uid: String(service.metadata?.uid ?? "") };
          const verb = creating ? "create" : "update";
          recorder.event(ref, "Warning", creating ? "FailedToCreateEndpoint" : "FailedToUpdateEndpoint", `Failed to ${verb} endpoint for service ${key}: ${String(error)}`);
          throw error;
        }
      };

      await runController({
        informers: [services, pods, endpoints],
        queue,
        workers: options.workers ?? 5,
        log,
        signal,
        onSynced: () => {
          for (const object of endpoints.lister.list()) enqueue(keyOfObject(object));
        },
        sync,
      });
      await recorder.flush();
    },
  };
}
