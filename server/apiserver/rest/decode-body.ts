import { badRequest, invalid } from "../../../src/errors/status.js";
import { apiVersionOf, type ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";

/**
 * The unknown-field policy a request asks for with `fieldValidation`
 * (Strict, Warn, Ignore). Kubernetes' default is Warn, which keeps the write
 * and drops the fields; kubectl asks for Strict.
 */
export function unknownFieldPolicy(query: URLSearchParams): "strict" | "ignore" {
  const value = query.get("fieldValidation");
  if (value === null || value === "" || value === "Warn" || value === "Ignore") return "ignore";
  if (value === "Strict") return "strict";
  throw badRequest(`fieldValidation must be one of Ignore, Warn, Strict (got "${value}")`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A request body as an object of this resource: its apiVersion and kind must
 * be this resource's (or absent), then the model parses, defaults and
 * validates it. Invalid → 422 with one cause per field.
 */
export function decodeBody(resource: ServedResource, body: unknown, query: URLSearchParams): StoredObject {
  if (!isRecord(body)) throw badRequest("the request body must be a JSON or YAML object");
  const expectedVersion = apiVersionOf(resource);
  const version = body.apiVersion ?? expectedVersion;
  const kind = body.kind ?? resource.kind;
  if (version !== expectedVersion) {
    throw badRequest(`the API version in the data (${String(version)}) does not match the expected API version (${expectedVersion})`);
  }
  if (kind !== resource.kind) {
    throw badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (${resource.kind})`);
  }
  const decoded = resource.decode({ ...body, apiVersion: expectedVersion, kind: resource.kind }, unknownFieldPolicy(query));
  if (!decoded.ok) {
    const unknown = decoded.errors.filter((e) => e.type === "FieldValueUnknown");
    if (unknown.length > 0) {
      // Kubernetes rejects unknown fields while decoding, before validation, as a 400.
      const fields = unknown.map((e) => `unknown field "${e.field}"`).join(", ");
      throw badRequest(`${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: strict decoding error: ${fields}`);
    }
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    const name = typeof metadata.name === "string" ? metadata.name : "";
    throw invalid({ group: resource.group, kind: resource.kind }, name, decoded.errors);
  }
  return decoded.object;
}
