import { describe, expect, it } from "vitest";
import type { JsonObject } from "../patch/json-value.js";
import { maxUpdateManagers } from "./cap-managers.js";
import { recordUpdate, type UpdateOptions } from "./record-update.js";
import { managerNames, ownedBy } from "./testing/managed.js";

const type = { apiVersion: "v1", kind: "ConfigMap" };
const t0 = Date.UTC(2024, 0, 1);

const configMap = (data: Record<string, string>, extra: JsonObject = {}): JsonObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "c", namespace: "default", uid: "u-1", ...extra },
  data,
});

const record = (previous: JsonObject | undefined, next: JsonObject, manager: string, extra: Partial<UpdateOptions> = {}): JsonObject =>
  recordUpdate(previous, next, { type, manager, now: t0, ...extra });

const withData = (object: JsonObject, data: Record<string, string>): JsonObject => ({ ...object, data });
const entries = (object: JsonObject): JsonObject[] => ((object.metadata as JsonObject).managedFields ?? []) as JsonObject[];

describe("recordUpdate", () => {
  it("gives the creator every field it set, but not the identity the server owns", () => {
    const created = record(undefined, configMap({ a: "1" }, { labels: { app: "x" } }), "kubectl-create");
    expect(ownedBy(created, "kubectl-create", "Update")).toEqual([".data", ".data.a", ".metadata.labels", ".metadata.labels.app"]);
    expect(entries(created)).toEqual([
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "v1",
        time: "2024-01-01T00:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { ".": {}, "f:a": {} }, "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } },
      },
    ]);
  });

  it("moves changed fields to the writer and forgets removed ones", () => {
    const created = record(undefined, configMap({ a: "1", b: "2", c: "3" }), "creator");
    const edited = record(created, withData(created, { a: "changed", b: "2", d: "new" }), "editor", { now: t0 + 60_000 });
    expect(ownedBy(edited, "creator", "Update")).toEqual([".data", ".data.b"]);
    expect(ownedBy(edited, "editor", "Update")).toEqual([".data.a", ".data.d"]);
    expect(managerNames(edited)).toEqual(["Update creator", "Update editor"]);
  });

  it("adds to the writer's earlier fields and restamps only when something changed", () => {
    const created = record(undefined, configMap({ a: "1" }), "w");
    const again = record(created, withData(created, { a: "1", b: "2" }), "w", { now: t0 + 2000 });
    expect(ownedBy(again, "w", "Update")).toEqual([".data", ".data.a", ".data.b"]);
    expect(entries(again)[0]?.time).toBe("2024-01-01T00:00:02Z");
    const same = record(again, structuredClone(again), "w", { now: t0 + 9000 });
    expect(entries(same)).toEqual(entries(again));
  });

  it("takes managedFields the client sends, as kubectl does when moving to server-side apply", () => {
    const created = record(undefined, configMap({ a: "1" }), "kubectl-client-side-apply");
    const sent = structuredClone(created);
    const entry = entries(sent)[0] as JsonObject;
    entry.manager = "kubectl";
    entry.operation = "Apply";
    const migrated = record(created, sent, "kubectl");
    expect(managerNames(migrated)).toEqual(["Apply kubectl"]);
    expect(ownedBy(migrated, "kubectl")).toEqual([".data", ".data.a"]);
  });

  it("clears managedFields when the client sends an empty list, and then stops tracking", () => {
    const created = record(undefined, configMap({ a: "1" }), "creator");
    const reset = record(created, { ...created, metadata: { ...(created.metadata as JsonObject), managedFields: [] } }, "resetter");
    expect((reset.metadata as JsonObject).managedFields).toBeUndefined();
    const later = record(reset, withData(reset, { a: "2" }), "editor");
    expect((later.metadata as JsonObject).managedFields).toBeUndefined();
  });

  it("keeps the stored entries when the client sends ones it cannot read, and ignores any sent to a subresource", () => {
    const created = record(undefined, configMap({ a: "1" }), "creator");
    const garbage = { ...created, metadata: { ...(created.metadata as JsonObject), managedFields: [{ operation: "Nope" }] } };
    expect(managerNames(record(created, garbage, "editor"))).toEqual(["Update creator"]);
    const status = record(created, { ...garbage, status: { x: 1 } }, "agent", { subresource: "status" });
    expect(managerNames(status)).toEqual(["Update agent/status", "Update creator"]);
    expect(ownedBy(status, "agent", "Update")).toEqual([".status.x"]);
  });

  it("gives nobody the ignored fields", () => {
    const created = record(undefined, { ...configMap({ a: "1" }), status: { phase: "x" } }, "creator", { ignoredFields: ["status"] });
    expect(ownedBy(created, "creator", "Update")).toEqual([".data", ".data.a"]);
  });

  it(`keeps at most ${maxUpdateManagers} updaters, folding the oldest into ancient-changes`, () => {
    let object = record(undefined, configMap({ k0: "0" }), "writer-0");
    for (let i = 1; i <= maxUpdateManagers + 2; i++) {
      object = record(object, withData(object, { ...(object.data as Record<string, string>), [`k${i}`]: String(i) }), `writer-${i}`, { now: t0 + i * 1000 });
    }
    const names = managerNames(object);
    expect(names).toHaveLength(maxUpdateManagers);
    expect(names[0]).toBe("Update ancient-changes");
    // 13 writers: the oldest four share one entry.
    expect(ownedBy(object, "ancient-changes", "Update")).toEqual([".data", ".data.k0", ".data.k1", ".data.k2", ".data.k3"]);
    expect(names).toContain(`Update writer-${maxUpdateManagers + 2}`);
  });
});
