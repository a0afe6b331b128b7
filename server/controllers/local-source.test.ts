import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { WatchEvent } from "../../src/client/watch/watch-event.js";
import { makeTempDir } from "../../test/store/helpers/temp-dir.js";
import { servedResources } from "../apiserver/resources/model-resources.js";
import { ObjectStore, type StoredObject } from "../apiserver/storage/object-store.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { localListerWatcher } from "./local-source.js";

const configMaps = servedResources().find((r) => r.group === "" && r.resource === "configmaps");
if (!configMaps) throw new Error("configmaps are not served");

const configMap = (name: string, labels: Record<string, string>): StoredObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default", labels },
});

describe("localListerWatcher", () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function objectStore(): ObjectStore {
    const dir = makeTempDir("local-source");
    const store = openSqliteStore(join(dir.path, "state.db"));
    const objects = new ObjectStore(store, configMaps!);
    cleanups.push(() => dir.remove(), () => store.close(), () => objects.close());
    return objects;
  }

  it("lists what the selection picks, and reports an object leaving or joining it as DELETED or ADDED", async () => {
    const objects = objectStore();
    await objects.create(configMap("in", { tier: "web" }));
    await objects.create(configMap("out", { tier: "db" }));
    const source = localListerWatcher<StoredObject & { metadata: { name: string } }>(configMaps!, objects, { labelSelector: "tier=web" });
    const abort = new AbortController();
    const page = await source.list({ signal: abort.signal });
    expect(page.items.map((o) => o.metadata.name)).toEqual(["in"]);

    const events: Array<WatchEvent<StoredObject & { metadata: { name: string } }>> = [];
    const watching = (async () => {
      for await (const event of source.watch({ resourceVersion: page.resourceVersion, timeoutSeconds: 30, signal: abort.signal })) {
        events.push(event);
        if (events.length === 3) abort.abort();
      }
    })();
    const stored = async (name: string) => (await objects.get("default", name))!;
    const moveOut = await stored("in");
    await objects.update({ ...moveOut, metadata: { ...moveOut.metadata, labels: { tier: "db" } } }, Number(moveOut.metadata.resourceVersion));
    const moveIn = await stored("out");
    await objects.update({ ...moveIn, metadata: { ...moveIn.metadata, labels: { tier: "web" } } }, Number(moveIn.metadata.resourceVersion));
    await objects.create(configMap("new", { tier: "web" }));
    await watching;
    expect(events.map((e) => [e.type, e.type === "BOOKMARK" ? "" : e.object.metadata.name])).toEqual([
      ["DELETED", "in"],
      ["ADDED", "out"],
      ["ADDED", "new"],
    ]);
  });

  it("ends the watch after its timeout, so the informer watches again", async () => {
    const objects = objectStore();
    const source = localListerWatcher(configMaps!, objects);
    const page = await source.list({ signal: new AbortController().signal });
    const started = Date.now();
    for await (const _event of source.watch({ resourceVersion: page.resourceVersion, timeoutSeconds: 0.2, signal: new AbortController().signal })) {
      throw new Error("no event was written");
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
