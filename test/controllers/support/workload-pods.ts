import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";

export const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
export const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };

/** The pods of one owner (by uid), as the server lists them now. */
export async function podsOwnedBy(client: RestClient, namespace: string, ownerUid: string): Promise<ApiObject[]> {
  const list = await client.list<ApiObject>(podsRef, namespace);
  return list.items.filter((pod) => {
    const owners = (pod.metadata?.ownerReferences ?? []) as Array<{ uid?: string; controller?: boolean }>;
    return owners.some((owner) => owner.uid === ownerUid && owner.controller === true);
  });
}

/**
 * Plays the kubelet for a pod with no agent: its phase, and a Ready
 * condition for a running pod that is ready.
 */
export async function setPodPhase(client: RestClient, pod: ApiObject, phase: "Pending" | "Running" | "Succeeded" | "Failed", ready = false): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const status = {
    phase,
    conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: now }],
  };
  await client.patch(podsRef, pod.metadata?.namespace, pod.metadata?.name ?? "", "merge", { status }, { subresource: "status" });
}

/** The reasons of the Events about one object. */
export async function eventReasons(client: RestClient, namespace: string, name: string): Promise<string[]> {
  const events = await client.list<ApiObject>(eventsRef, namespace, { fieldSelector: `involvedObject.name=${name}` });
  return events.items.map((event) => String(event.reason ?? ""));
}
