import { forbidden } from "../../../src/errors/status.js";
import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import { RBAC_GROUP, type RoleRef } from "../../../src/api/rbac/v1/role-binding.js";
import type { AdmissionPlugin, AdmissionRequest } from "../../apiserver/admission/admission.js";
import type { Authorizer } from "../authorizer.js";
import { wellKnownGroups, type UserInfo } from "../user.js";
import { compactRule, uncoveredRules } from "./covers.js";
import type { RbacPolicy } from "./rbac-policy.js";
import { roleReferenceRules, rulesFor } from "./rule-resolver.js";

/** The parts of RBAC objects a write may not grant beyond what its author holds. */
interface Grant {
  rules?: readonly PolicyRule[];
  aggregationRule?: unknown;
  roleRef?: RoleRef;
}

/**
 * Kubernetes' privilege-escalation prevention for RBAC writes: a user may
 * create or change a Role or ClusterRole only with rules they hold
 * themselves (in that namespace, or cluster-wide), unless they may
 * `escalate` it; and bind a role only when they hold its rules, unless they
 * may `bind` it. system:masters may do anything. This is what keeps a user
 * who may write RoleBindings from binding themselves to cluster-admin.
 */
export function rbacEscalationAdmission(policy: RbacPolicy, authorizer: Authorizer): AdmissionPlugin {
  const allowed = async (user: UserInfo, verb: string, resource: string, namespace: string, name: string): Promise<boolean> => {
    const decision = await authorizer.authorize({
      kind: "resource",
      user,
      verb,
      group: RBAC_GROUP,
      version: "v1",
      resource,
      subresource: "",
      namespace,
      name,
      fieldSelector: "",
      labelSelector: "",
    });
    return decision.decision === "allow";
  };

  return {
    name: "RBACEscalation",
    async admit(request) {
      const { resource, user } = request;
      if (request.operation === "delete" || resource.group !== RBAC_GROUP || request.subresource !== "" || !request.object) return;
      if (user.groups.includes(wellKnownGroups.masters)) return;
      const grant = request.object as Grant;
      const refuse = (why: string): Error => forbidden({ group: RBAC_GROUP, resource: resource.resource }, request.name, why);

      if (resource.resource === "roles" || resource.resource === "clusterroles") {
        if (await allowed(user, "escalate", resource.resource, request.namespace, request.name)) return;
        if (resource.resource === "clusterroles" && grant.aggregationRule !== undefined) {
          throw refuse("must have cluster-admin privileges to use an aggregationRule");
        }
        confirmNoEscalation(policy, request, grant.rules ?? [], refuse);
        return;
      }
      if ((resource.resource === "rolebindings" || resource.resource === "clusterrolebindings") && grant.roleRef) {
        const ref = grant.roleRef;
        const roleResource = ref.kind === "Role" ? "roles" : "clusterroles";
        if (await allowed(user, "bind", roleResource, request.namespace, ref.name)) return;
        const referenced = roleReferenceRules(policy, ref, request.namespace);
        if ("error" in referenced) throw refuse(referenced.error);
        confirmNoEscalation(policy, request, referenced.rules, refuse);
      }
    },
  };
}

function confirmNoEscalation(policy: RbacPolicy, request: AdmissionRequest, wanted: readonly PolicyRule[], refuse: (why: string) => Error): void {
  const held = rulesFor(policy, request.user, request.namespace);
  const missing = uncoveredRules(held.rules, wanted);
  if (missing.length === 0) return;
  const groups = `[${request.user.groups.map((g) => JSON.stringify(g)).join(" ")}]`;
  let why = `user "${request.user.name}" (groups=${groups}) is attempting to grant RBAC permissions not currently held:\n${missing.map(compactRule).join("\n")}`;
  if (held.errors.length > 0) why += `; resolution errors: [${held.errors.join(" ")}]`;
  throw refuse(why);
}
