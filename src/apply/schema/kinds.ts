import { labelSelector, objectMeta } from "./object-meta.js";
import { podSpec, podStatus, podTemplate } from "./pod-spec.js";
import { atomicMap, atomicStruct, listMap, map, setList, struct, type TypeSchema } from "./type-schema.js";

/**
 * Server-side apply's view of the kinds skiff serves, from the list, map and
 * struct markers of k8s.io/api and k8s.io/apimachinery v0.32 (the release
 * kubectl 1.32 compiles in). These differ from the strategic merge patch tags
 * in src/patch/strategic-merge-meta.ts where Kubernetes' do: ports are keyed
 * by port and protocol (protocol defaulting to TCP), topology spread
 * constraints by topologyKey and whenUnsatisfiable, label selectors, object
 * references, nodeSelector and Service selectors are owned whole, and pod
 * hostIPs and Job conditions are atomic although a patch merges them.
 */

/** An object with metadata and, when given, spec and status. */
function kind(fields: Record<string, TypeSchema> = {}): TypeSchema {
  return struct({ metadata: objectMeta, ...fields });
}

const conditions = listMap(["type"]);
const workload = (extra: Record<string, TypeSchema> = {}): TypeSchema =>
  kind({ spec: struct({ selector: labelSelector, template: podTemplate, ...extra }), status: struct({ conditions }) });

const byGroupKind: Readonly<Record<string, TypeSchema>> = {
  "/Namespace": kind({ status: struct({ conditions }) }),
  "/Node": kind({
    spec: struct({ podCIDRs: setList }),
    status: struct({ conditions, addresses: listMap(["type"]), capacity: map(), allocatable: map() }),
  }),
  "/Pod": kind({ spec: podSpec, status: podStatus }),
  "/Service": kind({
    spec: struct({ ports: listMap(["port", "protocol"], struct(), { protocol: "TCP" }), selector: atomicMap }),
    status: struct({ conditions }),
  }),
  "/Endpoints": kind(),
  "/ConfigMap": kind({ data: map(), binaryData: map() }),
  "/Secret": kind({ data: map(), stringData: map() }),
  "/ServiceAccount": kind({ secrets: listMap(["name"], atomicStruct) }),
  "/Event": kind({ involvedObject: atomicStruct, related: atomicStruct }),
  "apps/Deployment": workload(),
  "apps/ReplicaSet": workload(),
  "apps/DaemonSet": workload(),
  "batch/Job": kind({
    spec: struct({ selector: labelSelector, template: podTemplate }),
    status: struct({ uncountedTerminatedPods: struct({ succeeded: setList, failed: setList }) }),
  }),
  "coordination.k8s.io/Lease": kind(),
  "discovery.k8s.io/EndpointSlice": kind(),
  "rbac.authorization.k8s.io/Role": kind(),
  "rbac.authorization.k8s.io/ClusterRole": kind(),
  "rbac.authorization.k8s.io/RoleBinding": kind({ roleRef: atomicStruct }),
  "rbac.authorization.k8s.io/ClusterRoleBinding": kind({ roleRef: atomicStruct }),
  "autoscaling/Scale": kind(),
};

/**
 * The apply schema of a kind, by API group (`""` for the core group) and
 * kind. A kind not listed gets an object with metadata whose other fields are
 * untyped: objects merged field by field, lists replaced whole.
 *
 * @example schemaForKind("apps", "Deployment")
 */
export function schemaForKind(group: string, kindName: string): TypeSchema {
  const key = `${group}/${kindName}`;
  return Object.hasOwn(byGroupKind, key) ? (byGroupKind[key] as TypeSchema) : kind();
}
