import { describe, expect, it } from "vitest";
import { toGcObject } from "./gc-object.js";

describe("toGcObject", () => {
  it("keeps identity, owners and deletion state only", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-1",
        namespace: "prod",
        uid: "u1",
        resourceVersion: "7",
        labels: { app: "web" },
        annotations: { big: "x".repeat(1000) },
        managedFields: [{ manager: "kubectl" }],
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "rs1", controller: true, blockOwnerDeletion: true }, { bad: true }],
        deletionTimestamp: "2026-01-01T00:00:00Z",
        finalizers: ["orphan"],
      },
      spec: { containers: [{ name: "c", image: "nginx" }] },
      status: { phase: "Running" },
    };
    expect(toGcObject(pod)).toEqual({
      metadata: {
        name: "web-1",
        namespace: "prod",
        uid: "u1",
        resourceVersion: "7",
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "rs1", controller: true, blockOwnerDeletion: true }],
        deletionTimestamp: "2026-01-01T00:00:00Z",
        finalizers: ["orphan"],
      },
    });
  });

  it("leaves out what a cluster-scoped object without owners does not have", () => {
    expect(toGcObject({ metadata: { name: "n1", uid: "u", resourceVersion: "1", finalizers: [] } })).toEqual({ metadata: { name: "n1", uid: "u", resourceVersion: "1" } });
  });
});
