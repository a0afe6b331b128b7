import type { Authorizer } from "../authorizer.js";
import { ruleAllows } from "./policy-rule-match.js";
import type { RbacPolicy } from "./rbac-policy.js";
import { describeSource, visitRules, type RuleSource } from "./rule-resolver.js";

/**
 * Kubernetes' RBAC authorizer: allows a request when a rule of a role bound
 * to the user allows it; otherwise has no opinion (the chain then denies).
 * Until the policy has synced it knows nothing and allows nothing, so a
 * freshly started server refuses rather than guesses.
 */
export function rbacAuthorizer(policy: RbacPolicy): Authorizer {
  return {
    authorize(attributes) {
      if (!policy.hasSynced()) return { decision: "no-opinion", reason: "RBAC: the authorization policy is still loading" };
      const namespace = attributes.kind === "resource" ? attributes.namespace : "";
      let allowedBy: RuleSource | undefined;
      visitRules(policy, attributes.user, namespace, (source, rule) => {
        if (!ruleAllows(attributes, rule)) return false;
        allowedBy = source;
        return true;
      });
      return allowedBy ? { decision: "allow", reason: `RBAC: allowed by ${describeSource(allowedBy)}` } : { decision: "no-opinion" };
    },
  };
}
