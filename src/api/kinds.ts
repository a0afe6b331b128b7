/*
 * Every kind skiff decodes, written down once: REST names, schema,
 * defaults, validation and update rules. Lookups live in registry.ts.
 */
import { bindingSchema, validateBinding, type Binding } from "./core/v1/binding.js";
import { configMapSchema, validateConfigMap, validateConfigMapUpdate, type ConfigMap } from "./core/v1/config-map.js";
import { endpointsSchema, setEndpointsDefaults, validateEndpoints, type Endpoints } from "./core/v1/endpoints.js";
import { eventSchema, validateEvent, type Event } from "./core/v1/event.js";
import { namespaceSchema, setNamespaceDefaults, validateNamespace, type Namespace } from "./core/v1/namespace.js";
import { nodeSchema, setNodeDefaults, type Node } from "./core/v1/node.js";
import { validateNode, validateNodeUpdate } from "./core/v1/node-validation.js";
import { setPodDefaults } from "./core/v1/pod-defaults.js";
import { validatePodUpdate } from "./core/v1/pod-update-validation.js";
import { validatePod } from "./core/v1/pod-validation.js";
import { podSchema, type Pod } from "./core/v1/pod.js";
import { secretSchema, setSecretDefaults, validateSecret, validateSecretUpdate, type Secret } from "./core/v1/secret.js";
import { serviceAccountSchema, validateServiceAccount, type ServiceAccount } from "./core/v1/service-account.js";
import { validateService, validateServiceUpdate } from "./core/v1/service-validation.js";
import { serviceSchema, setServiceDefaults, type Service } from "./core/v1/service.js";
import { setDaemonSetDefaults, daemonSetSchema, type DaemonSet } from "./apps/v1/daemon-set.js";
import { validateDaemonSet, validateDaemonSetUpdate } from "./apps/v1/daemon-set-validation.js";
import { deploymentSchema, setDeploymentDefaults, type Deployment } from "./apps/v1/deployment.js";
import { validateDeployment, validateDeploymentUpdate } from "./apps/v1/deployment-validation.js";
import {
  replicaSetSchema,
  setReplicaSetDefaults,
  validateReplicaSet,
  validateReplicaSetUpdate,
  type ReplicaSet,
} from "./apps/v1/replica-set.js";
import { scaleSchema, validateScale, type Scale } from "./autoscaling/v1/scale.js";
import { jobSchema, setJobDefaults, type Job } from "./batch/v1/job.js";
import { leaseSchema, validateLease, type Lease } from "./coordination/v1/lease.js";
import { validateJob, validateJobUpdate } from "./batch/v1/job-validation.js";
import { endpointSliceSchema, setEndpointSliceDefaults, type EndpointSlice } from "./discovery/v1/endpoint-slice.js";
import { validateEndpointSlice, validateEndpointSliceUpdate } from "./discovery/v1/endpoint-slice-validation.js";
import { defineKind, type KindInfo } from "./kind.js";
import {
  clusterRoleBindingSchema,
  validateClusterRoleBinding,
  validateClusterRoleBindingUpdate,
  type ClusterRoleBinding,
} from "./rbac/v1/cluster-role-binding.js";
import { clusterRoleSchema, validateClusterRole, type ClusterRole } from "./rbac/v1/cluster-role.js";
import {
  roleBindingSchema,
  setBindingDefaults,
  validateRoleBinding,
  validateRoleBindingUpdate,
  type RoleBinding,
} from "./rbac/v1/role-binding.js";
import { roleSchema, validateRole, type Role } from "./rbac/v1/role.js";

/** Any object of a kind skiff serves, as decoded. `kind` tells them apart. */
export type KubeObject =
  | Namespace
  | Node
  | Pod
  | Service
  | Endpoints
  | ConfigMap
  | Secret
  | ServiceAccount
  | Event
  | Binding
  | Deployment
  | ReplicaSet
  | DaemonSet
  | Job
  | Lease
  | EndpointSlice
  | Role
  | ClusterRole
  | RoleBinding
  | ClusterRoleBinding
  | Scale;

