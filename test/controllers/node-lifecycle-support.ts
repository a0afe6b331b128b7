import type { RestClient } from "../../src/client/rest/rest-client.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { clientWith } from "../join/join-support.js";
import type { TestServer } from "../support/server.js";

export const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
export const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const leasesRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };
export const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };

export const nodeUser = (name: string) => ({ token: `${name}-token`, name: `system:node:${name}`, groups: ["system:nodes"] });

export interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
export interface NodeObject extends ApiObject {
  spec?: { unschedulable?: boolean; taints?: NodeTaint[] };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
}
export interface PodObject extends ApiObject {
  metadata: { name: string; namespace: string; uid?: string; deletionTimestamp?: string; resourceVersion?: string };
  spec: { nodeName?: string; tolerations?: unknown[] };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string }> };
}

const microTime = (ms: number): string => new Date(ms).toISOString().replace("Z", "000Z");
const time = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * A stand-in for one node's agent, acting with the node's own credential:
 * registers the Node, posts Ready=True, and renews its Lease in
 * kube-node-lease every `renewMs` until stopped, as the agent does.
 */
export class FakeKubelet {
  readonly client: RestClient;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    server: TestServer,
    readonly name: string,
  ) {
    this.client = clientWith(server, nodeUser(name).token);
  }

  async register(): Promise<void> {
    await this.client.create(nodesRef, undefined, { apiVersion: "v1", kind: "Node", metadata: { name: this.name } });
    await this.postReady();
    await this.renew();
  }

  /** Writes the kubelet's Ready condition with a fresh heartbeat (what the agent does when its status changes): True, or False as when its runtime is down. */
  async postReady(status: "True" | "False" = "True"): Promise<void> {
    const now = time(Date.now());
    const ready =
      status === "True"
        ? { type: "Ready", status, reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: now, lastTransitionTime: now }
        : { type: "Ready", status, reason: "KubeletNotReady", message: "container runtime is down", lastHeartbeatTime: now, lastTransitionTime: now };
    await this.client.patch(nodesRef, undefined, this.name, "strategic", { status: { conditions: [ready] } }, { subresource: "status" });
  }

  async renew(): Promise<void> {
    const lease = { holderIdentity: this.name, leaseDurationSeconds: 40, renewTime: microTime(Date.now()) };
    try {
      await this.client.patch(leasesRef, "kube-node-lease", this.name, "merge", { spec: lease });
    } catch {
      await this.client.create(leasesRef, "kube-node-lease", { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: this.name }, spec: lease });
    }
  }

  startRenewing(renewMs: number): void {
    this.stopRenewing();
    this.timer = setInterval(() => void this.renew().catch(() => undefined), renewMs);
  }

  stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stopRenewing();
    this.client.close();
  }
}

/** A pod bound to `node` from the start, Ready, with the given tolerations. */
export async function createReadyPod(client: RestClient, name: string, node: string, tolerations?: unknown[]): Promise<PodObject> {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { nodeName: node, containers: [{ name: "app", image: "busybox" }], ...(tolerations ? { tolerations } : {}) },
  };
  await client.create(podsRef, "default", pod);
  const ready = { type: "Ready", status: "True", lastTransitionTime: time(Date.now()) };
  return client.patch<PodObject>(podsRef, "default", name, "strategic", { status: { phase: "Running", conditions: [ready] } }, { subresource: "status" });
}
