import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { forbidden, notFound, type StatusError } from "../../../src/errors/status.js";
import { nodeLeaseNamespace } from "../../auth/node/node-authorizer.js";
import { nodeNameOf } from "../../auth/user.js";
import type { StoredObject } from "../storage/object-store.js";
import type { AdmissionPlugin, AdmissionRequest } from "./admission.js";
import { forbiddenNodeLabels, modifiedLabels } from "../../../src/api/core/v1/kubelet-labels.js";

/** Reads a pod as stored now (not from a cache: a token must not outlive a pod that was just deleted). */
export type PodGetter = (namespace: string, name: string) => Promise<StoredObject | undefined>;

/** What a TokenRequest asks to bind its token to; only a node's requests are read this way. */
const boundObjectRefSchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
});
const tokenRequestSchema = z.object({ spec: z.object({ boundObjectRef: boundObjectRefSchema.optional() }).optional() });

const nodeNameOfPod = (pod: StoredObject | undefined): string | undefined => {
  const spec = pod?.spec as { nodeName?: unknown } | undefined;
  return typeof spec?.nodeName === "string" ? spec.nodeName : undefined;
};

const taintsOf = (node: StoredObject | undefined): unknown => (node?.spec as { taints?: unknown[] } | undefined)?.taints ?? [];

/** A Node's pod range: the server's node IPAM controller hands it out, never the node itself. */
const podCidrsOf = (node: StoredObject | undefined): unknown => {
  const spec = node?.spec as { podCIDR?: unknown; podCIDRs?: unknown } | undefined;
  return [spec?.podCIDR ?? "", spec?.podCIDRs ?? []];
};

/**
 * Kubernetes' NodeRestriction admission plugin: what a node may write,
 * judged on the objects themselves (the node authorizer has judged the
 * request). A node registers and updates only its own Node, never sets
 * labels that would steer other workloads to it, sets taints only when it
 * registers, updates the status of and finishes the deletion of only its
 * own pods, asks tokens only for its own pods, and renews only its own
 * Lease. Other users pass untouched.
 */
export function nodeRestriction(getPod: PodGetter): AdmissionPlugin {
  return {
    name: "NodeRestriction",
    async admit(request) {
      const node = nodeNameOf(request.user);
      if (node === undefined) return;
      switch (`${request.resource.group}/${request.resource.resource}`) {
        case "/nodes":
          return admitNode(node, request);
        case "/pods":
          return admitPod(node, request);
        case "/serviceaccounts":
          if (request.subresource === "token" && request.operation === "create") return admitTokenRequest(node, request, getPod);
          return;
        case "coordination.k8s.io/leases":
          return admitLease(node, request);
      }
    },
  };
}

function refuse(request: AdmissionRequest, why: string): StatusError {
  return forbidden({ group: request.resource.group, resource: request.resource.resource }, request.name, why);
}

function admitNode(node: string, request: AdmissionRequest): void {
  if (request.name !== node) throw refuse(request, `node "${node}" is not allowed to modify node "${request.name}"`);
  if (request.operation === "delete") return;
  const labels = request.object?.metadata.labels ?? {};
  // A node that picked its own range could take another node's pod IPs.
  if (!isDeepStrictEqual(podCidrsOf(request.object), request.operation === "create" ? podCidrsOf(undefined) : podCidrsOf(request.oldObject))) {
    throw refuse(request, `node "${node}" is not allowed to set its pod CIDR`);
  }
  if (request.operation === "create") {
    const forbiddenLabels = forbiddenNodeLabels(modifiedLabels(labels, {}));
    if (forbiddenLabels.length > 0) throw refuse(request, `node "${node}" is not allowed to set the following labels: ${forbiddenLabels.join(", ")}`);
    return;
  }
  // Taints keep other pods away: a node that could drop its own would draw them to itself.
  if (!isDeepStrictEqual(taintsOf(request.object), taintsOf(request.oldObject))) {
    throw refuse(request, `node "${node}" is not allowed to modify taints`);
  }
  const forbiddenLabels = forbiddenNodeLabels(modifiedLabels(labels, request.oldObject?.metadata.labels ?? {}));
  if (forbiddenLabels.length > 0) throw refuse(request, `node "${node}" is not allowed to modify labels: ${forbiddenLabels.join(", ")}`);
}

function admitPod(node: string, request: AdmissionRequest): void {
  const old = request.oldObject;
  if (request.operation === "delete") {
    if (nodeNameOfPod(old) !== node) throw refuse(request, `node "${node}" can only delete pods with spec.nodeName set to itself`);
    if (old?.metadata.deletionTimestamp === undefined) {
      throw refuse(request, `node "${node}" can only finish the deletion of a pod that is already being deleted gracefully`);
    }
    return;
  }
  if (request.operation !== "update" || request.subresource !== "status") {
    throw refuse(request, `node "${node}" may only update the status of pods and finish their deletion`);
  }
  if (nodeNameOfPod(old) !== node) throw refuse(request, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
  if (!isDeepStrictEqual(request.object?.metadata.labels ?? {}, old?.metadata.labels ?? {})) {
    throw refuse(request, `node "${node}" cannot update labels through pod status`);
  }
}

/** A node's token must be bound to a pod that runs on it, so it dies with that pod. */
async function admitTokenRequest(node: string, request: AdmissionRequest, getPod: PodGetter): Promise<void> {
  const parsed = tokenRequestSchema.safeParse(request.object);
  const ref = parsed.success ? parsed.data.spec?.boundObjectRef : undefined;
  if (ref === undefined || ref.apiVersion !== "v1" || ref.kind !== "Pod" || !ref.name) {
    throw refuse(request, "node requested token not bound to a pod");
  }
  if (!ref.uid) throw refuse(request, "node requested token with a pod binding without a uid");
  const pod = await getPod(request.namespace, ref.name);
  if (pod === undefined) throw notFound({ group: "", resource: "pods" }, ref.name);
  if (pod.metadata.uid !== ref.uid) {
    throw refuse(
      request,
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  if (nodeNameOfPod(pod) !== node) throw refuse(request, "node requested token bound to a pod scheduled on a different node");
}

function admitLease(node: string, request: AdmissionRequest): void {
  if (request.namespace !== nodeLeaseNamespace) throw refuse(request, `can only access leases in the "${nodeLeaseNamespace}" system namespace`);
  if (request.name !== node) throw refuse(request, "can only access node lease with the same name as the requesting node");
}
