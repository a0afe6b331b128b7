import { createHash } from "node:crypto";
import { kindForResource } from "../../../src/api/registry.js";
import type { ResourceTable } from "../resources/served-resource.js";
import { groupVersionDocuments, type OpenApiResource } from "./group-version-documents.js";

/** A document as it goes on the wire: its JSON text and Kubernetes' hash of it. */
export interface ServedDocument {
  body: string;
  /** Upper-case hex SHA-512 of `body`: the ETag and the `?hash=` of its URL, as in Kubernetes. */
  hash: string;
}

/** `/openapi/v3` (the index) and one document per served group version, serialized once. */
export interface OpenApiDocuments {
  index: ServedDocument;
  /** By index key: `api/v1`, `apis/apps/v1`. */
  groupVersions: ReadonlyMap<string, ServedDocument>;
}

/** The URL of a group version's document, with the hash that lets clients cache it for good. */
export function documentUrl(key: string, hash: string): string {
  return `/openapi/v3/${key}?hash=${hash}`;
}

/**
 * Serializes every group version's document and the index that points at
 * them: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}}}`.
 */
export function serializeDocuments(resources: readonly OpenApiResource[]): OpenApiDocuments {
  const groupVersions = new Map<string, ServedDocument>();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const documents = groupVersionDocuments(resources);
  for (const key of [...documents.keys()].sort()) {
    const document = served(JSON.stringify(documents.get(key)));
    groupVersions.set(key, document);
    paths[key] = { serverRelativeURL: documentUrl(key, document.hash) };
  }
  return { index: served(JSON.stringify({ paths })), groupVersions };
}

function served(body: string): ServedDocument {
  return { body, hash: createHash("sha512").update(body).digest("hex").toUpperCase() };
}

/**
 * The served resources with their object-model schemas. Every served
 * resource comes from the object model, so one without a schema there is a
 * bug, reported as such.
 */
export function openApiResourcesOf(table: ResourceTable): OpenApiResource[] {
  return table.all.map((r) => {
    const kind = kindForResource(r.group, r.resource);
    if (!kind) throw new Error(`served resource ${r.group}/${r.resource} has no kind in the object model`);
    return {
      gvk: { group: r.group, version: r.version, kind: r.kind },
      resource: r.resource,
      namespaced: r.namespaced,
      subresources: r.hasStatus ? ["status"] : [],
      schema: kind.schema,
    };
  });
}