/** The kinds skiff stores and serves, each with its REST names, schema, defaults and validation. */
export const servedKinds: readonly KindInfo<KubeObject>[] = [
  defineKind<Namespace>({
    group: "",
    version: "v1",
    kind: "Namespace",
    resource: "namespaces",
    singular: "namespace",
    namespaced: false,
    shortNames: ["ns"],
    schema: namespaceSchema,
    setDefaults: setNamespaceDefaults,
    validate: validateNamespace,
  }),
  defineKind<Node>({
    group: "",
    version: "v1",
    kind: "Node",
    resource: "nodes",
    singular: "node",
    namespaced: false,
    shortNames: ["no"],
    schema: nodeSchema,
    setDefaults: setNodeDefaults,
    validate: validateNode,
    validateUpdate: validateNodeUpdate,
  }),
  defineKind<Pod>({
    group: "",
    version: "v1",
    kind: "Pod",
    resource: "pods",
    singular: "pod",
    namespaced: true,
    shortNames: ["po"],
    schema: podSchema,
    setDefaults: setPodDefaults,
    validate: validatePod,
    validateUpdate: validatePodUpdate,
  }),
  defineKind<Service>({
    group: "",
    version: "v1",
    kind: "Service",
    resource: "services",
    singular: "service",
    namespaced: true,
    shortNames: ["svc"],
    schema: serviceSchema,
    setDefaults: setServiceDefaults,
    validate: validateService,
    validateUpdate: validateServiceUpdate,
  }),
  defineKind<Endpoints>({
    group: "",
    version: "v1",
    kind: "Endpoints",
    resource: "endpoints",
    singular: "endpoints",
    namespaced: true,
    shortNames: ["ep"],
    schema: endpointsSchema,
    setDefaults: setEndpointsDefaults,
    validate: validateEndpoints,
  }),
  defineKind<ConfigMap>({
    group: "",
    version: "v1",
    kind: "ConfigMap",
    resource: "configmaps",
    singular: "configmap",
    namespaced: true,
    shortNames: ["cm"],
    schema: configMapSchema,
    validate: validateConfigMap,
    validateUpdate: validateConfigMapUpdate,
  }),
  defineKind<Secret>({
    group: "",
    version: "v1",
    kind: "Secret",
    resource: "secrets",
    singular: "secret",
    namespaced: true,
    schema: secretSchema,
    setDefaults: setSecretDefaults,
    validate: validateSecret,
    validateUpdate: validateSecretUpdate,
  }),
  defineKind<ServiceAccount>({
    group: "",
    version: "v1",
    kind: "ServiceAccount",
    resource: "serviceaccounts",
    singular: "serviceaccount",
    namespaced: true,
    shortNames: ["sa"],
    schema: serviceAccountSchema,
    validate: validateServiceAccount,
  }),
  defineKind<Event>({
    group: "",
    version: "v1",
    kind: "Event",
    resource: "events",
    singular: "event",
    namespaced: true,
    shortNames: ["ev"],
    schema: eventSchema,
    validate: validateEvent,
  }),
  defineKind<Deployment>({
    group: "apps",
    version: "v1",
    kind: "Deployment",
    resource: "deployments",
    singular: "deployment",
    namespaced: true,
    shortNames: ["deploy"],
    schema: deploymentSchema,
    setDefaults: setDeploymentDefaults,
    validate: validateDeployment,
    validateUpdate: validateDeploymentUpdate,
  }),
  defineKind<ReplicaSet>({
    group: "apps",
    version: "v1",
    kind: "ReplicaSet",
    resource: "replicasets",
    singular: "replicaset",
    namespaced: true,
    shortNames: ["rs"],
    schema: replicaSetSchema,
    setDefaults: setReplicaSetDefaults,
    validate: validateReplicaSet,
    validateUpdate: validateReplicaSetUpdate,
  }),
  defineKind<DaemonSet>({
    group: "apps",
    version: "v1",
    kind: "DaemonSet",
    resource: "daemonsets",
    singular: "daemonset",
    namespaced: true,
    shortNames: ["ds"],
    schema: daemonSetSchema,
    setDefaults: setDaemonSetDefaults,
    validate: validateDaemonSet,
    validateUpdate: validateDaemonSetUpdate,
  }),
  defineKind<Job>({
    group: "batch",
    version: "v1",
    kind: "Job",
    resource: "jobs",
    singular: "job",
    namespaced: true,
    schema: jobSchema,
    setDefaults: setJobDefaults,
    validate: validateJob,
    validateUpdate: validateJobUpdate,
  }),
  defineKind<Lease>({
    group: "coordination.k8s.io",
    version: "v1",
    kind: "Lease",
    resource: "leases",
    singular: "lease",
    namespaced: true,
    schema: leaseSchema,
    validate: validateLease,
  }),
  defineKind<EndpointSlice>({
    group: "discovery.k8s.io",
    version: "v1",
    kind: "EndpointSlice",
    resource: "endpointslices",
    singular: "endpointslice",
    namespaced: true,
    schema: endpointSliceSchema,
    setDefaults: setEndpointSliceDefaults,
    validate: validateEndpointSlice,
    validateUpdate: validateEndpointSliceUpdate,
  }),
  defineKind<Role>({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "Role",
    resource: "roles",
    singular: "role",
    namespaced: true,
    schema: roleSchema,
    validate: validateRole,
  }),
  defineKind<ClusterRole>({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRole",
    resource: "clusterroles",
    singular: "clusterrole",
    namespaced: false,
    schema: clusterRoleSchema,
    validate: validateClusterRole,
  }),
  defineKind<RoleBinding>({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "RoleBinding",
    resource: "rolebindings",
    singular: "rolebinding",
    namespaced: true,
    schema: roleBindingSchema,
    setDefaults: setBindingDefaults,
    validate: validateRoleBinding,
    validateUpdate: validateRoleBindingUpdate,
  }),
  defineKind<ClusterRoleBinding>({
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRoleBinding",
    resource: "clusterrolebindings",
    singular: "clusterrolebinding",
    namespaced: false,
    schema: clusterRoleBindingSchema,
    setDefaults: setBindingDefaults,
    validate: validateClusterRoleBinding,
    validateUpdate: validateClusterRoleBindingUpdate,
  }),
];

/** Kinds that are only ever request bodies of a subresource (pods/binding, deployments/scale). */
export const subresourceKinds: readonly KindInfo<KubeObject>[] = [
  defineKind<Binding>({
    group: "",
    version: "v1",
    kind: "Binding",
    resource: "bindings",
    singular: "binding",
    namespaced: true,
    schema: bindingSchema,
    validate: validateBinding,
  }),
  defineKind<Scale>({
    group: "autoscaling",
    version: "v1",
    kind: "Scale",
    resource: "scale",
    singular: "scale",
    namespaced: true,
    schema: scaleSchema,
    validate: validateScale,
  }),
];
