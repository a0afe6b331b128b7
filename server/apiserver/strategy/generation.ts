import { isDeepStrictEqual } from "node:util";
import type { ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import { desiredStateChanged } from "./spec-change.js";

/**
 * The resources whose Kubernetes registry strategy keeps `metadata.generation`:
 * those with a desired state that a controller or the kubelet works toward
 * and reports an observedGeneration for. Every other kind skiff serves
 * (ConfigMap, Secret, Service, Namespace, Node, Endpoints, Event, Lease,
 * ServiceAccount, RBAC) carries no generation in Kubernetes, and none here.
 */
const generationTracked: ReadonlySet<string> = new Set([
  "/pods",
  "apps/deployments",
  "apps/replicasets",
  "apps/daemonsets",
  "batch/jobs",
  "discovery.k8s.io/endpointslices",
]);

export function tracksGeneration(resource: Pick<ServedResource, "group" | "resource">): boolean {
  return generationTracked.has(`${resource.group}/${resource.resource}`);
}

/**
 * The generation an update stores: the previous one plus one when the
 * desired state changed. An EndpointSlice counts its labels as desired state
 * too, since they say which Service it serves.
 */
export function nextGeneration(resource: Pick<ServedResource, "group" | "resource">, previous: StoredObject, next: StoredObject): number | undefined {
  if (!tracksGeneration(resource)) return undefined;
  const current = previous.metadata.generation ?? 0;
  const labelsCount = resource.group === "discovery.k8s.io" && !isDeepStrictEqual(previous.metadata.labels ?? {}, next.metadata.labels ?? {});
  return desiredStateChanged(previous, next) || labelsCount ? current + 1 : current;
}
