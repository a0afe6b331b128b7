import { describe, expect, it } from "vitest";
import { conditionsAfter, mergeConditions, type NamespaceCondition } from "./namespace-conditions.js";

const empty = { errors: [], remaining: new Map<string, number>(), finalizers: new Map<string, number>() };

describe("conditionsAfter", () => {
  it("is the five conditions, all False with their healthy reasons, when nothing is left", () => {
    expect(conditionsAfter(empty).map((c) => `${c.type} ${c.status} ${c.reason}`)).toEqual([
      "NamespaceDeletionDiscoveryFailure False ResourcesDiscovered",
      "NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions",
      "NamespaceDeletionContentFailure False ContentDeleted",
      "NamespaceContentRemaining False ContentRemoved",
      "NamespaceFinalizersRemaining False ContentHasNoFinalizers",
    ]);
  });

  it("says what remains, sorted, with Kubernetes' wording", () => {
    const conditions = conditionsAfter({
      errors: ["pods.: connection reset", "configmaps.: timeout"],
      remaining: new Map([
        ["replicasets.apps", 2],
        ["pods.", 9],
      ]),
      finalizers: new Map([
        ["foregroundDeletion", 2],
        ["example.com/hold", 1],
      ]),
    });
    const byType = new Map(conditions.map((c) => [c.type, c]));
    expect(byType.get("NamespaceDeletionContentFailure")).toEqual({
      type: "NamespaceDeletionContentFailure",
      status: "True",
      reason: "ContentDeletionFailed",
      message: "Failed to delete all resource types, 2 remaining: [configmaps.: timeout, pods.: connection reset]",
    });
    expect(byType.get("NamespaceContentRemaining")?.message).toBe("Some resources are remaining: pods. has 9 resource instances, replicasets.apps has 2 resource instances");
    expect(byType.get("NamespaceFinalizersRemaining")?.message).toBe(
      "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances, foregroundDeletion in 2 resource instances",
    );
    expect(conditionsAfter({ ...empty, errors: ["pods.: timeout"] })[2]?.message).toBe("Failed to delete all resource types, 1 remaining: pods.: timeout");
  });
});

describe("mergeConditions", () => {
  const remaining = (message: string): NamespaceCondition => ({ type: "NamespaceContentRemaining", status: "True", reason: "SomeResourcesRemain", message });

  it("adds missing conditions at now and keeps conditions of other types", () => {
    const other: NamespaceCondition = { type: "Other", status: "True", reason: "R", message: "m", lastTransitionTime: "2026-01-01T00:00:00Z" };
    const merged = mergeConditions([other], [remaining("a")], "2026-01-02T00:00:00Z");
    expect(merged).toEqual({ changed: true, conditions: [other, { ...remaining("a"), lastTransitionTime: "2026-01-02T00:00:00Z" }] });
  });

  it("moves lastTransitionTime only when the status changes, and writes nothing when nothing changed", () => {
    const first = mergeConditions([], [remaining("a")], "T1").conditions;
    expect(mergeConditions(first, [remaining("a")], "T2")).toEqual({ changed: false, conditions: first });
    expect(mergeConditions(first, [remaining("b")], "T2").conditions[0]?.lastTransitionTime).toBe("T1");
    const healthy: NamespaceCondition = { type: "NamespaceContentRemaining", status: "False", reason: "ContentRemoved", message: "All content successfully removed" };
    expect(mergeConditions(first, [healthy], "T3").conditions[0]).toEqual({ ...healthy, lastTransitionTime: "T3" });
  });
});
