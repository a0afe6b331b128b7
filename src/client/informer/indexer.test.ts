import { describe, expect, it } from "vitest";
import type { ApiObject } from "../rest/rest-client.js";
import { byControllerOwner, byLabel, byNamespace, defaultIndexFunctions } from "./index-functions.js";
import { Indexer } from "./indexer.js";

const pod = (namespace: string, name: string, labels: Record<string, string> = {}, owners: unknown[] = []): ApiObject => ({
  metadata: { namespace, name, labels, ownerReferences: owners },
});

describe("index functions", () => {
  it("file by namespace, by each label as key=value, and by the controller owner's uid only", () => {
    const owned = pod("web", "a", { app: "web", tier: "front" }, [
      { kind: "Node", uid: "n1" },
      { kind: "ReplicaSet", uid: "rs1", controller: true },
    ]);
    expect(byNamespace(owned)).toEqual(["web"]);
    expect(byNamespace({ metadata: { name: "node1" } })).toEqual([""]);
    expect(byLabel(owned)).toEqual(["app=web", "tier=front"]);
    expect(byControllerOwner(owned)).toEqual(["rs1"]);
    expect(byControllerOwner(pod("web", "b", {}, [{ uid: "rs1", controller: false }]))).toEqual([]);
    expect(byLabel({ metadata: { name: "x", labels: "broken" } })).toEqual([]);
  });
});

describe("Indexer", () => {
  it("moves an object between index values when it is replaced, and drops it on delete", () => {
    const indexer = new Indexer<ApiObject>(defaultIndexFunctions);
    indexer.set("web/a", pod("web", "a", { app: "web" }));
    indexer.set("web/b", pod("web", "b", { app: "web" }));
    expect(indexer.byIndex("label", "app=web").map((o) => o.metadata?.name).sort()).toEqual(["a", "b"]);

    indexer.set("web/a", pod("web", "a", { app: "api" }));
    expect(indexer.indexKeys("label", "app=web")).toEqual(["web/b"]);
    expect(indexer.indexKeys("label", "app=api")).toEqual(["web/a"]);

    expect(indexer.delete("web/a")?.metadata?.name).toBe("a");
    expect(indexer.delete("web/a")).toBeUndefined();
    expect(indexer.indexKeys("label", "app=api")).toEqual([]);
    expect(indexer.indexKeys("namespace", "web")).toEqual(["web/b"]);
    expect(indexer.size).toBe(1);
  });

  it("files what is already stored in an index added later, and refuses unknown or doubled index names", () => {
    const indexer = new Indexer<ApiObject>();
    indexer.set("x/a", pod("x", "a"));
    indexer.addIndex("name-length", (o) => [String(o.metadata?.name?.length)]);
    expect(indexer.indexKeys("name-length", "1")).toEqual(["x/a"]);
    expect(() => indexer.addIndex("name-length", () => [])).toThrow(/already exists/);
    expect(() => indexer.byIndex("nmespace", "x")).toThrow(/does not exist/);
  });
});
