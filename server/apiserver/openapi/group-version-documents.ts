import type { Schema } from "../../../src/api/schema/shape.js";
import { skiffVersion } from "../../../src/version.js";
import { definitionNameOf } from "./definition-names.js";
import type { GroupVersionKind, OpenApiDocument, PathItem, SchemaObject } from "./openapi-types.js";
import { resourcePaths } from "./resource-paths.js";
import { componentRef, componentSchemas } from "./schema-components.js";

/** One served resource, as its OpenAPI document describes it. */
export interface OpenApiResource {
  gvk: GroupVersionKind;
  /** Plural, as in the URL: `pods`. */
  resource: string;
  namespaced: boolean;
  /** Subresources that read and write the object itself (`status`). */
  subresources: readonly string[];
  /** The object model's schema of the kind. */
  schema: Schema;
}

/** The key of a group version in `/openapi/v3`'s index, and its URL under it: `api/v1`, `apis/apps/v1`. */
export function groupVersionPath(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

/**
 * One OpenAPI 3.0 document per served group version, keyed by
 * `groupVersionPath`: the paths of its resources and every schema they
 * reach, and only those, as Kubernetes serves them.
 */
export function groupVersionDocuments(resources: readonly OpenApiResource[]): Map<string, OpenApiDocument> {
  const components = componentSchemas(resources.map(({ gvk, schema }) => ({ gvk, schema })));
  const byGroupVersion = new Map<string, OpenApiResource[]>();
  for (const r of resources) {
    const key = groupVersionPath(r.gvk.group, r.gvk.version);
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), r]);
  }
  const documents = new Map<string, OpenApiDocument>();
  for (const [key, members] of byGroupVersion) documents.set(key, documentOf(members, components));
  return documents;
}

function documentOf(resources: readonly OpenApiResource[], components: Readonly<Record<string, SchemaObject>>): OpenApiDocument {
  const paths: Record<string, PathItem> = {};
  const available: Record<string, SchemaObject> = { ...components };
  for (const r of resources) {
    const schemaName = definitionNameOf(r.gvk);
    const listSchemaName = `${schemaName}List`;
    available[listSchemaName] = listSchema(r.gvk, schemaName);
    Object.assign(paths, resourcePaths({ ...r, schemaName, listSchemaName }));
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: `skiff-${skiffVersion}` },
    paths,
    components: { schemas: reachable(paths, available) },
  };
}

/** `PodList` and the like: a page of objects of one kind. */
function listSchema(gvk: GroupVersionKind, itemName: string): SchemaObject {
  return {
    type: "object",
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { default: {}, allOf: [{ $ref: componentRef("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta") }] },
      items: { type: "array", items: { $ref: componentRef(itemName) } },
    },
    required: ["items"],
    "x-kubernetes-group-version-kind": [{ ...gvk, kind: `${gvk.kind}List` }],
  };
}

/** The schemas `paths` refer to, directly or through other schemas, sorted by name. */
function reachable(paths: Record<string, PathItem>, available: Readonly<Record<string, SchemaObject>>): Record<string, SchemaObject> {
  const found = new Set<string>();
  const pending = referencedNames(paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (found.has(name)) continue;
    const schema = available[name];
    if (!schema) throw new Error(`OpenAPI schema "${name}" is referred to but not defined`);
    found.add(name);
    pending.push(...referencedNames(schema));
  }
  const schemas: Record<string, SchemaObject> = {};
  for (const name of [...found].sort()) schemas[name] = available[name] as SchemaObject;
  return schemas;
}

/** Every component name a JSON value refers to with `$ref`. */
function referencedNames(value: unknown): string[] {
  const names: string[] = [];
  const prefix = componentRef("");
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith(prefix)) names.push(child.slice(prefix.length));
      else visit(child);
    }
  };
  visit(value);
  return names;
}
