import type { NodeSelectorRequirement, NodeSelectorTerm } from "../../../src/api/core/v1/scheduling.js";

/** What a node selector term is matched against: the node's labels and name (the only field Kubernetes allows). */
export interface NodeFields {
  name: string;
  labels: Readonly<Record<string, string>>;
}

const integer = /^[+-]?\d+$/;

/** One requirement against a label set, as Kubernetes' NodeSelectorRequirementsAsSelector + Matches. */
function requirementMatches(requirement: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const values = requirement.values ?? [];
  const has = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case "In":
      return has && values.includes(value!);
    case "NotIn":
      return !has || !values.includes(value!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1 || !integer.test(value!) || !integer.test(values[0]!)) return false;
      const [actual, bound] = [BigInt(value!), BigInt(values[0]!)];
      return requirement.operator === "Gt" ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions and fields do; an empty term matches nothing, as in Kubernetes. */
export function termMatches(term: NodeSelectorTerm, node: NodeFields): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  if (!expressions.every((requirement) => requirementMatches(requirement, node.labels))) return false;
  return fields.every((requirement) => requirement.key === "metadata.name" && requirementMatches(requirement, { "metadata.name": node.name }));
}

/** Terms are ORed. */
export const anyTermMatches = (terms: readonly NodeSelectorTerm[], node: NodeFields): boolean => terms.some((term) => termMatches(term, node));
