import type { ClusterRoleBinding } from "../../../src/api/rbac/v1/cluster-role-binding.js";
import type { ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import type { RoleBinding } from "../../../src/api/rbac/v1/role-binding.js";
import type { Role } from "../../../src/api/rbac/v1/role.js";

/**
 * The RBAC objects as authorization reads them: a local, read-only view
 * kept current by list + watch. Objects are shared; never change one.
 */
export interface RbacPolicy {
  /** False until the first list of every kind is in. */
  hasSynced(): boolean;
  role(namespace: string, name: string): Role | undefined;
  clusterRole(name: string): ClusterRole | undefined;
  roleBindings(namespace: string): readonly RoleBinding[];
  clusterRoleBindings(): readonly ClusterRoleBinding[];
}
