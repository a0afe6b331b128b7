import { parseFieldSelector } from "../../../src/api/fields/index.js";
import { parseSelector } from "../../../src/api/labels/parse.js";
import { badRequest } from "../../../src/errors/status.js";
import type { ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import { readField, selectableFields } from "./field-sets.js";

/** Whether an object is part of a list or watch. */
export type ObjectFilter = (object: StoredObject) => boolean;

/**
 * The `labelSelector` and `fieldSelector` of a list or watch as one filter.
 * A selector that does not parse, or a field the resource cannot be selected
 * by, is a 400.
 */
export function filterFromQuery(resource: ServedResource, query: URLSearchParams): ObjectFilter {
  const labelText = query.get("labelSelector") ?? "";
  const labels = parseSelector(labelText);
  if (!labels.ok) throw badRequest(`unable to parse labelSelector "${labelText}": ${labels.error.message}`);

  const fieldText = query.get("fieldSelector") ?? "";
  const fields = parseFieldSelector(fieldText);
  if (!fields.ok) throw badRequest(`invalid field selector "${fieldText}": ${fields.error.message}`);
  const supported = selectableFields(resource.group, resource.resource);
  for (const requirement of fields.value.requirements()) {
    if (!supported.includes(requirement.field)) {
      throw badRequest(`field label not supported: ${requirement.field}`);
    }
  }

  const labelSelector = labels.value;
  const fieldSelector = fields.value;
  if (labelSelector.isEmpty() && fieldSelector.isEmpty()) return () => true;
  return (object) =>
    labelSelector.matches(object.metadata.labels ?? {}) &&
    fieldSelector.matches((field) => readField(object, field));
}
