import { listAt, stringAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { CREATION_TIMESTAMP_DESCRIPTION, ageColumn, column, nameColumn, wide } from "./columns.js";
import { ageOf, nameOf } from "./cells.js";

/**
 * Roles and ClusterRoles: Kubernetes has no printer of their own, so they
 * get the apiserver's default table, NAME and CREATED AT (RFC 3339, UTC).
 */
export const rolePrinter: ResourcePrinter = {
  columns: [nameColumn, column("Created At", "date", CREATION_TIMESTAMP_DESCRIPTION)],
  cells(role) {
    return [nameOf(role), createdAt(role)];
  },
};

/** RoleBindings and ClusterRoleBindings: ROLE as `Kind/name`; subjects by kind with `-o wide`. */
export const roleBindingPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
    ageColumn,
    wide("Users", "string", "Users in the roleBinding"),
    wide("Groups", "string", "Groups in the roleBinding"),
    wide("ServiceAccounts", "string", "ServiceAccounts in the roleBinding"),
  ],
  cells(binding, now) {
    const subjects = listAt(binding, "subjects");
    const named = (kind: string, show: (subject: unknown) => string): string =>
      subjects
        .filter((subject) => stringAt(subject, "kind") === kind)
        .map(show)
        .join(", ");
    return [
      nameOf(binding),
      `${stringAt(binding, "roleRef", "kind")}/${stringAt(binding, "roleRef", "name")}`,
      ageOf(binding, now),
      named("User", (subject) => stringAt(subject, "name")),
      named("Group", (subject) => stringAt(subject, "name")),
      named("ServiceAccount", (subject) => `${stringAt(subject, "namespace")}/${stringAt(subject, "name")}`),
    ];
  },
};

/** creationTimestamp as Go's RFC 3339 in UTC, without fractions: `2024-05-01T12:00:00Z`. */
function createdAt(object: unknown): string {
  const ms = Date.parse(stringAt(object, "metadata", "creationTimestamp"));
  // Go prints the zero time for a missing timestamp.
  if (Number.isNaN(ms)) return "0001-01-01T00:00:00Z";
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
