import type { Subject } from "../../../src/api/rbac/v1/role-binding.js";
import type { UserInfo } from "../user.js";

/** Kubernetes' user name of a ServiceAccount: `system:serviceaccount:NS:NAME`. */
export const serviceAccountUserPrefix = "system:serviceaccount:";

export const serviceAccountUserName = (namespace: string, name: string): string => `${serviceAccountUserPrefix}${namespace}:${name}`;

/** The namespace and name a `system:serviceaccount:NS:NAME` user stands for; undefined for other users. */
export function serviceAccountOf(userName: string): { namespace: string; name: string } | undefined {
  if (!userName.startsWith(serviceAccountUserPrefix)) return undefined;
  const parts = userName.slice(serviceAccountUserPrefix.length).split(":");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  return { namespace: parts[0]!, name: parts[1]! };
}

/**
 * Whether a binding's subject is this user. A ServiceAccount subject without
 * a namespace (allowed in RoleBindings) means the binding's own namespace.
 */
export function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return subject.name === user.name;
    case "Group":
      return user.groups.includes(subject.name);
    case "ServiceAccount":
      return user.name === serviceAccountUserName(subject.namespace || bindingNamespace, subject.name);
    default:
      return false;
  }
}
