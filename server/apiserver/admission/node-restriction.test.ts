import { describe, expect, it } from "vitest";
import { StatusError } from "../../../src/errors/status.js";
import type { UserInfo } from "../../auth/user.js";
import { servedResources } from "../resources/model-resources.js";
import type { ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { AdmissionRequest } from "./admission.js";
import { nodeRestriction } from "./node-restriction.js";

const node: UserInfo = { name: "system:node:pi-1", groups: ["system:nodes", "system:authenticated"] };
const admin: UserInfo = { name: "system:admin", groups: ["system:masters"] };

function resource(group: string, name: string): ServedResource {
  const served = servedResources().find((r) => r.group === group && r.resource === name);
  if (!served) throw new Error(`${name} is not served`);
  return served;
}

const storedPods: Record<string, StoredObject> = {
  "homelab/web": { metadata: { name: "web", namespace: "homelab", uid: "uid-web" }, spec: { nodeName: "pi-1" } },
  "homelab/far": { metadata: { name: "far", namespace: "homelab", uid: "uid-far" }, spec: { nodeName: "pi-2" } },
};
const plugin = nodeRestriction(async (namespace, name) => storedPods[`${namespace}/${name}`]);

function tokenRequest(user: UserInfo, boundObjectRef: unknown): AdmissionRequest {
  return {
    operation: "create",
    user,
    resource: resource("", "serviceaccounts"),
    subresource: "token",
    namespace: "homelab",
    name: "builder",
    object: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", metadata: {}, spec: { boundObjectRef } },
    dryRun: false,
  };
}

async function refusal(request: AdmissionRequest): Promise<string | undefined> {
  try {
    await plugin.admit(request);
    return undefined;
  } catch (error) {
    if (error instanceof StatusError) return `${error.code} ${error.message}`;
    throw error;
  }
}

describe("NodeRestriction: TokenRequest", () => {
  it("lets a node ask a token only bound to a pod that runs on it, by name and uid", async () => {
    expect(await refusal(tokenRequest(node, { apiVersion: "v1", kind: "Pod", name: "web", uid: "uid-web" }))).toBeUndefined();
    expect(await refusal(tokenRequest(node, { apiVersion: "v1", kind: "Pod", name: "far", uid: "uid-far" }))).toBe(
      '403 serviceaccounts "builder" is forbidden: node requested token bound to a pod scheduled on a different node',
    );
    expect(await refusal(tokenRequest(node, { apiVersion: "v1", kind: "Pod", name: "web", uid: "uid-old" }))).toMatch(
      /^403 .*the UID in the bound object reference \(uid-old\) does not match the UID in record/,
    );
    expect(await refusal(tokenRequest(node, { apiVersion: "v1", kind: "Pod", name: "web" }))).toMatch(/pod binding without a uid$/);
    expect(await refusal(tokenRequest(node, { apiVersion: "v1", kind: "Pod", name: "gone", uid: "u" }))).toBe('404 pods "gone" not found');
    expect(await refusal(tokenRequest(node, undefined))).toMatch(/node requested token not bound to a pod$/);
    expect(await refusal(tokenRequest(node, { apiVersion: "v1", kind: "Secret", name: "web", uid: "uid-web" }))).toMatch(/not bound to a pod$/);
  });

  it("leaves other users' token requests alone", async () => {
    expect(await refusal(tokenRequest(admin, undefined))).toBeUndefined();
  });
});

describe("NodeRestriction: pods", () => {
  const podStatusUpdate = (oldPod: StoredObject, labels: Record<string, string> = {}): AdmissionRequest => ({
    operation: "update",
    user: node,
    resource: resource("", "pods"),
    subresource: "status",
    namespace: "homelab",
    name: oldPod.metadata.name ?? "",
    object: { ...oldPod, metadata: { ...oldPod.metadata, labels } },
    oldObject: oldPod,
    dryRun: false,
  });

  it("updates the status of its own pods only, and never their labels through it", async () => {
    expect(await refusal(podStatusUpdate(storedPods["homelab/web"]!))).toBeUndefined();
    expect(await refusal(podStatusUpdate(storedPods["homelab/far"]!))).toBe(
      '403 pods "far" is forbidden: node "pi-1" can only update pod status for pods with spec.nodeName set to itself',
    );
    expect(await refusal(podStatusUpdate(storedPods["homelab/web"]!, { app: "x" }))).toBe(
      '403 pods "web" is forbidden: node "pi-1" cannot update labels through pod status',
    );
  });
});

describe("NodeRestriction: a node's pod CIDR", () => {
  const nodeObject = (spec: Record<string, unknown>): StoredObject => ({ apiVersion: "v1", kind: "Node", metadata: { name: "pi-1" }, spec });
  const nodeWrite = (operation: "create" | "update", object: StoredObject, oldObject?: StoredObject): AdmissionRequest => ({
    operation,
    user: node,
    resource: resource("", "nodes"),
    subresource: "",
    namespace: "",
    name: "pi-1",
    object,
    ...(oldObject ? { oldObject } : {}),
    dryRun: false,
  });

  it("is never set by the node itself, at registration or after; the server (another user) may set it", async () => {
    const cidr = { podCIDR: "10.42.7.0/24", podCIDRs: ["10.42.7.0/24"] };
    const denied = '403 nodes "pi-1" is forbidden: node "pi-1" is not allowed to set its pod CIDR';
    expect(await refusal(nodeWrite("create", nodeObject(cidr)))).toBe(denied);
    expect(await refusal(nodeWrite("create", nodeObject({})))).toBeUndefined();
    expect(await refusal(nodeWrite("update", nodeObject(cidr), nodeObject({})))).toBe(denied);
    expect(await refusal(nodeWrite("update", nodeObject({ podCIDR: "10.42.9.0/24", podCIDRs: ["10.42.9.0/24"] }), nodeObject(cidr)))).toBe(denied);
    // Keeping the range the server gave it (an adoption PATCH of labels) is fine.
    expect(await refusal(nodeWrite("update", nodeObject(cidr), nodeObject(cidr)))).toBeUndefined();
    expect(await refusal({ ...nodeWrite("update", nodeObject(cidr), nodeObject({})), user: admin })).toBeUndefined();
  });
});
