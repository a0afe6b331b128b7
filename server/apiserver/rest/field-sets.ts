import { extractFieldValue } from "../../../src/api/fields/index.js";
import type { StoredObject } from "../storage/object-store.js";

/**
 * The fields each resource can be selected by (`fieldSelector`), as
 * Kubernetes registers them per kind; every resource has metadata.name and
 * metadata.namespace.
 */
const extraFields: Record<string, readonly string[]> = {
  "/pods": [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  "/events": [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  "/nodes": ["spec.unschedulable"],
  "/namespaces": ["status.phase"],
  "/secrets": ["type"],
  "apps/replicasets": ["status.replicas"],
  "batch/jobs": ["status.successful"],
};

export function selectableFields(group: string, resource: string): readonly string[] {
  return ["metadata.name", "metadata.namespace", ...(extraFields[`${group}/${resource}`] ?? [])];
}

/** Reads a selectable field's value from an object. */
export function readField(object: StoredObject, field: string): string | undefined {
  if (field === "metadata.namespace") return object.metadata.namespace ?? "";
  // Events name their source component under source.component; Kubernetes selects it as `source`.
  if (field === "source") return extractFieldValue(object, "source.component") ?? extractFieldValue(object, "reportingComponent");
  const value = extractFieldValue(object, field);
  // Booleans select as Kubernetes prints them; absent bools read as false.
  if (value === undefined && (field === "spec.unschedulable" || field === "spec.hostNetwork")) return "false";
  return value;
}
