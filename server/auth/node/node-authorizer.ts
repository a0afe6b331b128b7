import { parseFieldSelector } from "../../../src/api/fields/parse.js";
import { TUNNEL_PATH } from "../../../src/tunnel/protocol.js";
import type { Authorizer, Decision, NonResourceAttributes, ResourceAttributes } from "../authorizer.js";
import { nodeNameOf } from "../user.js";
import type { PodGraph } from "./pod-graph.js";
import type { ReferencedResource } from "../../../src/api/core/v1/pod-references.js";

/** What the authorizer asks the graph. */
export type NodeGraphView = Pick<PodGraph, "hasSynced" | "podIsBoundTo" | "isReferencedFrom">;

/** The namespace of node heartbeats (Kubernetes' kube-node-lease). */
export const nodeLeaseNamespace = "kube-node-lease";

const allow: Decision = { decision: "allow" };
// As Kubernetes' Node authorizer: what it does not allow, RBAC may still (a binding to system:nodes, self reviews).
const notAllowed = (reason: string): Decision => ({ decision: "no-opinion", reason });
const readVerbs = new Set(["get", "list", "watch"]);
const writeVerbs = new Set(["update", "patch"]);

// Kubernetes' system:discovery role: what every authenticated client may read.
const discoveryPaths = new Set(["/api", "/apis", "/version", "/healthz", "/livez", "/readyz", "/openapi/v2", "/openapi/v3"]);
const isDiscoveryPath = (path: string): boolean =>
  discoveryPaths.has(path) || path.startsWith("/api/") || path.startsWith("/apis/") || path.startsWith("/openapi/v3/");

// The objects a node may read only when a pod bound to it names them.
const podDependencies: ReadonlyMap<string, ReferencedResource> = new Map([
  ["/secrets", "secrets"],
  ["/configmaps", "configmaps"],
  ["/persistentvolumeclaims", "persistentvolumeclaims"],
  ["/serviceaccounts", "serviceaccounts"],
]);

// What every node reads whole: where the Services are, and which nodes exist.
const clusterReadable = new Set(["/services", "/endpoints", "discovery.k8s.io/endpointslices", "/nodes"]);

/**
 * Kubernetes' Node authorizer: what the identity `system:node:NAME` may do.
 * It reads the Services and Nodes of the cluster, but only the pods bound
 * to it and the Secrets, ConfigMaps, PersistentVolumeClaims and
 * ServiceAccounts those pods name; it writes its own Node, Lease and the
 * status of its pods, and Events. Everything else is denied, with the
 * reason. Users who are not nodes get no opinion, so the next authorizer
 * (RBAC) decides for them.
 *
 * Checks that need the object written (a Node's name on create, its labels
 * and taints) are the NodeRestriction admission plugin's.
 */
export function nodeAuthorizer(graph: NodeGraphView): Authorizer {
  return {
    authorize(attributes) {
      const node = nodeNameOf(attributes.user);
      if (node === undefined) return { decision: "no-opinion" };
      return attributes.kind === "nonresource" ? authorizeNonResource(attributes) : authorizeResource(graph, node, attributes);
    },
  };
}

function authorizeNonResource(attributes: NonResourceAttributes): Decision {
  if (attributes.verb === "get" && (attributes.path === TUNNEL_PATH || isDiscoveryPath(attributes.path))) return allow;
  return notAllowed("a node may only read discovery and open its agent tunnel");
}

