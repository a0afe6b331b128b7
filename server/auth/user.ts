/** Who made a request, as an authenticator established it. */
export interface UserInfo {
  name: string;
  /** Stable id of the identity behind the name, when it has one (a ServiceAccount's uid). */
  uid?: string;
  groups: string[];
  /** What else the authenticator knows (the pod a ServiceAccount token is bound to). */
  extra?: Record<string, string[]>;
  /** Who authenticated, when this user is one they impersonate (for the audit log). */
  impersonator?: UserInfo;
}

/** Groups with a meaning of their own, as in Kubernetes. */
export const wellKnownGroups = {
  /** Unrestricted: the admin credential. */
  masters: "system:masters",
  /** Every authenticated request. */
  authenticated: "system:authenticated",
  nodes: "system:nodes",
  serviceAccounts: "system:serviceaccounts",
} as const;

/** Kubernetes' prefix of a node's user name: `system:node:NAME`. */
export const nodeUserPrefix = "system:node:";

/** The node a node identity speaks for; undefined for any other user. */
export function nodeNameOf(user: UserInfo): string | undefined {
  if (!user.name.startsWith(nodeUserPrefix) || !user.groups.includes(wellKnownGroups.nodes)) return undefined;
  const name = user.name.slice(nodeUserPrefix.length);
  return name === "" ? undefined : name;
}
