import { describe, expect, it } from "vitest";
import { servedResources } from "../resources/model-resources.js";
import { ResourceTable } from "../resources/served-resource.js";
import { groupVersionDocuments, groupVersionPath } from "./group-version-documents.js";
import { openApiResourcesOf } from "./openapi-documents.js";
import type { GroupVersionKind, OpenApiDocument } from "./openapi-types.js";

const resources = openApiResourcesOf(new ResourceTable(servedResources()));
const documents = groupVersionDocuments(resources);

function documentFor(group: string, version: string): OpenApiDocument {
  const document = documents.get(groupVersionPath(group, version));
  if (!document) throw new Error(`no document for ${group}/${version}`);
  return document;
}

/**
 * kubectl's test for server-side field validation (cli-runtime's
 * supportsQueryParamV3): some path's PATCH names the kind in
 * x-kubernetes-group-version-kind and lists the parameter.
 */
function supportsFieldValidation(document: OpenApiDocument, gvk: GroupVersionKind): boolean {
  for (const item of Object.values(document.paths)) {
    const patch = item.patch;
    if (!patch) continue;
    const named = patch["x-kubernetes-group-version-kind"];
    if (named.group !== gvk.group || named.version !== gvk.version || named.kind !== gvk.kind) continue;
    return (patch.parameters ?? []).some((p) => p.name === "fieldValidation");
  }
  return false;
}

/** Every `$ref` in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === "$ref" && typeof child === "string" ? [child] : refsIn(child)));
}

describe("groupVersionDocuments over the served resources", () => {
  it("has one OpenAPI 3.0 document per served group version", () => {
    const expected = new Set(resources.map((r) => groupVersionPath(r.gvk.group, r.gvk.version)));
    expect(new Set(documents.keys())).toEqual(expected);
    expect(expected).toContain("api/v1");
    for (const document of documents.values()) expect(document.openapi).toBe("3.0.0");
  });

  it("lets kubectl use server-side field validation for every served kind", () => {
    for (const r of resources) expect(supportsFieldValidation(documentFor(r.gvk.group, r.gvk.version), r.gvk), r.gvk.kind).toBe(true);
  });

  it("gives no PATCH a request body, so kubectl builds strategic merge patches from its own types", () => {
    const patches = [...documents.values()].flatMap((document) => Object.values(document.paths).flatMap((item) => item.patch ?? []));
    expect(patches.length).toBeGreaterThanOrEqual(resources.length);
    for (const patch of patches) expect(patch).not.toHaveProperty("requestBody");
  });

  it("holds each kind and its list, found by x-kubernetes-group-version-kind as kubectl explain finds them", () => {
    for (const r of resources) {
      const schemas = Object.values(documentFor(r.gvk.group, r.gvk.version).components.schemas);
      const marked = (kind: string) =>
        schemas.filter((s) => JSON.stringify(s["x-kubernetes-group-version-kind"]) === JSON.stringify([{ ...r.gvk, kind }]));
      expect(marked(r.gvk.kind), r.gvk.kind).toHaveLength(1);
      expect(marked(`${r.gvk.kind}List`), r.gvk.kind).toHaveLength(1);
    }
  });

  it("holds exactly the schemas its paths reach", () => {
    for (const [key, document] of documents) {
      const names = new Set(Object.keys(document.components.schemas));
      const refs = new Set(refsIn(document).map((ref) => ref.replace("#/components/schemas/", "")));
      expect([...refs].filter((name) => !names.has(name)), key).toEqual([]);
      expect([...names].filter((name) => !refs.has(name)), key).toEqual([]);
    }
  });

  it("carries the core types a pod template needs into apps/v1, and no unrelated ones", () => {
    const names = Object.keys(documentFor("apps", "v1").components.schemas);
    expect(names).toContain("io.k8s.api.core.v1.PodSpec");
    expect(names).toContain("io.k8s.api.apps.v1.Deployment");
    expect(names).not.toContain("io.k8s.api.core.v1.Pod");
    expect(names).not.toContain("io.k8s.api.core.v1.ServiceSpec");
  });
});
