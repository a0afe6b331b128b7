import { forbidden, invalid, required, type FieldError } from "../validation/field-error.js";
import type { FieldPath } from "../validation/field-path.js";
import { isQualifiedName, isValidLabelValue, validateLabels } from "../validation/names.js";
import { newRequirement, type Operator, type Requirement } from "./requirement.js";
import { Selector } from "./selector.js";
import { SelectorError, type SelectorResult } from "./selector-error.js";

/**
 * The shape of a LabelSelector as objects carry it (meta/v1 LabelSelector):
 * matchLabels and matchExpressions, all ANDed. The operator is left a plain
 * string so that validation can name a wrong one.
 */
export interface LabelSelectorInput {
  matchLabels?: Readonly<Record<string, string>> | null | undefined;
  matchExpressions?:
    | ReadonlyArray<{ key: string; operator: string; values?: readonly string[] | null | undefined }>
    | null
    | undefined;
}

const expressionOperators: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ["In", "in"],
  ["NotIn", "notin"],
  ["Exists", "exists"],
  ["DoesNotExist", "!"],
]);

/**
 * Turns a LabelSelector object into a selector as Kubernetes'
 * LabelSelectorAsSelector does: no selector at all matches nothing, an
 * empty one matches everything, matchLabels become `key=value`.
 */
export function selectorFromLabelSelector(labelSelector: LabelSelectorInput | null | undefined): SelectorResult {
  if (!labelSelector) return { ok: true, value: Selector.nothing() };
  const requirements: Requirement[] = [];
  const add = (key: string, operator: Operator, values: readonly string[]): SelectorError | undefined => {
    const built = newRequirement(key, operator, values);
    if (!built.ok) return new SelectorError(built.problems.join("; "));
    requirements.push(built.value);
    return undefined;
  };
  for (const [key, value] of Object.entries(labelSelector.matchLabels ?? {})) {
    const error = add(key, "=", [value]);
    if (error) return { ok: false, error };
  }
  for (const expression of labelSelector.matchExpressions ?? []) {
    const operator = expressionOperators.get(expression.operator);
    if (operator === undefined) {
      return { ok: false, error: new SelectorError(`"${expression.operator}" is not a valid label selector operator`) };
    }
    const error = add(expression.key, operator, expression.values ?? []);
    if (error) return { ok: false, error };
  }
  return { ok: true, value: Selector.of(requirements) };
}

/**
 * Validates a LabelSelector object as Kubernetes' ValidateLabelSelector:
 * matchLabels as labels, and for each expression an operator of In, NotIn,
 * Exists or DoesNotExist, values required for In/NotIn and forbidden for
 * the others, a qualified-name key and label values.
 * `spec.selector.matchExpressions[0].values: Required value: ...`
 */
export function validateLabelSelector(labelSelector: LabelSelectorInput | null | undefined, path: FieldPath): FieldError[] {
  if (!labelSelector) return [];
  const errors = validateLabels(labelSelector.matchLabels ?? {}, path.child("matchLabels"));
  (labelSelector.matchExpressions ?? []).forEach((expression, index) => {
    const at = path.child("matchExpressions").index(index);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          errors.push(required(at.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errors.push(forbidden(at.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errors.push(invalid(at.child("operator"), expression.operator, "not a valid selector operator"));
    }
    for (const message of isQualifiedName(expression.key)) errors.push(invalid(at.child("key"), expression.key, message));
    values.forEach((value, valueIndex) => {
      for (const message of isValidLabelValue(value)) errors.push(invalid(at.child("values").index(valueIndex), value, message));
    });
  });
  return errors;
}
