import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import type { RoleRef, Subject } from "../../../src/api/rbac/v1/role-binding.js";
import type { UserInfo } from "../user.js";
import type { RbacPolicy } from "./rbac-policy.js";
import { subjectMatches } from "./subjects.js";

/** Where a rule comes from: the binding, its role and the subject that matched, for "allowed by" reasons. */
export interface RuleSource {
  bindingKind: "ClusterRoleBinding" | "RoleBinding";
  bindingName: string;
  /** "" for a ClusterRoleBinding. */
  bindingNamespace: string;
  roleRef: RoleRef;
  subject: Subject;
}

/** `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`, as Kubernetes words it. */
export function describeSource(source: RuleSource): string {
  const binding = source.bindingNamespace ? `${source.bindingName}/${source.bindingNamespace}` : source.bindingName;
  return `${source.bindingKind} "${binding}" of ${source.roleRef.kind} "${source.roleRef.name}" to ${source.subject.kind} "${source.subject.name}"`;
}

/** The rules a roleRef stands for: a Role in the binding's namespace or a ClusterRole; an error when it is missing. */
export function roleReferenceRules(policy: RbacPolicy, ref: RoleRef, bindingNamespace: string): { rules: readonly PolicyRule[] } | { error: string } {
  if (ref.kind === "Role") {
    const role = policy.role(bindingNamespace, ref.name);
    return role ? { rules: role.rules } : { error: `role.rbac.authorization.k8s.io "${ref.name}" not found` };
  }
  if (ref.kind === "ClusterRole") {
    const role = policy.clusterRole(ref.name);
    return role ? { rules: role.rules } : { error: `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found` };
  }
  return { error: `unsupported role reference kind: "${ref.kind}"` };
}

/**
 * Visits every rule granted to `user` cluster-wide and, when `namespace`
 * is set, in that namespace (RoleBindings there, to Roles or ClusterRoles);
 * stops when `visit` returns true. Roles that bindings name but that do not
 * exist are reported to `onError`: they grant nothing.
 */
export function visitRules(
  policy: RbacPolicy,
  user: UserInfo,
  namespace: string,
  visit: (source: RuleSource, rule: PolicyRule) => boolean,
  onError: (message: string) => void = () => {},
): void {
  const visitBinding = (source: Omit<RuleSource, "subject">, subjects: readonly Subject[] | undefined): boolean => {
    const subject = (subjects ?? []).find((s) => subjectMatches(s, user, source.bindingNamespace));
    if (!subject) return false;
    const resolved = roleReferenceRules(policy, source.roleRef, source.bindingNamespace);
    if ("error" in resolved) {
      onError(resolved.error);
      return false;
    }
    return resolved.rules.some((rule) => visit({ ...source, subject }, rule));
  };
  for (const binding of policy.clusterRoleBindings()) {
    const source = { bindingKind: "ClusterRoleBinding" as const, bindingName: binding.metadata.name ?? "", bindingNamespace: "", roleRef: binding.roleRef };
    if (visitBinding(source, binding.subjects)) return;
  }
  if (namespace === "") return;
  for (const binding of policy.roleBindings(namespace)) {
    const source = { bindingKind: "RoleBinding" as const, bindingName: binding.metadata.name ?? "", bindingNamespace: namespace, roleRef: binding.roleRef };
    if (visitBinding(source, binding.subjects)) return;
  }
}

/** Every rule granted to `user` in `namespace` (cluster-wide ones included), and the errors met resolving them. */
export function rulesFor(policy: RbacPolicy, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRules(policy, user, namespace, (_, rule) => {
    rules.push(rule);
    return false;
  }, (error) => errors.push(error));
  return { rules, errors };
}
