/** A condition of a Namespace's status (core/v1 NamespaceCondition). */
export interface NamespaceCondition {
  type: string;
  status: "True" | "False";
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

/** What one pass over a terminating namespace's content found. */
export interface ContentDeletion {
  /** Failures to list or delete, one per resource. */
  errors: string[];
  /** Objects still there, by `resource.group` (`pods.`, `replicasets.apps`). */
  remaining: Map<string, number>;
  /** Objects still there, by each finalizer they still carry. */
  finalizers: Map<string, number>;
}

/** The namespace controller's conditions, in Kubernetes' order, with the reason and message each has when all is well. */
const healthy: ReadonlyArray<Omit<NamespaceCondition, "status">> = [
  { type: "NamespaceDeletionDiscoveryFailure", reason: "ResourcesDiscovered", message: "All resources successfully discovered" },
  { type: "NamespaceDeletionGroupVersionParsingFailure", reason: "ParsedGroupVersions", message: "All legacy kube types successfully parsed" },
  { type: "NamespaceDeletionContentFailure", reason: "ContentDeleted", message: "All content successfully deleted, may be waiting on finalization" },
  { type: "NamespaceContentRemaining", reason: "ContentRemoved", message: "All content successfully removed" },
  { type: "NamespaceFinalizersRemaining", reason: "ContentHasNoFinalizers", message: "All content-preserving finalizers finished" },
];

/**
 * The conditions Kubernetes' namespace controller sets after a pass:
 * every type present, False with its healthy reason unless the pass found
 * that problem. skiff knows its resources without discovery, so the first
 * two are always healthy.
 */
export function conditionsAfter(pass: ContentDeletion): NamespaceCondition[] {
  const found = new Map<string, NamespaceCondition>();
  if (pass.errors.length > 0) {
    const errors = [...pass.errors].sort();
    // Kubernetes prints an aggregate of one error as that error, of several as [a, b].
    const text = errors.length === 1 ? errors[0]! : `[${errors.join(", ")}]`;
    found.set("NamespaceDeletionContentFailure", {
      type: "NamespaceDeletionContentFailure",
      status: "True",
      reason: "ContentDeletionFailed",
      message: `Failed to delete all resource types, ${errors.length} remaining: ${text}`,
    });
  }
  if (pass.remaining.size > 0) {
    const parts = [...pass.remaining].map(([resource, count]) => `${resource} has ${count} resource instances`).sort();
    found.set("NamespaceContentRemaining", {
      type: "NamespaceContentRemaining",
      status: "True",
      reason: "SomeResourcesRemain",
      message: `Some resources are remaining: ${parts.join(", ")}`,
    });
  }
  if (pass.finalizers.size > 0) {
    const parts = [...pass.finalizers].map(([finalizer, count]) => `${finalizer} in ${count} resource instances`).sort();
    found.set("NamespaceFinalizersRemaining", {
      type: "NamespaceFinalizersRemaining",
      status: "True",
      reason: "SomeFinalizersRemain",
      message: `Some content in the namespace has finalizers remaining: ${parts.join(", ")}`,
    });
  }
  return healthy.map((ok) => found.get(ok.type) ?? { ...ok, status: "False" });
}

/**
 * The namespace's conditions with `next` merged in, as Kubernetes' updater
 * does: conditions of other types are kept; a condition's
 * lastTransitionTime moves only when its status changes. `changed` says
 * whether anything is to be written.
 */
export function mergeConditions(
  current: readonly NamespaceCondition[],
  next: readonly NamespaceCondition[],
  now: string,
): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions = current.map((condition) => ({ ...condition }));
  let changed = false;
  for (const wanted of next) {
    const index = conditions.findIndex((condition) => condition.type === wanted.type);
    const existing = index >= 0 ? conditions[index] : undefined;
    if (existing === undefined) {
      conditions.push({ ...wanted, lastTransitionTime: now });
      changed = true;
      continue;
    }
    if (existing.status === wanted.status && existing.reason === wanted.reason && existing.message === wanted.message) continue;
    const lastTransitionTime = existing.status === wanted.status && existing.lastTransitionTime !== undefined ? existing.lastTransitionTime : now;
    conditions[index] = { ...wanted, lastTransitionTime };
    changed = true;
  }
  return { conditions, changed };
}
