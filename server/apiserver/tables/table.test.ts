import { describe, expect, it } from "vitest";
import { buildTable, buildWatchEventTable, type BuildTableInput } from "./table.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const created = new Date(now - 5 * 60_000).toISOString();

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", uid: "u-1", resourceVersion: "17", labels: { app: "web" }, creationTimestamp: created },
  spec: { nodeName: "pi-1", containers: [{ name: "app", image: "nginx:1.27" }] },
  status: {
    phase: "Running",
    podIPs: [{ ip: "10.42.0.5" }],
    containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: {} } }],
  },
};

const input: BuildTableInput = {
  group: "",
  resource: "pods",
  objects: [pod],
  now,
  includeObject: "Metadata",
  listMeta: { resourceVersion: "42" },
  apiVersion: "v1",
  kind: "Pod",
};

describe("buildTable", () => {
  it("is a meta.k8s.io/v1 Table with the list's resourceVersion, columns and one row per object", () => {
    const table = buildTable(input);
    expect(table.kind).toBe("Table");
    expect(table.apiVersion).toBe("meta.k8s.io/v1");
    expect(table.metadata).toEqual({ resourceVersion: "42" });
    expect(table.columnDefinitions?.[0]).toEqual({
      name: "Name",
      type: "string",
      format: "name",
      description: expect.any(String),
      priority: 0,
    });
    expect(table.rows).toEqual([
      {
        cells: ["web", "1/1", "Running", "0", "5m", "10.42.0.5", "pi-1", "<none>", "<none>"],
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: pod.metadata },
      },
    ]);
  });

  it("every column definition carries all five fields, as Go serializes them", () => {
    for (const column of buildTable(input).columnDefinitions ?? []) {
      expect(Object.keys(column).sort()).toEqual(["description", "format", "name", "priority", "type"]);
    }
  });

  it("carries the continue token when there is one", () => {
    expect(buildTable({ ...input, listMeta: { resourceVersion: "42", continue: "abc" } }).metadata).toEqual({
      resourceVersion: "42",
      continue: "abc",
    });
  });

  it("includeObject=Object puts the whole object in each row; None leaves it out", () => {
    const whole = buildTable({ ...input, includeObject: "Object", objects: [{ ...pod, apiVersion: undefined, kind: undefined }] });
    expect(whole.rows[0]?.object).toEqual(pod);
    const none = buildTable({ ...input, includeObject: "None" });
    expect(none.rows[0]).not.toHaveProperty("object");
  });

  it("a v1beta1 request gets a v1beta1 Table and PartialObjectMetadata", () => {
    const table = buildTable({ ...input, tableVersion: "v1beta1" });
    expect(table.apiVersion).toBe("meta.k8s.io/v1beta1");
    expect(table.rows[0]?.object).toMatchObject({ apiVersion: "meta.k8s.io/v1beta1" });
  });

  it("adds row conditions for finished pods", () => {
    const done = { ...pod, status: { phase: "Succeeded" } };
    expect(buildTable({ ...input, objects: [done] }).rows[0]?.conditions).toEqual([
      expect.objectContaining({ type: "Completed", status: "True", reason: "Succeeded" }),
    ]);
    expect(buildTable(input).rows[0]).not.toHaveProperty("conditions");
  });

  it("an empty list still has its columns", () => {
    const table = buildTable({ ...input, objects: [] });
    expect(table.rows).toEqual([]);
    expect(table.columnDefinitions?.map((c) => c.name)).toContain("Restarts");
  });

  it("an object without metadata gets an empty PartialObjectMetadata", () => {
    expect(buildTable({ ...input, objects: ["junk"] }).rows[0]?.object).toEqual({
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: {},
    });
  });

  it.each([
    ["", "pods", "NAME READY STATUS RESTARTS AGE"],
    ["apps", "deployments", "NAME READY UP-TO-DATE AVAILABLE AGE"],
    ["apps", "replicasets", "NAME DESIRED CURRENT READY AGE"],
    ["apps", "daemonsets", "NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE"],
    ["batch", "jobs", "NAME STATUS COMPLETIONS DURATION AGE"],
    ["", "services", "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE"],
    ["", "endpoints", "NAME ENDPOINTS AGE"],
    ["discovery.k8s.io", "endpointslices", "NAME ADDRESSTYPE PORTS ENDPOINTS AGE"],
    ["", "nodes", "NAME STATUS ROLES AGE VERSION"],
    ["", "namespaces", "NAME STATUS AGE"],
    ["", "configmaps", "NAME DATA AGE"],
    ["", "secrets", "NAME TYPE DATA AGE"],
    ["", "serviceaccounts", "NAME SECRETS AGE"],
    ["", "events", "LAST SEEN TYPE REASON OBJECT MESSAGE"],
    ["coordination.k8s.io", "leases", "NAME HOLDER AGE"],
    ["rbac.authorization.k8s.io", "roles", "NAME CREATED AT"],
    ["rbac.authorization.k8s.io", "clusterroles", "NAME CREATED AT"],
    ["rbac.authorization.k8s.io", "rolebindings", "NAME ROLE AGE"],
    ["rbac.authorization.k8s.io", "clusterrolebindings", "NAME ROLE AGE"],
    ["example.com", "widgets", "NAME AGE"],
    ["apps", "pods", "NAME AGE"],
  ])("%s/%s shows %s by default", (group, resource, header) => {
    const table = buildTable({ ...input, group, resource, objects: [] });
    const shown = (table.columnDefinitions ?? []).filter((c) => c.priority === 0).map((c) => c.name.toUpperCase());
    expect(shown.join(" ")).toBe(header);
  });

  it("every printer gives as many cells as it has columns, even for an empty object", () => {
    const resources = [
      ["", "pods"],
      ["apps", "deployments"],
      ["apps", "replicasets"],
      ["apps", "daemonsets"],
      ["batch", "jobs"],
      ["", "services"],
      ["", "endpoints"],
      ["discovery.k8s.io", "endpointslices"],
      ["", "nodes"],
      ["", "namespaces"],
      ["", "configmaps"],
      ["", "secrets"],
      ["", "serviceaccounts"],
      ["", "events"],
      ["coordination.k8s.io", "leases"],
      ["rbac.authorization.k8s.io", "roles"],
      ["rbac.authorization.k8s.io", "rolebindings"],
      ["example.com", "widgets"],
    ] as const;
    for (const [group, resource] of resources) {
      const table = buildTable({ ...input, group, resource, objects: [{}] });
      expect(table.rows[0]?.cells.length, `${group}/${resource}`).toBe(table.columnDefinitions?.length);
    }
  });
});

describe("buildWatchEventTable", () => {
  it("is a one-row Table at the object's resourceVersion, with columns when asked", () => {
    const table = buildWatchEventTable({ ...input, object: pod, includeColumnDefinitions: true });
    expect(table.metadata).toEqual({ resourceVersion: "17" });
    expect(table.columnDefinitions).toHaveLength(9);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.cells[0]).toBe("web");
  });

  it("leaves the column definitions out for later events", () => {
    const table = buildWatchEventTable({ ...input, object: pod, includeColumnDefinitions: false });
    expect(table).not.toHaveProperty("columnDefinitions");
    expect(table.rows[0]?.object).toMatchObject({ kind: "PartialObjectMetadata" });
  });
});