function authorizeResource(graph: NodeGraphView, node: string, attributes: ResourceAttributes): Decision {
  const { verb, subresource, namespace, name } = attributes;
  const resource = `${attributes.group}/${attributes.resource}`;

  if (clusterReadable.has(resource) && subresource === "" && readVerbs.has(verb)) return allow;

  const dependency = podDependencies.get(resource);
  if (dependency !== undefined && subresource === "") return authorizePodDependency(graph, node, attributes, dependency);

  switch (resource) {
    case "/nodes":
      return authorizeOwnNode(node, attributes);
    case "/pods":
      return authorizePod(graph, node, attributes);
    case "/serviceaccounts":
      if (subresource === "token" && verb === "create") return related(graph, graph.isReferencedFrom(node, "serviceaccounts", namespace, name), node);
      break;
    case "coordination.k8s.io/leases":
      if (subresource !== "") break;
      if (namespace !== nodeLeaseNamespace) return notAllowed(`can only access leases in the "${nodeLeaseNamespace}" namespace`);
      // A create names its Lease in the body: NodeRestriction checks it there.
      if (verb === "create") return allow;
      if (verb === "get" || verb === "delete" || writeVerbs.has(verb)) {
        return name === node ? allow : notAllowed("can only access the node lease with the same name as the requesting node");
      }
      break;
    case "/events":
    case "events.k8s.io/events":
      if (subresource === "" && (verb === "create" || writeVerbs.has(verb))) return allow;
      break;
  }
  return notAllowed(`a node may not ${verb} this resource`);
}

/** Its own Node and its status; a create names the Node in the body, which NodeRestriction checks. */
function authorizeOwnNode(node: string, attributes: ResourceAttributes): Decision {
  const { verb, subresource, name } = attributes;
  if (subresource === "" && verb === "create") return allow;
  const mayDo = subresource === "" ? writeVerbs.has(verb) : subresource === "status" && (verb === "get" || writeVerbs.has(verb));
  if (!mayDo) return notAllowed(`a node may not ${verb} this resource`);
  return name === node ? allow : notAllowed(`a node may only modify its own Node "${node}"`);
}

/** The pods bound to it: read, list only by its own spec.nodeName, update their status, finish their deletion. */
function authorizePod(graph: NodeGraphView, node: string, attributes: ResourceAttributes): Decision {
  const { verb, subresource, namespace, name } = attributes;
  if (subresource === "" && (verb === "list" || verb === "watch")) {
    return selects(attributes.fieldSelector, "spec.nodeName", node)
      ? allow
      : notAllowed(`can only list and watch pods with the field selector spec.nodeName=${node}`);
  }
  const mayDo = subresource === "" ? verb === "get" || verb === "delete" : subresource === "status" && (verb === "get" || writeVerbs.has(verb));
  if (!mayDo) return notAllowed(`a node may not ${verb} this resource`);
  return related(graph, graph.podIsBoundTo(node, namespace, name), node);
}

/**
 * A Secret, ConfigMap, PersistentVolumeClaim or ServiceAccount: get one a
 * pod bound to the node names, or list/watch it alone (`fieldSelector
 * metadata.name=NAME` in its namespace), as kubelets watch single objects.
 */
function authorizePodDependency(graph: NodeGraphView, node: string, attributes: ResourceAttributes, dependency: ReferencedResource): Decision {
  const { verb, namespace } = attributes;
  if (verb === "get") return related(graph, graph.isReferencedFrom(node, dependency, namespace, attributes.name), node);
  if (verb === "list" || verb === "watch") {
    const name = selectedName(attributes.fieldSelector);
    if (namespace === "" || name === undefined) {
      return notAllowed(`can only list and watch ${dependency} one at a time, in a namespace with the field selector metadata.name=NAME`);
    }
    return related(graph, graph.isReferencedFrom(node, dependency, namespace, name), node);
  }
  return notAllowed(`a node may not ${verb} this resource`);
}

function related(graph: NodeGraphView, found: boolean, node: string): Decision {
  if (found) return allow;
  if (!graph.hasSynced()) return notAllowed("the node authorizer has not read the cluster's pods yet; try again");
  return notAllowed(`no relationship found between node '${node}' and this object`);
}

/** Whether the selector holds the term `field=value` (further terms only narrow what it selects). */
function selects(fieldSelector: string, field: string, value: string): boolean {
  const parsed = parseFieldSelector(fieldSelector);
  return parsed.ok && parsed.value.requirements().some((r) => r.field === field && r.operator === "=" && r.value === value);
}

/** The name a `metadata.name=NAME` term pins, if the selector has one. */
function selectedName(fieldSelector: string): string | undefined {
  const parsed = parseFieldSelector(fieldSelector);
  if (!parsed.ok) return undefined;
  return parsed.value.requirements().find((r) => r.field === "metadata.name" && r.operator === "=")?.value;
}
