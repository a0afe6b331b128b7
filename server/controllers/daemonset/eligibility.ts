import type { Node } from "../../../src/api/core/v1/node.js";
import type { PodSpec } from "../../../src/api/core/v1/pod-spec.js";
import type { Toleration } from "../../../src/api/core/v1/scheduling.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { labelsOf } from "../../../src/client/informer/index-functions.js";
import { nodeFitsRequiredAffinity } from "./node-affinity.js";
import { daemonPodTolerations, findUntoleratedTaint } from "./tolerations.js";

/** A Node as the controller reads it from its cache. */
export type NodeObject = ApiObject & { spec?: Partial<Node["spec"]> };

/** The pod spec fields that decide where a daemon pod may run. */
export type PlacementSpec = Pick<Partial<PodSpec>, "nodeName" | "nodeSelector" | "affinity" | "tolerations" | "hostNetwork">;

/** Whether a node should get a daemon pod, and whether one already there may stay. */
export interface Eligibility {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

const schedulingEffects: ReadonlySet<string> = new Set(["NoSchedule", "NoExecute"]);
const evictingEffects: ReadonlySet<string> = new Set(["NoExecute"]);

/**
 * Kubernetes' NodeShouldRunDaemonPod, for the template's pod with the
 * tolerations daemon pods get: a node it does not fit by name, nodeSelector
 * or required node affinity neither gets nor keeps one; a node with a taint
 * it does not tolerate gets none, but keeps one unless the taint is NoExecute.
 */
export function nodeShouldRunDaemonPod(node: NodeObject, template: PlacementSpec): Eligibility {
  return decide(node, template, daemonPodTolerations(template.tolerations ?? [], template.hostNetwork === true));
}

/** Every node's eligibility for one template, by node name (the tolerations worked out once). */
export function eligibilityByNode(nodes: readonly NodeObject[], template: PlacementSpec): Map<string, Eligibility> {
  const tolerations = daemonPodTolerations(template.tolerations ?? [], template.hostNetwork === true);
  return new Map(nodes.map((node) => [node.metadata?.name ?? "", decide(node, template, tolerations)]));
}

function decide(node: NodeObject, template: PlacementSpec, tolerations: readonly Toleration[]): Eligibility {
  const name = node.metadata?.name ?? "";
  if (template.nodeName && template.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  if (!nodeFitsRequiredAffinity(template.nodeSelector, template.affinity, { name, labels: labelsOf(node) })) {
    return { shouldRun: false, shouldContinueRunning: false };
  }
  const taints = node.spec?.taints ?? [];
  if (taints.length === 0 || findUntoleratedTaint(taints, tolerations, schedulingEffects) === undefined) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: findUntoleratedTaint(taints, tolerations, evictingEffects) === undefined };
}
