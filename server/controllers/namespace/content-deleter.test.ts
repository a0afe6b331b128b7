import { describe, expect, it } from "vitest";
import { deleteContent, type ContentApi, type ContentItem, type NamespacedResource } from "./content-deleter.js";

const resource = (name: string, group = ""): NamespacedResource => ({ ref: { group, version: "v1", resource: name, namespaced: true }, label: `${name}.${group}` });
const pods = resource("pods");
const configMaps = resource("configmaps");
const replicaSets = resource("replicasets", "apps");

/** Objects by resource label; a delete removes an object unless `stays` says how it is left (marked). */
function fakeApi(objects: Record<string, ContentItem[]>, stays: Record<string, ContentItem> = {}, failing = new Set<string>()) {
  const deleted: string[] = [];
  const api: ContentApi = {
    list: async (r) => {
      if (failing.has(r.label)) throw new Error("the server is unavailable");
      return objects[r.label] ?? [];
    },
    delete: async (r, _ns, name) => {
      deleted.push(`${r.label}/${name}`);
      return stays[`${r.label}/${name}`] ?? "gone";
    },
  };
  return { api, deleted };
}

describe("deleteContent", () => {
  it("deletes everything not yet being deleted, and finds nothing left when all went at once", async () => {
    const { api, deleted } = fakeApi({ "configmaps.": [{ name: "a" }, { name: "b" }], "pods.": [{ name: "p" }] });
    const pass = await deleteContent(api, [configMaps, pods, replicaSets], "ns", 0);
    expect(deleted.sort()).toEqual(["configmaps./a", "configmaps./b", "pods./p"]);
    expect(pass).toEqual({ errors: [], remaining: new Map(), finalizers: new Map(), estimateMs: 0 });
  });

  it("counts what stays (marked, or already being deleted) with its finalizers, and the longest grace period still running", async () => {
    const marked = { name: "running", deletionTimestamp: new Date(30_000).toISOString(), finalizers: [] };
    const { api, deleted } = fakeApi(
      {
        "pods.": [{ name: "running" }, { name: "stopping", deletionTimestamp: new Date(5_000).toISOString() }],
        "replicasets.apps": [{ name: "rs", deletionTimestamp: new Date(0).toISOString(), finalizers: ["foregroundDeletion"] }],
      },
      { "pods./running": marked },
    );
    const pass = await deleteContent(api, [pods, replicaSets], "ns", 1_000);
    expect(deleted).toEqual(["pods./running"]);
    expect(pass.remaining).toEqual(new Map([["pods.", 2], ["replicasets.apps", 1]]));
    expect(pass.finalizers).toEqual(new Map([["foregroundDeletion", 1]]));
    expect(pass.estimateMs).toBe(29_000);
  });

  it("reports a resource that fails and still deletes the others", async () => {
    const { api, deleted } = fakeApi({ "configmaps.": [{ name: "a" }] }, {}, new Set(["pods."]));
    const pass = await deleteContent(api, [pods, configMaps], "ns", 0);
    expect(pass.errors).toEqual(["pods.: the server is unavailable"]);
    expect(deleted).toEqual(["configmaps./a"]);
  });
});
