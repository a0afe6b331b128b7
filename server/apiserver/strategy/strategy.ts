import type { Job } from "../../../src/api/batch/v1/job.js";
import { generateJobSelector } from "../../../src/api/batch/v1/job.js";
import { podQosClass } from "../../../src/api/core/v1/pod-qos.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { keepAllocatedServiceFields, type Service } from "../../../src/api/core/v1/service.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ServedResource } from "../resources/served-resource.js";
import { nextGeneration, tracksGeneration } from "./generation.js";
import { keepSystemMetadata } from "./system-metadata.js";

/**
 * Per-resource rules for writes, after Kubernetes' registry strategies:
 * what a create may set, what an update of the main resource or of its
 * status may change, and when generation moves.
 */

/** Status a new object starts with; a client cannot create one with a status of its choosing. */
function initialStatus(resource: ServedResource, object: StoredObject): unknown {
  switch (`${resource.group}/${resource.resource}`) {
    case "/pods":
      return { phase: "Pending", qosClass: podQosClass((object as unknown as Pod).spec) };
    case "/namespaces":
      return { phase: "Active" };
    // The agent registers its Node with the status it observed.
    case "/nodes":
      return object.status;
    default:
      return undefined;
  }
}

/** Before a create is stored; the object's uid is already set. */
export function prepareForCreate(resource: ServedResource, object: StoredObject): void {
  if (tracksGeneration(resource)) object.metadata.generation = 1;
  // A Job's selector picks its own uid (unless the user chose one).
  if (resource.group === "batch" && resource.resource === "jobs") generateJobSelector(object as unknown as Job, object.metadata.uid ?? "");
  if (!resource.hasStatus) return;
  const status = initialStatus(resource, object);
  if (status === undefined) delete object.status;
  else object.status = status;
}

/** An update of the main resource: status stays as stored, generation (where kept) counts desired-state changes. */
export function prepareForUpdate(resource: ServedResource, next: StoredObject, previous: StoredObject): void {
  keepSystemMetadata(next, previous);
  // `kubectl apply` never sends what the server allocated (clusterIP, nodePorts): keep it.
  if (resource.group === "" && resource.resource === "services") {
    keepAllocatedServiceFields(next as unknown as Service, previous as unknown as Service);
  }
  if (resource.hasStatus) {
    if (previous.status === undefined) delete next.status;
    else next.status = previous.status;
  }
  const generation = nextGeneration(resource, previous, next);
  if (generation !== undefined) next.metadata.generation = generation;
}

/** An update of `/status`: only status changes; everything else stays as stored. */
export function prepareForStatusUpdate(next: StoredObject, previous: StoredObject): StoredObject {
  const merged: StoredObject = { ...previous, metadata: { ...previous.metadata } };
  if (next.status === undefined) delete merged.status;
  else merged.status = next.status;
  if (next.metadata.managedFields !== undefined) merged.metadata.managedFields = next.metadata.managedFields;
  return merged;
}
