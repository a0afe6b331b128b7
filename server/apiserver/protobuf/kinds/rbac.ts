import { labelSelector, metadata, type MessageSchema } from "../schemas.js";

const policyRule: MessageSchema = {
  1: { name: "verbs", type: "string", repeated: true },
  2: { name: "apiGroups", type: "string", repeated: true },
  3: { name: "resources", type: "string", repeated: true },
  4: { name: "resourceNames", type: "string", repeated: true },
  5: { name: "nonResourceURLs", type: "string", repeated: true },
};

const subject: MessageSchema = {
  1: { name: "kind", type: "string" },
  2: { name: "apiGroup", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "namespace", type: "string" },
};

const roleRef: MessageSchema = {
  1: { name: "apiGroup", type: "string" },
  2: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
};

const binding: MessageSchema = {
  1: metadata,
  2: { name: "subjects", type: { message: subject }, repeated: true },
  3: { name: "roleRef", type: { message: roleRef } },
};

/** rbac.authorization.k8s.io/v1, which kubectl's `create role|clusterrole|rolebinding|clusterrolebinding` send. */
export const rbacProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "rbac.authorization.k8s.io/v1/Role": {
    1: metadata,
    2: { name: "rules", type: { message: policyRule }, repeated: true },
  },
  "rbac.authorization.k8s.io/v1/ClusterRole": {
    1: metadata,
    2: { name: "rules", type: { message: policyRule }, repeated: true },
    3: { name: "aggregationRule", type: { message: { 1: { name: "clusterRoleSelectors", type: { message: labelSelector }, repeated: true } } } },
  },
  "rbac.authorization.k8s.io/v1/RoleBinding": binding,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": binding,
};
