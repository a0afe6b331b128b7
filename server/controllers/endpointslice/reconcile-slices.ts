import { isDeepStrictEqual } from "node:util";
import type { Endpoint, EndpointSlice, EndpointSlicePort } from "../../../src/api/discovery/v1/endpoint-slice.js";
import type { OwnerReference } from "../../../src/api/meta/v1/object-meta.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { labelsOf } from "../../../src/client/informer/index-functions.js";
import { endpointLabelsFor } from "../endpoints/endpoint-labels.js";
import type { ServiceObject } from "../endpoints/pod-endpoints.js";
import { endpointId, portsKey, type EndpointGroup } from "./desired-endpoints.js";

export type SliceObject = EndpointSlice & ApiObject;

/** Label naming the Service a slice belongs to. */
export const serviceNameLabel = "kubernetes.io/service-name";
/** Label naming who manages a slice; this controller's value below. */
export const managedByLabel = "endpointslice.kubernetes.io/managed-by";
export const managedByValue = "endpointslice-controller.k8s.io";
/** Kubernetes' default --max-endpoints-per-slice. */
export const defaultMaxEndpointsPerSlice = 100;

/** The writes that bring a service's slices to what is wanted. */
export interface SlicePlan {
  create: SliceObject[];
  update: SliceObject[];
  delete: SliceObject[];
}

/** The labels of a service's slices: the service's own, its name, this controller, headless or not. */
export function sliceLabelsFor(service: ServiceObject): Record<string, string> {
  const labels = endpointLabelsFor(service);
  delete labels[serviceNameLabel];
  delete labels[managedByLabel];
  return { ...labels, [serviceNameLabel]: service.metadata?.name ?? "", [managedByLabel]: managedByValue };
}

function ownerReferenceTo(service: ServiceObject): OwnerReference {
  return { apiVersion: "v1", kind: "Service", name: service.metadata?.name ?? "", uid: service.metadata?.uid ?? "", controller: true, blockOwnerDeletion: true };
}

/** Service names over 57 characters are cut, so that generated names stay valid. */
function generateNameFor(service: ServiceObject): string {
  const name = service.metadata?.name ?? "";
  return `${name.length > 57 ? name.slice(0, 57) : name}-`;
}

function newSlice(service: ServiceObject, ports: EndpointSlicePort[], endpoints: Endpoint[]): SliceObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      generateName: generateNameFor(service),
      namespace: service.metadata?.namespace ?? "",
      labels: sliceLabelsFor(service),
      ownerReferences: [ownerReferenceTo(service)],
    },
    addressType: "IPv4",
    endpoints,
    ports,
  };
}

function slicePortsKey(slice: SliceObject): string {
  return portsKey(slice.ports ?? []);
}

/**
 * Plans a service's EndpointSlices, keeping churn low as Kubernetes'
 * reconciler does: an endpoint stays in the slice that holds it (updated
 * in place when it changed), endpoints gone are removed, new ones fill the
 * room left in existing slices of their port set before new slices of at
 * most `maxPerSlice` are made; slices left empty, of a port set no longer
 * wanted or of another address type are deleted. A service with no
 * endpoints keeps one empty placeholder slice.
 */
export function planSlices(service: ServiceObject, groups: Map<string, EndpointGroup>, existing: readonly SliceObject[], maxPerSlice = defaultMaxEndpointsPerSlice): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const labels = sliceLabelsFor(service);
  const owner = ownerReferenceTo(service);
  const remaining = new Map([...groups].map(([key, group]) => [key, new Map(group.endpoints)]));
  // Existing slices with the endpoints they keep, by port set.
  const kept = new Map<string, Array<{ slice: SliceObject; endpoints: Endpoint[] }>>();
  for (const slice of existing) {
    const key = slicePortsKey(slice);
    const wanted = remaining.get(key);
    if (slice.addressType !== "IPv4" || wanted === undefined) {
      plan.delete.push(slice);
      continue;
    }
    const endpoints: Endpoint[] = [];
    for (const endpoint of slice.endpoints) {
      const id = endpointId(endpoint);
      const desired = wanted.get(id);
      if (desired === undefined || endpoints.length >= maxPerSlice) continue;
      endpoints.push(desired);
      wanted.delete(id);
    }
    kept.set(key, [...(kept.get(key) ?? []), { slice, endpoints }]);
  }
  for (const [key, group] of groups) {
    const left = [...(remaining.get(key)?.values() ?? [])];
    const slices = kept.get(key) ?? [];
    for (const entry of slices) {
      while (left.length > 0 && entry.endpoints.length < maxPerSlice) entry.endpoints.push(left.shift()!);
    }
    for (const entry of slices) {
      if (entry.endpoints.length === 0) {
        plan.delete.push(entry.slice);
        continue;
      }
      const metadata = entry.slice.metadata ?? {};
      const sameOwner = isDeepStrictEqual(metadata.ownerReferences, [owner]);
      if (isDeepStrictEqual(entry.slice.endpoints, entry.endpoints) && isDeepStrictEqual(labelsOf(entry.slice), labels) && sameOwner) continue;
      plan.update.push({ ...entry.slice, metadata: { ...metadata, labels, ownerReferences: [owner] }, endpoints: entry.endpoints });
    }
    for (let i = 0; i < left.length; i += maxPerSlice) plan.create.push(newSlice(service, group.ports, left.slice(i, i + maxPerSlice)));
  }
  // Nothing left to show: one empty slice says the service has no endpoints (kept when it is already there).
  if (plan.create.length === 0 && plan.delete.length === existing.length) {
    const placeholder = plan.delete.findIndex((slice) => slice.endpoints.length === 0 && slicePortsKey(slice) === portsKey([]) && slice.addressType === "IPv4");
    if (placeholder >= 0) {
      const [slice] = plan.delete.splice(placeholder, 1);
      if (!isDeepStrictEqual(labelsOf(slice!), labels)) plan.update.push({ ...slice!, metadata: { ...slice!.metadata, labels, ownerReferences: [owner] } });
    } else {
      plan.create.push(newSlice(service, [], []));
    }
  }
  return plan;
}
