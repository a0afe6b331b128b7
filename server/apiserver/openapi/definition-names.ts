import { daemonSetUpdateStrategySchema } from "../../../src/api/apps/v1/daemon-set.js";
import { deploymentStrategySchema, rollingUpdateDeploymentSchema } from "../../../src/api/apps/v1/deployment.js";
import {
  containerPortSchema,
  containerResizePolicySchema,
  containerSchema,
  resourceClaimSchema,
  resourceRequirementsSchema,
  volumeDeviceSchema,
  volumeMountSchema,
} from "../../../src/api/core/v1/container.js";
import {
  envFromSourceSchema,
  envVarSchema,
  envVarSourceSchema,
  objectFieldSelectorSchema,
  resourceFieldSelectorSchema,
} from "../../../src/api/core/v1/env.js";
import { localObjectReferenceSchema, objectReferenceSchema } from "../../../src/api/core/v1/object-reference.js";
import { hostAliasSchema, podDNSConfigSchema, podOSSchema, podReadinessGateSchema, podSchedulingGateSchema } from "../../../src/api/core/v1/pod-spec.js";
import { containerStateSchema, containerStatusSchema, podConditionSchema } from "../../../src/api/core/v1/pod-status.js";
import { podTemplateSpecSchema } from "../../../src/api/core/v1/pod-template.js";
import {
  execActionSchema,
  grpcActionSchema,
  httpGetActionSchema,
  httpHeaderSchema,
  lifecycleHandlerSchema,
  lifecycleSchema,
  probeSchema,
  sleepActionSchema,
  tcpSocketActionSchema,
} from "../../../src/api/core/v1/probe.js";
import {
  affinitySchema,
  nodeAffinitySchema,
  nodeSelectorRequirementSchema,
  nodeSelectorSchema,
  nodeSelectorTermSchema,
  podAffinityTermSchema,
  preferredSchedulingTermSchema,
  tolerationSchema,
  topologySpreadConstraintSchema,
  weightedPodAffinityTermSchema,
} from "../../../src/api/core/v1/scheduling.js";
import {
  capabilitiesSchema,
  podSecurityContextSchema,
  securityContextSchema,
  seLinuxOptionsSchema,
  sysctlSchema,
  windowsSecurityContextOptionsSchema,
} from "../../../src/api/core/v1/security-context.js";
import { loadBalancerIngressSchema, servicePortSchema, sessionAffinityConfigSchema } from "../../../src/api/core/v1/service.js";
import {
  configMapVolumeSourceSchema,
  csiVolumeSourceSchema,
  downwardAPIVolumeFileSchema,
  downwardAPIVolumeSourceSchema,
  emptyDirVolumeSourceSchema,
  hostPathVolumeSourceSchema,
  imageVolumeSourceSchema,
  keyToPathSchema,
  nfsVolumeSourceSchema,
  persistentVolumeClaimVolumeSourceSchema,
  projectedVolumeSourceSchema,
  secretVolumeSourceSchema,
  serviceAccountTokenProjectionSchema,
  volumeProjectionSchema,
  volumeSchema,
} from "../../../src/api/core/v1/volume.js";
import { conditionSchema } from "../../../src/api/meta/v1/condition.js";
import { deleteOptionsSchema, preconditionsSchema } from "../../../src/api/meta/v1/delete-options.js";
import { labelSelectorRequirementSchema, labelSelectorSchema } from "../../../src/api/meta/v1/label-selector.js";
import { listMetaSchema } from "../../../src/api/meta/v1/list-meta.js";
import { managedFieldsEntrySchema, objectMetaSchema, ownerReferenceSchema } from "../../../src/api/meta/v1/object-meta.js";
import { statusCauseSchema, statusDetailsSchema, statusSchema } from "../../../src/api/meta/v1/status.js";
import { intOrString, quantity, time } from "../../../src/api/schema/primitives.js";
import type { Schema } from "../../../src/api/schema/shape.js";
import type { GroupVersionKind } from "./openapi-types.js";

