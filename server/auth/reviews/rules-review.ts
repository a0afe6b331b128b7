import type { RbacPolicy } from "../rbac/rbac-policy.js";
import { rulesFor } from "../rbac/rule-resolver.js";
import type { UserInfo } from "../user.js";

interface RulesReviewStatus {
  resourceRules: Array<{ verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }>;
  nonResourceRules: Array<{ verbs: string[]; nonResourceURLs: string[] }>;
  incomplete: boolean;
  evaluationError?: string;
}

/**
 * What `user` may do in `namespace` by RBAC, for `kubectl auth can-i
 * --list`. Incomplete when a binding names a role that does not exist.
 */
export function rulesReviewStatus(policy: RbacPolicy, user: UserInfo, namespace: string): RulesReviewStatus {
  const { rules, errors } = rulesFor(policy, user, namespace);
  const status: RulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: errors.length > 0 };
  for (const rule of rules) {
    if ((rule.nonResourceURLs ?? []).length > 0) {
      status.nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs ?? [] });
      continue;
    }
    const entry: RulesReviewStatus["resourceRules"][number] = { verbs: rule.verbs };
    if (rule.apiGroups) entry.apiGroups = rule.apiGroups;
    if (rule.resources) entry.resources = rule.resources;
    if (rule.resourceNames) entry.resourceNames = rule.resourceNames;
    status.resourceRules.push(entry);
  }
  if (errors.length > 0) status.evaluationError = errors.join("; ");
  return status;
}
