import type { Node } from "../../../src/api/core/v1/node.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { NodeInfo } from "../node-info.js";
import { podInfoOf, type PodInfo } from "../pod-info.js";
import { SchedulerCache } from "../scheduler-cache.js";

/** Plain objects for the scheduler's unit tests. */
export interface NodeShape {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: NonNullable<Node["spec"]>["taints"];
  unschedulable?: boolean;
  ready?: "True" | "False" | "Unknown";
}

export function nodeObject(name: string, shape: NodeShape = {}): Node {
  const allocatable = { cpu: shape.cpu ?? "4", memory: shape.memory ?? "8Gi", pods: String(shape.pods ?? 110) };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...shape.labels } },
    spec: { ...(shape.taints ? { taints: shape.taints } : {}), ...(shape.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: allocatable, allocatable, conditions: [{ type: "Ready", status: shape.ready ?? "True" }] },
  };
}

export function nodeInfo(name: string, shape: NodeShape = {}): NodeInfo {
  const info = new NodeInfo(name);
  info.setNode(nodeObject(name, shape));
  return info;
}

export interface PodShape {
  namespace?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  owner?: string;
  spec?: Partial<Pod["spec"]>;
}

export function podObject(name: string, shape: PodShape = {}): Pod {
  const requests: Record<string, string> = {};
  if (shape.cpu) requests.cpu = shape.cpu;
  if (shape.memory) requests.memory = shape.memory;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: shape.namespace ?? "default",
      uid: `uid-${name}`,
      ...(shape.labels ? { labels: shape.labels } : {}),
      ...(shape.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: shape.owner, uid: `uid-${shape.owner}`, controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: "c", image: "busybox", ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}) }],
      ...(shape.nodeName ? { nodeName: shape.nodeName } : {}),
      ...shape.spec,
    },
  };
}

export const podInfo = (name: string, shape: PodShape = {}): PodInfo => podInfoOf(podObject(name, shape));

/** A cache with these nodes and these pods bound (each pod's `nodeName` says where). */
export function cacheWith(nodes: Array<[string, NodeShape?]>, pods: PodInfo[] = [], namespaceLabels: Record<string, Record<string, string>> = {}): SchedulerCache {
  const cache = new SchedulerCache((namespace) => namespaceLabels[namespace]);
  for (const [name, shape] of nodes) cache.setNode(nodeObject(name, shape));
  for (const pod of pods) cache.setPod(pod, false);
  return cache;
}
