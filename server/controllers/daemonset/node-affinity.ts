import type { NodeSelectorRequirement, NodeSelectorTerm, Affinity } from "../../../src/api/core/v1/scheduling.js";

/** The parts of a node a scheduling rule reads. */
export interface NodeFacts {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** The field selector key that names a node in matchFields. */
export const nodeNameField = "metadata.name";

/** One requirement against a value (a label's, or a field's): In, NotIn, Exists, DoesNotExist, Gt, Lt. */
function requirementMatches(requirement: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0] ?? "")) return false;
      const [have, bound] = [Number(value), Number(values[0])];
      return requirement.operator === "Gt" ? have > bound : have < bound;
    }
    default:
      return false;
  }
}

/** A term matches when all its requirements do; a term with none matches no node (as Kubernetes has it). */
function termMatches(term: NodeSelectorTerm, node: NodeFacts): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((requirement) => requirementMatches(requirement, node.labels[requirement.key])) &&
    fields.every((requirement) => requirementMatches(requirement, requirement.key === nodeNameField ? node.name : undefined))
  );
}

/**
 * Kubernetes' GetRequiredNodeAffinity(pod).Match(node): every nodeSelector
 * label, and any one of the required node affinity's terms.
 */
export function nodeFitsRequiredAffinity(
  nodeSelector: Readonly<Record<string, string>> | undefined,
  affinity: Affinity | undefined,
  node: NodeFacts,
): boolean {
  for (const [key, value] of Object.entries(nodeSelector ?? {})) if (node.labels[key] !== value) return false;
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) return true;
  return required.nodeSelectorTerms.some((term) => termMatches(term, node));
}

/**
 * Kubernetes' ReplaceDaemonSetPodNodeNameNodeAffinity: pins a daemon pod to
 * one node through the scheduler. Every required term gets
 * `matchFields: metadata.name In [node]` in place of its own fields (its
 * label expressions stay), so the scheduler places the pod there and only there.
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const pin: NodeSelectorRequirement = { key: nodeNameField, operator: "In", values: [nodeName] };
  const result: Affinity = structuredClone(affinity ?? {});
  const nodeAffinity = (result.nodeAffinity ??= {});
  const terms = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: terms.length === 0 ? [{ matchFields: [pin] }] : terms.map((term) => ({ ...term, matchFields: [{ ...pin }] })),
  };
  return result;
}

/**
 * Kubernetes' GetTargetNodeName: the node a daemon pod is for — where it
 * is bound, else the node its pinning affinity names.
 */
export function targetNodeName(spec: { nodeName?: string | undefined; affinity?: Affinity | undefined } | undefined): string | undefined {
  if (spec?.nodeName) return spec.nodeName;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === nodeNameField && field.operator === "In" && field.values?.length === 1) return field.values[0];
    }
  }
  return undefined;
}
