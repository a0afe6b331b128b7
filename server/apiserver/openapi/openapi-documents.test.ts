import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { servedResources } from "../resources/model-resources.js";
import { ResourceTable, type ServedResource } from "../resources/served-resource.js";
import { openApiResourcesOf, serializeDocuments } from "./openapi-documents.js";

const table = new ResourceTable(servedResources());
const sha512 = (text: string): string => createHash("sha512").update(text).digest("hex").toUpperCase();

describe("serializeDocuments", () => {
  const documents = serializeDocuments(openApiResourcesOf(table));

  it("indexes every group version at its URL with the hash of its document", () => {
    const index = JSON.parse(documents.index.body) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toEqual([...documents.groupVersions.keys()]);
    expect(Object.keys(index.paths)).toContain("api/v1");
    for (const [key, document] of documents.groupVersions) {
      expect(document.hash).toBe(sha512(document.body));
      expect(index.paths[key]).toEqual({ serverRelativeURL: `/openapi/v3/${key}?hash=${document.hash}` });
    }
    expect(documents.index.hash).toBe(sha512(documents.index.body));
  });

  it("writes the same bytes every time, so hashes stay valid across restarts", () => {
    const again = serializeDocuments(openApiResourcesOf(table));
    expect(again.index.body).toBe(documents.index.body);
  });
});

describe("openApiResourcesOf", () => {
  it("pairs each served resource with its kind's schema and its status subresource", () => {
    const pods = openApiResourcesOf(table).find((r) => r.resource === "pods");
    expect(pods).toMatchObject({ gvk: { group: "", version: "v1", kind: "Pod" }, namespaced: true, subresources: ["status"] });
  });

  it("refuses a served resource the object model does not know", () => {
    const stranger: ServedResource = { ...servedResources()[0]!, group: "example.skiff.dev", resource: "widgets", kind: "Widget" };
    expect(() => openApiResourcesOf(new ResourceTable([stranger]))).toThrow(/example.skiff.dev\/widgets has no kind in the object model/);
  });
});
