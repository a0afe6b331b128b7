/**
 * Strategic merge patch metadata for the kinds skiff serves: the
 * `patchStrategy` and `patchMergeKey` struct tags of k8s.io/api (checked
 * against v0.32, the release kubectl 1.32 compiles in) and of ObjectMeta in
 * k8s.io/apimachinery. Only tagged fields and the paths leading to them are
 * listed; every other list is replaced whole and every other object merged
 * field by field, which is what an untagged field means.
 *
 * Deliberately absent because they carry no tag (so a patch replaces them):
 * tolerations, Node taints, Endpoints subsets, EndpointSlice endpoints and
 * ports, RBAC rules and subjects, pod status containerStatuses (whose own
 * tagged fields therefore never merge), readinessGates.
 */

/**
 * `merge`: a list merges with the stored one item by item, by `mergeKey` for
 * lists of objects and by value for lists of scalars. `retainKeys`: the
 * client may send `$retainKeys` to clear the object's other fields (the
 * server honours `$retainKeys` anywhere; the tag says where kubectl sends it).
 */
export type PatchStrategy = "merge" | "retainKeys" | "merge,retainKeys";

export interface FieldPatchMeta {
  readonly strategy?: PatchStrategy;
  /** The field that identifies an item in a merged list of objects. */
  readonly mergeKey?: string;
  /** The fields of this object, or of each item when this is a list. */
  readonly fields?: StructPatchMeta;
}

/** Field name → its metadata, for one object type. */
export type StructPatchMeta = { readonly [field: string]: FieldPatchMeta };

const mergeBy = (mergeKey: string, fields?: StructPatchMeta): FieldPatchMeta =>
  fields === undefined ? { strategy: "merge", mergeKey } : { strategy: "merge", mergeKey, fields };
const conditions = mergeBy("type");

const objectMeta: FieldPatchMeta = {
  fields: {
    ownerReferences: mergeBy("uid"),
    finalizers: { strategy: "merge" },
  },
};

// Container and EphemeralContainer (through EphemeralContainerCommon) tag the same fields.
const container: StructPatchMeta = {
  ports: mergeBy("containerPort"),
  env: mergeBy("name"),
  volumeMounts: mergeBy("mountPath"),
  volumeDevices: mergeBy("devicePath"),
};

const podSpec: FieldPatchMeta = {
  fields: {
    volumes: { strategy: "merge,retainKeys", mergeKey: "name" },
    initContainers: mergeBy("name", container),
    containers: mergeBy("name", container),
    ephemeralContainers: mergeBy("name", container),
    imagePullSecrets: mergeBy("name"),
    hostAliases: mergeBy("ip"),
    // Server-side apply keys these by topologyKey and whenUnsatisfiable; the patch tag names topologyKey alone.
    topologySpreadConstraints: mergeBy("topologyKey"),
    schedulingGates: mergeBy("name"),
    resourceClaims: { strategy: "merge,retainKeys", mergeKey: "name" },
  },
};

const podTemplate: FieldPatchMeta = { fields: { metadata: objectMeta, spec: podSpec } };

/** An object with metadata and optionally spec and status. */
function kind(spec?: StructPatchMeta, status?: StructPatchMeta, more?: StructPatchMeta): StructPatchMeta {
  return {
    metadata: objectMeta,
    ...(spec === undefined ? {} : { spec: { fields: spec } }),
    ...(status === undefined ? {} : { status: { fields: status } }),
    ...more,
  };
}

const plain = kind();
const workloadStatus = { conditions };

const byGroupKind: Readonly<Record<string, StructPatchMeta>> = {
  "/Namespace": kind(undefined, { conditions }),
  "/Node": kind({ podCIDRs: { strategy: "merge" } }, { conditions, addresses: mergeBy("type") }),
  "/Pod": kind(podSpec.fields, {
    conditions,
    hostIPs: mergeBy("ip"),
    podIPs: mergeBy("ip"),
    resourceClaimStatuses: { strategy: "merge,retainKeys", mergeKey: "name" },
  }),
  "/Service": kind({ ports: mergeBy("port") }, { conditions }),
  "/Endpoints": plain,
  "/ConfigMap": plain,
  "/Secret": plain,
  "/ServiceAccount": kind(undefined, undefined, { secrets: mergeBy("name") }),
  "/Event": plain,
  "apps/Deployment": kind({ template: podTemplate, strategy: { strategy: "retainKeys" } }, workloadStatus),
  "apps/ReplicaSet": kind({ template: podTemplate }, workloadStatus),
  "apps/DaemonSet": kind({ template: podTemplate }, workloadStatus),
  "batch/Job": kind({ template: podTemplate }, workloadStatus),
  "coordination.k8s.io/Lease": plain,
  "discovery.k8s.io/EndpointSlice": plain,
  "rbac.authorization.k8s.io/Role": plain,
  "rbac.authorization.k8s.io/ClusterRole": plain,
  "rbac.authorization.k8s.io/RoleBinding": plain,
  "rbac.authorization.k8s.io/ClusterRoleBinding": plain,
  // The deployments/scale subresource.
  "autoscaling/Scale": plain,
};

/**
 * The patch metadata of a served kind, by API group (`""` for the core group)
 * and kind; undefined for a kind skiff does not serve, for which Kubernetes
 * answers a strategic merge patch with 415 Unsupported Media Type.
 *
 * @example metaForKind("apps", "Deployment")
 */
export function metaForKind(group: string, kind: string): StructPatchMeta | undefined {
  const key = `${group}/${kind}`;
  return Object.hasOwn(byGroupKind, key) ? byGroupKind[key] : undefined;
}
