import type { StoredObject } from "../storage/object-store.js";
import type { ServedResource } from "../resources/served-resource.js";
import { desiredStateChanged } from "./spec-change.js";
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
      return { phase: "Pending" };
    case "/namespaces":
      return { phase: "Active" };
    // The agent registers its Node with the status it observed.
    case "/nodes":
      return object.status;
    default:
      return undefined;
  }
}

export function prepareForCreate(resource: ServedResource, object: StoredObject): void {
  if (!resource.hasStatus) return;
  const status = initialStatus(resource, object);
  if (status === undefined) delete object.status;
  else object.status = status;
}

/** An update of the main resource: status stays as stored, generation counts desired-state changes. */
export function prepareForUpdate(resource: ServedResource, next: StoredObject, previous: StoredObject): void {
  keepSystemMetadata(next, previous);
  if (resource.hasStatus) {
    if (previous.status === undefined) delete next.status;
    else next.status = previous.status;
  }
  if (desiredStateChanged(previous, next)) next.metadata.generation = (previous.metadata.generation ?? 0) + 1;
}

/** An update of `/status`: only status changes; everything else stays as stored. */
export function prepareForStatusUpdate(next: StoredObject, previous: StoredObject): StoredObject {
  const merged: StoredObject = { ...previous, metadata: { ...previous.metadata } };
  if (next.status === undefined) delete merged.status;
  else merged.status = next.status;
  if (next.metadata.managedFields !== undefined) merged.metadata.managedFields = next.metadata.managedFields;
  return merged;
}
