import { describe, expect, it } from "vitest";
import { mustParseSelector } from "../../api/labels/index.js";
import type { ApiObject } from "../rest/rest-client.js";
import { defaultIndexFunctions } from "./index-functions.js";
import { Indexer } from "./indexer.js";
import { Lister } from "./lister.js";
import { objectKey } from "./object-key.js";

function listerOf(objects: ApiObject[]): Lister<ApiObject> {
  const indexer = new Indexer<ApiObject>(defaultIndexFunctions);
  for (const object of objects) indexer.set(objectKey(object), object);
  return new Lister(indexer);
}

const names = (objects: ApiObject[]): string[] => objects.map((o) => objectKey(o)).sort();

describe("Lister", () => {
  const lister = listerOf([
    { metadata: { namespace: "web", name: "a", labels: { app: "web", tier: "front" } } },
    { metadata: { namespace: "web", name: "b", labels: { app: "web", tier: "back" } } },
    { metadata: { namespace: "api", name: "a", labels: { app: "web", tier: "front" } } },
    { metadata: { namespace: "api", name: "c" } },
    { metadata: { name: "node1", labels: { zone: "z1" } } },
  ]);

  it("gets by namespace and name, cluster-scoped by name alone, and by key", () => {
    expect(lister.get("api", "a")?.metadata?.namespace).toBe("api");
    expect(lister.get(undefined, "node1")?.metadata?.name).toBe("node1");
    expect(lister.get("web", "c")).toBeUndefined();
    expect(lister.getByKey("web/b")?.metadata?.name).toBe("b");
  });

  it("lists everything, one namespace, and what a selector matches, with and without a namespace", () => {
    expect(names(lister.list())).toEqual(["api/a", "api/c", "node1", "web/a", "web/b"]);
    expect(names(lister.list("web"))).toEqual(["web/a", "web/b"]);
    expect(names(lister.list("", mustParseSelector("zone")))).toEqual(["node1"]);
    expect(names(lister.list(undefined, mustParseSelector("app=web,tier in (front)")))).toEqual(["api/a", "web/a"]);
    expect(names(lister.list("web", mustParseSelector("tier in (front)")))).toEqual(["web/a"]);
    expect(names(lister.list("api", mustParseSelector("!app")))).toEqual(["api/c"]);
    expect(names(lister.list(undefined, mustParseSelector("tier notin (front)")))).toEqual(["api/c", "node1", "web/b"]);
  });

  it("reads an index by name", () => {
    expect(names(lister.byIndex("label", "tier=front"))).toEqual(["api/a", "web/a"]);
  });
});
