import type { ApiList, ApiObject, RestClient } from "../../src/client/rest/rest-client.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { Taint } from "../../src/api/core/v1/node.js";

export const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
export const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };

export interface FakeNode {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** A Node made through the API, its status then written Ready with capacity (what an agent would report). */
export async function addReadyNode(client: RestClient, name: string, shape: FakeNode = {}): Promise<void> {
  await client.create(nodesRef, undefined, {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...shape.labels } },
    ...(shape.taints ? { spec: { taints: shape.taints } } : {}),
  });
  const resources = { cpu: shape.cpu ?? "4", memory: shape.memory ?? "8Gi", pods: String(shape.pods ?? 110) };
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  await client.patch(
    nodesRef,
    undefined,
    name,
    "merge",
    { status: { capacity: resources, allocatable: resources, conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", lastHeartbeatTime: now, lastTransitionTime: now }] } },
    { subresource: "status" },
  );
}

export interface PodRequest {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  spec?: Record<string, unknown>;
}

export function podManifest(name: string, request: PodRequest = {}): ApiObject {
  const requests: Record<string, string> = {};
  if (request.cpu) requests.cpu = request.cpu;
  if (request.memory) requests.memory = request.memory;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...(request.labels ? { labels: request.labels } : {}) },
    spec: {
      automountServiceAccountToken: false,
      containers: [{ name: "main", image: "busybox", ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}) }],
      ...request.spec,
    },
  };
}

export async function podsIn(client: RestClient, namespace: string): Promise<Pod[]> {
  return (await client.list<Pod>(podsRef, namespace)).items;
}

interface EventSummary extends ApiObject {
  reason?: string;
  type?: string;
  message?: string;
  count?: number;
}

export async function eventsAbout(client: RestClient, namespace: string, name: string): Promise<EventSummary[]> {
  const list: ApiList<EventSummary> = await client.list<EventSummary>(eventsRef, namespace, { fieldSelector: `involvedObject.name=${name}` });
  return list.items;
}
