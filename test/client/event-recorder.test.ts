import { describe, expect, it } from "vitest";
import { RestEventRecorder } from "../../src/client/events/rest-event-recorder.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { createLogger } from "../../src/log.js";
import { clientWith } from "../join/join-support.js";
import { useKubectlServer } from "../support/server-hooks.js";

const configMapsRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };
const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const log = createLogger("silent");

interface EventObject extends ApiObject {
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
}

const { server, ok } = useKubectlServer({ users: [{ token: "ev-node-token", name: "system:node:ev-1", groups: ["system:nodes"] }] });

describe("RestEventRecorder against the real server", () => {
  it("writes Events that fold repeats, and kubectl describe lists them", async () => {
    const configMap = await server().client.create(configMapsRef, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" } });
    const ref = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "settings", uid: String(configMap.metadata?.uid) };
    const recorder = new RestEventRecorder({ client: server().client, component: "skiff-test", host: "lab-1", log });
    recorder.event(ref, "Normal", "Synced", "settings synced");
    recorder.event(ref, "Normal", "Synced", "settings synced");
    recorder.event(ref, "Warning", "Stale", "settings are stale");
    await recorder.flush();

    const events = await server().client.list<EventObject>(eventsRef, "default", { fieldSelector: "involvedObject.name=settings" });
    const byReason = new Map(events.items.map((event) => [event.reason, event]));
    expect(events.items).toHaveLength(2);
    expect(byReason.get("Synced")).toMatchObject({ count: 2, type: "Normal", source: { component: "skiff-test", host: "lab-1" } });
    expect(byReason.get("Synced")?.metadata?.name).toMatch(/^settings\.[0-9a-f]+$/);
    expect(byReason.get("Stale")).toMatchObject({ count: 1, type: "Warning", reportingComponent: "skiff-test", reportingInstance: "lab-1" });

    const described = await ok(["describe", "configmap", "settings"]);
    expect(described).toMatch(/Normal +Synced .* skiff-test +settings synced/);
    expect(described).toMatch(/\(x2 over/);
    expect(described).toMatch(/Warning +Stale .* settings are stale/);
  });

  it("records as a node identity, about its own Node", async () => {
    const asNode = clientWith(server(), "ev-node-token");
    await asNode.create(nodesRef, undefined, { apiVersion: "v1", kind: "Node", metadata: { name: "ev-1" } });
    const recorder = new RestEventRecorder({ client: asNode, component: "kubelet", host: "ev-1", log });
    recorder.event({ kind: "Node", name: "ev-1", uid: "ev-1" }, "Normal", "Starting", "Starting kubelet.");
    recorder.event({ kind: "Node", name: "ev-1", uid: "ev-1" }, "Normal", "Starting", "Starting kubelet.");
    await recorder.flush();
    asNode.close();
    const events = await server().client.list<EventObject>(eventsRef, "default", { fieldSelector: "involvedObject.name=ev-1" });
    expect(events.items.map((event) => [event.reason, event.count])).toEqual([["Starting", 2]]);
    expect(await ok(["describe", "node", "ev-1"])).toMatch(/Normal +Starting .* kubelet +Starting kubelet\./);
  });
});
