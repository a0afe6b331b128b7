import { skiffVersion } from "../../../../src/version.js";
import { groupVersionDocuments, type OpenApiResource } from "../group-version-documents.js";
import type { SchemaObject } from "../openapi-types.js";
import { definitionRef, swaggerSchema } from "./swagger-schema.js";
import { SwaggerPaths } from "./swagger-paths.js";
import type { SwaggerDocument, SwaggerSchema } from "./swagger-types.js";

const listMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
const rawExtensionName = "io.k8s.apimachinery.pkg.runtime.RawExtension";

/**
 * `/openapi/v2`: the v3 group version documents merged into one Swagger 2.0
 * document, every path and every schema once, so both versions describe
 * the same API from the same schemas. Beside the served kinds it defines
 * `List` (v1), the kind of a file of mixed objects: kubectl validates such
 * a file item by item against the kinds defined here.
 */
export function swaggerDocument(resources: readonly OpenApiResource[]): SwaggerDocument {
  const schemas: Record<string, SchemaObject> = {};
  const paths = new SwaggerPaths();
  for (const document of groupVersionDocuments(resources).values()) {
    Object.assign(schemas, document.components.schemas);
    for (const [path, item] of Object.entries(document.paths)) paths.add(path, item);
  }
  const definitions: Record<string, SwaggerSchema> = { ...listDefinitions() };
  for (const [name, schema] of Object.entries(schemas)) definitions[name] = swaggerSchema(schema);
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: `skiff-${skiffVersion}` },
    paths: sortedByKey(paths.paths),
    definitions: sortedByKey(definitions),
    parameters: sortedByKey(paths.parameters),
  };
}

/** `v1` `List` and its items, objects of any kind, as Kubernetes defines them. */
function listDefinitions(): Record<string, SwaggerSchema> {
  return {
    "io.k8s.api.core.v1.List": {
      description: "List holds a list of objects, which may not be known by the server.",
      type: "object",
      required: ["items"],
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { $ref: definitionRef(listMetaName) },
        items: { type: "array", items: { $ref: definitionRef(rawExtensionName) } },
      },
      "x-kubernetes-group-version-kind": [{ group: "", kind: "List", version: "v1" }],
    },
    [rawExtensionName]: { description: "An object of any kind, whole.", type: "object" },
  };
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
