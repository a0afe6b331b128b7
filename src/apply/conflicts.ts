import { formatPath, type FieldPath } from "./fieldpath/path-element.js";
import type { ManagerIdentity } from "./managed-fields.js";

/** A field an apply would change that another manager owns. */
export interface Conflict {
  readonly manager: ManagerIdentity;
  readonly path: FieldPath;
}

/** A manager as Kubernetes names it in conflicts: `"kubectl"`, `"kubectl" with subresource "scale" using apps/v1`. */
export function describeManager(identity: ManagerIdentity): string {
  let text = JSON.stringify(identity.manager);
  if (identity.subresource !== "") text += ` with subresource ${JSON.stringify(identity.subresource)}`;
  return identity.operation === "Update" ? `${text} using ${identity.apiVersion}` : text;
}

/**
 * The Status message of a failed apply, in Kubernetes' words:
 * `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`,
 * or for several, one block per manager (sorted) listing its fields.
 */
export function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${describeManager(only.manager)}: ${formatPath(only.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const conflict of conflicts) {
    const name = describeManager(conflict.manager);
    byManager.set(name, [...(byManager.get(name) ?? []), `- ${formatPath(conflict.path)}`]);
  }
  const lines = [...byManager.keys()].sort().flatMap((name) => [`conflicts with ${name}:`, ...(byManager.get(name) ?? [])]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}

/** One Status cause per conflict, as Kubernetes reports them (reason FieldManagerConflict). */
export function conflictCauses(conflicts: readonly Conflict[]): Array<{ reason: "FieldManagerConflict"; message: string; field: string }> {
  return conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${describeManager(c.manager)}`, field: formatPath(c.path) }));
}
