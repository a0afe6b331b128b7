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
import { jobSchema, setJobDefaults, type Job } from "./batch/v1/job.js";
import { validateJob, validateJobUpdate } from "./batch/v1/job-validation.js";
import { defineKind, type KindInfo } from "./kind.js";

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
  | Job;

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
];

const byTypeKey = new Map<string, KindInfo<KubeObject>>();
for (const info of [...servedKinds, ...subresourceKinds]) byTypeKey.set(`${info.apiVersion}|${info.kind}`, info);
const byResourceKey = new Map<string, KindInfo<KubeObject>>();
for (const info of servedKinds) byResourceKey.set(`${info.group}|${info.resource}`, info);

/** The kind an object names with apiVersion and kind (`"apps/v1"`, `"Deployment"`). */
export function kindFor(apiVersion: string, kind: string): KindInfo<KubeObject> | undefined {
  return byTypeKey.get(`${apiVersion}|${kind}`);
}

/** The served kind behind a REST resource: group "" and "pods", "apps" and "deployments". */
export function kindForResource(group: string, resource: string): KindInfo<KubeObject> | undefined {
  return byResourceKey.get(`${group}|${resource}`);
}

/** Whether any kind is registered under this apiVersion. */
export function isKnownApiVersion(apiVersion: string): boolean {
  return [...servedKinds, ...subresourceKinds].some((info) => info.apiVersion === apiVersion);
}

/**
 * The served kind a user means by a name as kubectl accepts it: the plural,
 * the singular, a short name or the kind, any case, optionally qualified
 * by group (`deployments.apps`, `deploy`, `Pod`).
 */
export function resolveResourceName(name: string): KindInfo<KubeObject> | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf(".");
  const base = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  return servedKinds.find(
    (info) =>
      (group === undefined || info.group === group) &&
      (info.resource === base || info.singular === base || info.kind.toLowerCase() === base || info.shortNames.includes(base)),
  );
}
