import { parseSelector } from "../../../src/api/labels/parse.js";
import { badRequest } from "../../../src/errors/status.js";
import type { ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";

/** Whether an object is part of a list or watch. */
export type ObjectFilter = (object: StoredObject) => boolean;

/** The `labelSelector` of a list or watch as a filter; a bad selector is a 400. */
export function filterFromQuery(_resource: ServedResource, query: URLSearchParams): ObjectFilter {
  const labelText = query.get("labelSelector") ?? "";
  const parsed = parseSelector(labelText);
  if (!parsed.ok) throw badRequest(`unable to parse labelSelector "${labelText}": ${parsed.error.message}`);
  const labels = parsed.value;
  if (labels.isEmpty()) return () => true;
  return (object) => labels.matches(object.metadata.labels ?? {});
}
