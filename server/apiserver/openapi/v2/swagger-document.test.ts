import { describe, expect, it } from "vitest";
import { servedResources } from "../../resources/model-resources.js";
import { ResourceTable } from "../../resources/served-resource.js";
import { openApiResourcesOf } from "../openapi-documents.js";
import type { GroupVersionKind } from "../openapi-types.js";
import { swaggerDocument } from "./swagger-document.js";
import type { SwaggerDocument, SwaggerParameter, SwaggerSchema } from "./swagger-types.js";

const resources = openApiResourcesOf(new ResourceTable(servedResources()));
const document = swaggerDocument(resources);

/** The definition kubectl's LookupResource finds for a kind: the one whose x-kubernetes-group-version-kind names it. */
function lookupResource(doc: SwaggerDocument, gvk: GroupVersionKind): string[] {
  return Object.entries(doc.definitions)
    .filter(([, schema]) => {
      const marks = schema["x-kubernetes-group-version-kind"];
      return Array.isArray(marks) && marks.some((m: GroupVersionKind) => m.group === gvk.group && m.version === gvk.version && m.kind === gvk.kind);
    })
    .map(([name]) => name);
}

/** The global parameters a PATCH operation for the kind lists (cli-runtime's supportsQueryParam follows the refs). */
function patchParameters(doc: SwaggerDocument, gvk: GroupVersionKind): SwaggerParameter[] | undefined {
  for (const item of Object.values(doc.paths)) {
    const named = item.patch?.["x-kubernetes-group-version-kind"];
    if (!named || named.group !== gvk.group || named.version !== gvk.version || named.kind !== gvk.kind) continue;
    return (item.patch?.parameters ?? []).map((ref) => {
      const parameter = doc.parameters[ref.$ref.replace("#/parameters/", "")];
      if (!parameter) throw new Error(`dangling parameter ${ref.$ref}`);
      return parameter;
    });
  }
  return undefined;
}

/** Every problem kube-openapi's util/proto parser (what kubectl builds its models with) would refuse the schema for. */
function parserProblems(schema: SwaggerSchema, at: string, doc: SwaggerDocument): string[] {
  if (schema.$ref !== undefined) {
    const problems: string[] = [];
    if (schema.type !== undefined || schema.properties !== undefined) problems.push(`${at}: a $ref with a type or properties`);
    if (!doc.definitions[schema.$ref.replace("#/definitions/", "")]) problems.push(`${at}: dangling ${schema.$ref}`);
    return problems;
  }
  if (schema.type === "array" && !schema.items) return [`${at}: an array without items`];
  const problems = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => parserProblems(property, `${at}.${name}`, doc));
  if (schema.items) problems.push(...parserProblems(schema.items, `${at}[]`, doc));
  if (typeof schema.additionalProperties === "object") problems.push(...parserProblems(schema.additionalProperties, `${at}{}`, doc));
  return problems;
}

describe("swaggerDocument over the served resources", () => {
  it("defines every served kind and its list once, found by group, version and kind", () => {
    for (const r of resources) {
      expect(lookupResource(document, r.gvk), r.gvk.kind).toEqual([`io.k8s.api.${r.gvk.group === "" ? "core" : r.gvk.group.split(".")[0]}.${r.gvk.version}.${r.gvk.kind}`]);
      expect(lookupResource(document, { ...r.gvk, kind: `${r.gvk.kind}List` }), r.gvk.kind).toHaveLength(1);
    }
  });

  it("defines List (v1), whose items may be objects of any kind", () => {
    expect(lookupResource(document, { group: "", version: "v1", kind: "List" })).toEqual(["io.k8s.api.core.v1.List"]);
    expect(document.definitions["io.k8s.api.core.v1.List"]?.properties?.items).toEqual({
      type: "array",
      items: { $ref: "#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension" },
    });
  });

  it("holds only schemas kubectl's parser reads, every reference resolving", () => {
    const problems = Object.entries(document.definitions).flatMap(([name, schema]) => parserProblems(schema, name, document));
    for (const item of Object.values(document.paths)) {
      for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
        for (const [code, response] of Object.entries(operation?.responses ?? {})) {
          if (response.schema) problems.push(...parserProblems(response.schema, `${operation?.operationId} ${code}`, document));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("has the same paths as the v3 documents, each PATCH taking fieldValidation and no body", () => {
    expect(Object.keys(document.paths)).toContain("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
    for (const r of resources) {
      const parameters = patchParameters(document, r.gvk);
      expect(parameters, r.gvk.kind).toBeDefined();
      expect(parameters?.some((p) => p.name === "fieldValidation" && p.in === "query"), r.gvk.kind).toBe(true);
      expect(parameters?.some((p) => p.in === "body"), r.gvk.kind).toBe(false);
    }
    const patches = Object.values(document.paths).flatMap((item) => item.patch ?? []);
    for (const patch of patches) expect(patch).not.toHaveProperty("consumes");
  });

  it("describes a create's body by the kind's schema", () => {
    const post = document.paths["/api/v1/namespaces/{namespace}/configmaps"]?.post;
    const body = (post?.parameters ?? []).map((ref) => document.parameters[ref.$ref.replace("#/parameters/", "")]).find((p) => p?.in === "body");
    expect(body).toEqual({ name: "body", in: "body", required: true, schema: { $ref: "#/definitions/io.k8s.api.core.v1.ConfigMap" } });
    expect(post?.responses["201"]).toEqual({ description: "Created", schema: { $ref: "#/definitions/io.k8s.api.core.v1.ConfigMap" } });
  });
});
