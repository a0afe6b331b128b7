import { describe, expect, it } from "vitest";
import { defaultGcPolicy, finalizersForDeletion } from "./gc-finalizers.js";

describe("finalizersForDeletion", () => {
  it("turns each propagation policy into its finalizer, keeping the object's others", () => {
    expect(finalizersForDeletion(["example.com/hold"], { propagationPolicy: "Foreground" }, "DeleteDependents")).toEqual(["example.com/hold", "foregroundDeletion"]);
    expect(finalizersForDeletion([], { propagationPolicy: "Orphan" }, "DeleteDependents")).toEqual(["orphan"]);
    expect(finalizersForDeletion([], { propagationPolicy: "Background" }, "OrphanDependents")).toEqual([]);
    expect(finalizersForDeletion([], { orphanDependents: true }, "DeleteDependents")).toEqual(["orphan"]);
  });

  it("lets an explicit policy replace the other garbage-collection finalizer", () => {
    expect(finalizersForDeletion(["orphan"], { propagationPolicy: "Foreground" }, "DeleteDependents")).toEqual(["foregroundDeletion"]);
    expect(finalizersForDeletion(["foregroundDeletion"], { propagationPolicy: "Orphan" }, "DeleteDependents")).toEqual(["orphan"]);
    expect(finalizersForDeletion(["foregroundDeletion"], { propagationPolicy: "Background" }, "DeleteDependents")).toEqual([]);
    expect(finalizersForDeletion(["orphan", "x"], { orphanDependents: false }, "DeleteDependents")).toEqual(["x"]);
  });

  it("without a policy keeps the object's own finalizer, else applies the resource's default", () => {
    expect(finalizersForDeletion(["foregroundDeletion"], {}, "OrphanDependents")).toEqual(["foregroundDeletion"]);
    expect(finalizersForDeletion(["orphan"], {}, "DeleteDependents")).toEqual(["orphan"]);
    expect(finalizersForDeletion([], {}, "DeleteDependents")).toEqual([]);
    expect(finalizersForDeletion([], {}, "OrphanDependents")).toEqual(["orphan"]);
  });
});

describe("defaultGcPolicy", () => {
  it("orphans only for batch/v1 Jobs, as Kubernetes does; apps/v1 deletes dependents", () => {
    expect(defaultGcPolicy({ group: "batch", version: "v1", resource: "jobs" })).toBe("OrphanDependents");
    for (const resource of ["deployments", "replicasets", "daemonsets"]) expect(defaultGcPolicy({ group: "apps", version: "v1", resource })).toBe("DeleteDependents");
    expect(defaultGcPolicy({ group: "", version: "v1", resource: "configmaps" })).toBe("DeleteDependents");
  });
});