/*
 * Kubernetes names every schema in its OpenAPI documents by the Go package
 * and type it comes from: `io.k8s.api.core.v1.Container`,
 * `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`. skiff's zod schemas
 * carry no such names, so the shared structures are named here; a kind's
 * own schema, and its spec and status, are named by rule (see
 * schema-components.ts). A structure not named anywhere is written inline
 * where it is used, which validates the same and only reads less well in
 * `kubectl explain`. Schemas that stand for two Kubernetes types at once
 * (one zod schema for both ConfigMapKeySelector and SecretKeySelector, for
 * PodAffinity and PodAntiAffinity) stay unnamed rather than be named wrongly.
 */

const meta = "io.k8s.apimachinery.pkg.apis.meta.v1";
const core = "io.k8s.api.core.v1";
const apps = "io.k8s.api.apps.v1";

/** Names that need no rule: Kubernetes' shared structures and wire primitives. */
export const namedSchemas: ReadonlyArray<readonly [Schema, string]> = [
  [intOrString, "io.k8s.apimachinery.pkg.util.intstr.IntOrString"],
  [quantity, "io.k8s.apimachinery.pkg.api.resource.Quantity"],
  [time, `${meta}.Time`],
  [objectMetaSchema, `${meta}.ObjectMeta`],
  [ownerReferenceSchema, `${meta}.OwnerReference`],
  [managedFieldsEntrySchema, `${meta}.ManagedFieldsEntry`],
  [labelSelectorSchema, `${meta}.LabelSelector`],
  [labelSelectorRequirementSchema, `${meta}.LabelSelectorRequirement`],
  [conditionSchema, `${meta}.Condition`],
  [listMetaSchema, `${meta}.ListMeta`],
  [statusSchema, `${meta}.Status`],
  [statusDetailsSchema, `${meta}.StatusDetails`],
  [statusCauseSchema, `${meta}.StatusCause`],
  [deleteOptionsSchema, `${meta}.DeleteOptions`],
  [preconditionsSchema, `${meta}.Preconditions`],

  [podTemplateSpecSchema, `${core}.PodTemplateSpec`],
  [podConditionSchema, `${core}.PodCondition`],
  [containerStatusSchema, `${core}.ContainerStatus`],
  [containerStateSchema, `${core}.ContainerState`],
  [containerSchema, `${core}.Container`],
  [containerPortSchema, `${core}.ContainerPort`],
  [containerResizePolicySchema, `${core}.ContainerResizePolicy`],
  [resourceRequirementsSchema, `${core}.ResourceRequirements`],
  [resourceClaimSchema, `${core}.ResourceClaim`],
  [volumeMountSchema, `${core}.VolumeMount`],
  [volumeDeviceSchema, `${core}.VolumeDevice`],
  [envVarSchema, `${core}.EnvVar`],
  [envVarSourceSchema, `${core}.EnvVarSource`],
  [envFromSourceSchema, `${core}.EnvFromSource`],
  [objectFieldSelectorSchema, `${core}.ObjectFieldSelector`],
  [resourceFieldSelectorSchema, `${core}.ResourceFieldSelector`],
  [probeSchema, `${core}.Probe`],
  [lifecycleSchema, `${core}.Lifecycle`],
  [lifecycleHandlerSchema, `${core}.LifecycleHandler`],
  [execActionSchema, `${core}.ExecAction`],
  [httpGetActionSchema, `${core}.HTTPGetAction`],
  [httpHeaderSchema, `${core}.HTTPHeader`],
  [tcpSocketActionSchema, `${core}.TCPSocketAction`],
  [grpcActionSchema, `${core}.GRPCAction`],
  [sleepActionSchema, `${core}.SleepAction`],
  [securityContextSchema, `${core}.SecurityContext`],
  [podSecurityContextSchema, `${core}.PodSecurityContext`],
  [capabilitiesSchema, `${core}.Capabilities`],
  [seLinuxOptionsSchema, `${core}.SELinuxOptions`],
  [windowsSecurityContextOptionsSchema, `${core}.WindowsSecurityContextOptions`],
  [sysctlSchema, `${core}.Sysctl`],
  [volumeSchema, `${core}.Volume`],
  [keyToPathSchema, `${core}.KeyToPath`],
  [hostPathVolumeSourceSchema, `${core}.HostPathVolumeSource`],
  [emptyDirVolumeSourceSchema, `${core}.EmptyDirVolumeSource`],
  [secretVolumeSourceSchema, `${core}.SecretVolumeSource`],
  [configMapVolumeSourceSchema, `${core}.ConfigMapVolumeSource`],
  [persistentVolumeClaimVolumeSourceSchema, `${core}.PersistentVolumeClaimVolumeSource`],
  [downwardAPIVolumeFileSchema, `${core}.DownwardAPIVolumeFile`],
  [downwardAPIVolumeSourceSchema, `${core}.DownwardAPIVolumeSource`],
  [serviceAccountTokenProjectionSchema, `${core}.ServiceAccountTokenProjection`],
  [volumeProjectionSchema, `${core}.VolumeProjection`],
  [projectedVolumeSourceSchema, `${core}.ProjectedVolumeSource`],
  [nfsVolumeSourceSchema, `${core}.NFSVolumeSource`],
  [csiVolumeSourceSchema, `${core}.CSIVolumeSource`],
  [imageVolumeSourceSchema, `${core}.ImageVolumeSource`],
  [affinitySchema, `${core}.Affinity`],
  [nodeAffinitySchema, `${core}.NodeAffinity`],
  [nodeSelectorSchema, `${core}.NodeSelector`],
  [nodeSelectorTermSchema, `${core}.NodeSelectorTerm`],
  [nodeSelectorRequirementSchema, `${core}.NodeSelectorRequirement`],
  [preferredSchedulingTermSchema, `${core}.PreferredSchedulingTerm`],
  [podAffinityTermSchema, `${core}.PodAffinityTerm`],
  [weightedPodAffinityTermSchema, `${core}.WeightedPodAffinityTerm`],
  [tolerationSchema, `${core}.Toleration`],
  [topologySpreadConstraintSchema, `${core}.TopologySpreadConstraint`],
  [hostAliasSchema, `${core}.HostAlias`],
  [podDNSConfigSchema, `${core}.PodDNSConfig`],
  [podReadinessGateSchema, `${core}.PodReadinessGate`],
  [podOSSchema, `${core}.PodOS`],
  [podSchedulingGateSchema, `${core}.PodSchedulingGate`],
  [localObjectReferenceSchema, `${core}.LocalObjectReference`],
  [objectReferenceSchema, `${core}.ObjectReference`],
  [servicePortSchema, `${core}.ServicePort`],
  [sessionAffinityConfigSchema, `${core}.SessionAffinityConfig`],
  [loadBalancerIngressSchema, `${core}.LoadBalancerIngress`],

  [deploymentStrategySchema, `${apps}.DeploymentStrategy`],
  [rollingUpdateDeploymentSchema, `${apps}.RollingUpdateDeployment`],
  [daemonSetUpdateStrategySchema, `${apps}.DaemonSetUpdateStrategy`],
];

/**
 * The Go package prefix of a built-in API group version, as Kubernetes
 * names schemas: `io.k8s.api.core.v1` for the core group,
 * `io.k8s.api.rbac.v1` for `rbac.authorization.k8s.io/v1`.
 */
export function apiPackageOf(group: string, version: string): string {
  const name = group === "" ? "core" : group.split(".")[0];
  return `io.k8s.api.${name}.${version}`;
}

/** The schema name of a kind: `io.k8s.api.apps.v1.Deployment`. */
export function definitionNameOf(gvk: GroupVersionKind): string {
  return `${apiPackageOf(gvk.group, gvk.version)}.${gvk.kind}`;
}
