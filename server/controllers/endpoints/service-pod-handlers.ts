import type { EventHandler } from "../../../src/client/informer/event-handler.js";
import { labelsOf } from "../../../src/client/informer/index-functions.js";
import type { Lister } from "../../../src/client/informer/lister.js";
import { keyOfObject, podEndpointChanged, podSelectorOf, selects, type PodObject, type ServiceObject } from "./pod-endpoints.js";

/** The keys of the services in the pod's namespace whose selector picks a pod with these labels. */
function servicesSelecting(services: Lister<ServiceObject>, namespace: string, labels: Record<string, string>): string[] {
  const keys: string[] = [];
  for (const service of services.list(namespace)) {
    const selector = podSelectorOf(service);
    if (selector !== undefined && selects(selector, labels)) keys.push(keyOfObject(service));
  }
  return keys;
}

/**
 * Maps a pod's changes to the services whose endpoints they change, as
 * Kubernetes' endpoint controllers do: the services of the pod's namespace
 * that select it (before or after a change of labels). A pod update that
 * changes nothing an endpoint shows (e.g. a container restart count) queues
 * nothing.
 */
export function podToServicesHandler(services: Lister<ServiceObject>, enqueue: (serviceKey: string) => void): EventHandler<PodObject> {
  const enqueueFor = (pod: PodObject, labels: Record<string, string>): void => {
    for (const key of servicesSelecting(services, pod.metadata?.namespace ?? "", labels)) enqueue(key);
  };
  return {
    onAdd: (pod) => enqueueFor(pod, labelsOf(pod)),
    onUpdate: (old, pod) => {
      const oldLabels = labelsOf(old);
      const labels = labelsOf(pod);
      if (JSON.stringify(oldLabels) !== JSON.stringify(labels)) {
        const keys = new Set([
          ...servicesSelecting(services, pod.metadata?.namespace ?? "", oldLabels),
          ...servicesSelecting(services, pod.metadata?.namespace ?? "", labels),
        ]);
        for (const key of keys) enqueue(key);
      } else if (podEndpointChanged(old, pod)) {
        enqueueFor(pod, labels);
      }
    },
    onDelete: (pod) => enqueueFor(pod, labelsOf(pod)),
  };
}

/** Queues a service's key on every change of it. */
export function serviceHandler(enqueue: (serviceKey: string) => void): EventHandler<ServiceObject> {
  return {
    onAdd: (service) => enqueue(keyOfObject(service)),
    onUpdate: (_old, service) => enqueue(keyOfObject(service)),
    onDelete: (service) => enqueue(keyOfObject(service)),
  };
}
