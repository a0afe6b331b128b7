import { validateLabelSelector } from "../../labels/index.js";
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from "../../validation/names.js";
import { validateQualifiedName } from "../../validation/string-fields.js";
import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinity,
  PodAffinityTerm,
  Toleration,
  TopologySpreadConstraint,
} from "./scheduling.js";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateNodeSelectorRequirement(requirement: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errors.push(required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) {
        errors.push(forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) {
        errors.push(required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      }
      break;
    default:
      errors.push(invalid(path.child("operator"), requirement.operator, "not a valid selector operator"));
  }
  errors.push(...validateQualifiedName(requirement.key, path.child("key")));
  return errors;
}

/** matchFields may only select `metadata.name`, with In/NotIn and one value. */
function validateNodeFieldSelectorRequirement(requirement: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const values = requirement.values ?? [];
  if (requirement.operator === "In" || requirement.operator === "NotIn") {
    if (values.length !== 1) {
      errors.push(required(path.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errors.push(invalid(path.child("operator"), requirement.operator, "not a valid selector operator"));
  }
  if (requirement.key !== "metadata.name") {
    errors.push(invalid(path.child("key"), requirement.key, "not a valid field selector key"));
  } else {
    values.forEach((value, i) => {
      for (const message of isDNS1123Subdomain(value)) errors.push(invalid(path.child("values").index(i), value, message));
    });
  }
  return errors;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((requirement, i) =>
    errors.push(...validateNodeSelectorRequirement(requirement, path.child("matchExpressions").index(i))),
  );
  (term.matchFields ?? []).forEach((requirement, i) =>
    errors.push(...validateNodeFieldSelectorRequirement(requirement, path.child("matchFields").index(i))),
  );
  return errors;
}

/** A NodeSelector: at least one term, each valid. */
export function validateNodeSelector(selector: NodeSelector, path: FieldPath): FieldError[] {
  const termsPath = path.child("nodeSelectorTerms");
  if (selector.nodeSelectorTerms.length === 0) return [required(termsPath, "must have at least one node selector term")];
  return selector.nodeSelectorTerms.flatMap((term, i) => validateNodeSelectorTerm(term, termsPath.index(i)));
}

function validateWeight(weight: number, path: FieldPath): FieldError[] {
  return weight <= 0 || weight > 100 ? [invalid(path, weight, "must be in the range 1-100")] : [];
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: FieldPath): FieldError[] {
  const errors = validateLabelSelector(term.labelSelector, path.child("labelSelector"));
  errors.push(...validateLabelSelector(term.namespaceSelector, path.child("namespaceSelector")));
  for (const namespace of term.namespaces ?? []) {
    for (const message of isDNS1123Label(namespace)) errors.push(invalid(path.child("namespace"), namespace, message));
  }
  if (!term.topologyKey) errors.push(required(path.child("topologyKey"), "can not be empty"));
  errors.push(...validateQualifiedName(term.topologyKey, path.child("topologyKey")));
  return errors;
}

function validatePodAffinity(affinity: PodAffinity, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const requiredPath = path.child("requiredDuringSchedulingIgnoredDuringExecution");
  (affinity.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) =>
    errors.push(...validatePodAffinityTerm(term, requiredPath.index(i))),
  );
  const preferredPath = path.child("preferredDuringSchedulingIgnoredDuringExecution");
  (affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((weighted, i) => {
    errors.push(...validateWeight(weighted.weight, preferredPath.index(i).child("weight")));
    errors.push(...validatePodAffinityTerm(weighted.podAffinityTerm, preferredPath.index(i).child("podAffinityTerm")));
  });
  return errors;
}

/** Node affinity, pod affinity and anti-affinity, required and preferred. */
export function validateAffinity(affinity: Affinity | undefined, path: FieldPath): FieldError[] {
  if (!affinity) return [];
  const errors: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (node) {
    const nodePath = path.child("nodeAffinity");
    const requiredSelector = node.requiredDuringSchedulingIgnoredDuringExecution;
    if (requiredSelector) {
      errors.push(...validateNodeSelector(requiredSelector, nodePath.child("requiredDuringSchedulingIgnoredDuringExecution")));
    }
    const preferredPath = nodePath.child("preferredDuringSchedulingIgnoredDuringExecution");
    (node.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      errors.push(...validateWeight(term.weight, preferredPath.index(i).child("weight")));
      errors.push(...validateNodeSelectorTerm(term.preference, preferredPath.index(i).child("preference")));
    });
  }
  if (affinity.podAffinity) errors.push(...validatePodAffinity(affinity.podAffinity, path.child("podAffinity")));
  if (affinity.podAntiAffinity) errors.push(...validatePodAffinity(affinity.podAntiAffinity, path.child("podAntiAffinity")));
  return errors;
}

/** A taint effect: NoSchedule, PreferNoSchedule or NoExecute (empty too, where allowed). */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (effect === "") return allowEmpty ? [] : [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/** Tolerations as Kubernetes checks them; an empty key with Exists tolerates every taint. */
export function validateTolerations(tolerations: readonly Toleration[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  tolerations.forEach((toleration, i) => {
    const at = path.index(i);
    const key = toleration.key ?? "";
    const operator = toleration.operator ?? "";
    const value = toleration.value ?? "";
    const effect = toleration.effect ?? "";
    if (key) errors.push(...validateQualifiedName(key, at.child("key")));
    if (!key && operator !== "Exists") {
      errors.push(
        invalid(at.child("operator"), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      );
    }
    if (toleration.tolerationSeconds !== undefined && effect !== "NoExecute") {
      errors.push(invalid(at.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === "Equal" || operator === "") {
      const messages = isValidLabelValue(value);
      if (messages.length > 0) errors.push(invalid(at.child("operator"), value, messages.join(";")));
    } else if (operator === "Exists") {
      if (value) errors.push(invalid(at.child("operator"), toleration, "value must be empty when `operator` is 'Exists'"));
    } else {
      errors.push(notSupported(at.child("operator"), operator, ["Equal", "Exists"]));
    }
    if (effect) errors.push(...validateTaintEffect(effect, true, at.child("effect")));
  });
  return errors;
}

function validateNodeInclusionPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  if (policy === undefined || policy === "Honor" || policy === "Ignore") return [];
  return [notSupported(path, policy, ["Honor", "Ignore"])];
}

/** Topology spread constraints: positive skew, a key, a known action, no repeated {key, action}. */
export function validateTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  constraints.forEach((constraint, i) => {
    const at = path.index(i);
    if (constraint.maxSkew <= 0) errors.push(invalid(at.child("maxSkew"), constraint.maxSkew, "must be greater than zero"));
    if (!constraint.topologyKey) errors.push(required(at.child("topologyKey"), "can not be empty"));
    if (constraint.whenUnsatisfiable !== "DoNotSchedule" && constraint.whenUnsatisfiable !== "ScheduleAnyway") {
      errors.push(notSupported(at.child("whenUnsatisfiable"), constraint.whenUnsatisfiable, ["DoNotSchedule", "ScheduleAnyway"]));
    }
    const repeated = constraints
      .slice(i + 1)
      .some((other) => other.topologyKey === constraint.topologyKey && other.whenUnsatisfiable === constraint.whenUnsatisfiable);
    if (repeated) {
      errors.push(duplicate(at.child("{topologyKey, whenUnsatisfiable}"), `{${constraint.topologyKey}, ${constraint.whenUnsatisfiable}}`));
    }
    const minDomains = constraint.minDomains;
    if (minDomains !== undefined) {
      if (minDomains <= 0) errors.push(invalid(at.child("minDomains"), minDomains, "must be greater than zero"));
      if (constraint.whenUnsatisfiable !== "DoNotSchedule") {
        errors.push(
          invalid(
            at.child("minDomains"),
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${constraint.whenUnsatisfiable}`,
          ),
        );
      }
    }
    errors.push(...validateNodeInclusionPolicy(constraint.nodeAffinityPolicy, at.child("nodeAffinityPolicy")));
    errors.push(...validateNodeInclusionPolicy(constraint.nodeTaintsPolicy, at.child("nodeTaintsPolicy")));
    errors.push(...validateLabelSelector(constraint.labelSelector, at.child("labelSelector")));
  });
  return errors;
}
