import { describe, expect, it } from "vitest";
import { selectorFromSet } from "../../../src/api/labels/index.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { planClaim } from "./claim.js";

const owner: ApiObject = { metadata: { name: "web", namespace: "default", uid: "rs-1" } };
const pod = (name: string, labels: Record<string, string>, controller?: string, extra: Record<string, unknown> = {}): ApiObject => ({
  metadata: {
    name,
    namespace: "default",
    labels,
    ...(controller ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "x", uid: controller, controller: true }] } : {}),
    ...extra,
  },
});
const names = (objects: ApiObject[]): string[] => objects.map((o) => o.metadata?.name ?? "");

describe("planClaim", () => {
  const selector = selectorFromSet({ app: "web" });

  it("keeps its own matching pods, adopts matching orphans, releases its pods that stopped matching, and leaves others' alone", () => {
    const plan = planClaim(owner, selector, [
      pod("mine", { app: "web" }, "rs-1"),
      pod("orphan", { app: "web" }),
      pod("strayed", { app: "db" }, "rs-1"),
      pod("theirs", { app: "web" }, "rs-2"),
      pod("unrelated", { app: "db" }),
    ]);
    expect(names(plan.owned)).toEqual(["mine"]);
    expect(names(plan.adopt)).toEqual(["orphan"]);
    expect(names(plan.release)).toEqual(["strayed"]);
  });

  it("adopts nothing and releases nothing while the owner is being deleted, and never adopts a pod being deleted", () => {
    const deleting = { metadata: { ...owner.metadata, deletionTimestamp: "2026-11-23T00:00:00Z" } };
    const plan = planClaim(deleting, selector, [pod("orphan", { app: "web" }), pod("strayed", { app: "db" }, "rs-1")]);
    expect(plan.adopt).toEqual([]);
    expect(plan.release).toEqual([]);
    const dying = planClaim(owner, selector, [pod("dying", { app: "web" }, undefined, { deletionTimestamp: "2026-11-23T00:00:00Z" })]);
    expect(dying.adopt).toEqual([]);
  });
});
