import type { DiscoveredResource } from "../../client/discovery.js";
import type { ApiObject, RestClient } from "../../client/rest/rest-client.js";

export interface ObjectQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

// kubectl's --chunk-size default.
const pageSize = 500;

/** `apps/v1`, `v1`: the apiVersion of a resource's objects. */
export const apiVersionOf = (resource: DiscoveredResource): string =>
  resource.group ? `${resource.group}/${resource.version}` : resource.version;

/**
 * Every object of a collection (every namespace when `namespace` is
 * undefined), page by page, each with its apiVersion and kind set as
 * kubectl sets them on list items.
 */
export async function listObjects(
  client: RestClient,
  resource: DiscoveredResource,
  namespace: string | undefined,
  query: ObjectQuery = {},
): Promise<{ items: ApiObject[]; resourceVersion: string }> {
  const items: ApiObject[] = [];
  let resourceVersion: string | undefined;
  let next: string | undefined;
  do {
    const page = await client.list(resource, namespace, {
      ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
      ...(query.fieldSelector ? { fieldSelector: query.fieldSelector } : {}),
      limit: pageSize,
      ...(next ? { continue: next } : {}),
    });
    resourceVersion ??= page.metadata.resourceVersion ?? "";
    for (const item of page.items) items.push(withType(resource, item));
    next = page.metadata.continue || undefined;
  } while (next !== undefined);
  return { items, resourceVersion: resourceVersion ?? "" };
}

/** The object with apiVersion and kind first, as the server writes them on a single object. */
export function withType(resource: DiscoveredResource, object: ApiObject): ApiObject {
  return { ...object, apiVersion: object.apiVersion ?? apiVersionOf(resource), kind: object.kind ?? resource.kind };
}
