import { labelSelector, objectMeta } from "./object-meta.js";
import { atomicMap, atomicStruct, listMap, map, struct } from "./type-schema.js";

/**
 * The pod types' apply markers (k8s.io/api core/v1, v0.32). Lists not named
 * here are atomic, which is what an unmarked list means.
 */

const resourceRequirements = struct({
  limits: map(),
  requests: map(),
  claims: listMap(["name"]),
});

const envVar = struct({
  valueFrom: struct({
    fieldRef: atomicStruct,
    resourceFieldRef: atomicStruct,
    configMapKeyRef: atomicStruct,
    secretKeyRef: atomicStruct,
  }),
});

const container = struct({
  ports: listMap(["containerPort", "protocol"], struct(), { protocol: "TCP" }),
  env: listMap(["name"], envVar),
  volumeMounts: listMap(["mountPath"]),
  volumeDevices: listMap(["devicePath"]),
  resources: resourceRequirements,
});

const volume = struct({
  csi: struct({ volumeAttributes: map(), nodePublishSecretRef: atomicStruct }),
});

// Pod (anti-)affinity terms and preferred node terms sit in atomic lists, so only this selector is walked.
const nodeAffinity = struct({ requiredDuringSchedulingIgnoredDuringExecution: atomicStruct });

/** core/v1 PodSpec. */
export const podSpec = struct({
  volumes: listMap(["name"], volume),
  initContainers: listMap(["name"], container),
  containers: listMap(["name"], container),
  ephemeralContainers: listMap(["name"], container),
  nodeSelector: atomicMap,
  imagePullSecrets: listMap(["name"], atomicStruct),
  hostAliases: listMap(["ip"]),
  topologySpreadConstraints: listMap(["topologyKey", "whenUnsatisfiable"], struct({ labelSelector })),
  schedulingGates: listMap(["name"]),
  resourceClaims: listMap(["name"]),
  overhead: map(),
  affinity: struct({ nodeAffinity }),
});

/** core/v1 PodTemplateSpec, as Deployments, ReplicaSets, DaemonSets and Jobs embed it. */
export const podTemplate = struct({ metadata: objectMeta, spec: podSpec });

/** core/v1 PodStatus: conditions per type, pod IPs per IP; container statuses are atomic. */
export const podStatus = struct({
  conditions: listMap(["type"]),
  podIPs: listMap(["ip"]),
  resourceClaimStatuses: listMap(["name"]),
});
