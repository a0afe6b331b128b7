import { isQualifiedName, isValidLabelValue } from "../validation/names.js";

/**
 * A requirement's operator, spelled as Kubernetes' selection.Operator:
 * `=`, `==` and `!=` (equality), `in` and `notin` (sets), `exists` and `!`
 * (presence), `gt` and `lt` (integer comparison, as node affinity uses).
 */
export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

/** One condition on one label: `tier in (web,api)`, `!canary`, `app=web`. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export type RequirementResult = { ok: true; value: Requirement } | { ok: false; problems: string[] };

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** A Go int64 in base 10 (strconv.ParseInt): optional sign, digits, in range. */
function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= int64Min && value <= int64Max ? value : undefined;
}

/**
 * Builds a requirement, checking it as Kubernetes' labels.NewRequirement
 * does: the key is a qualified name, every value a label value, and the
 * number of values suits the operator. Problems are worded as Kubernetes.
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): RequirementResult {
  const problems: string[] = [];
  const keyProblems = isQualifiedName(key);
  if (keyProblems.length > 0) problems.push(`invalid label key "${key}": ${keyProblems.join("; ")}`);
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) problems.push("for 'in', 'notin' operators, values set can't be empty");
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) problems.push("exact-match compatibility requires one single value");
      break;
    case "exists":
    case "!":
      if (values.length !== 0) problems.push("values set must be empty for exists and does not exist");
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) problems.push("for 'Gt', 'Lt' operators, exactly one value is required");
      for (const value of values) {
        if (parseInt64(value) === undefined) problems.push(`for 'Gt', 'Lt' operators, the value must be an integer: "${value}"`);
      }
      break;
  }
  for (const value of values) {
    const valueProblems = isValidLabelValue(value);
    if (valueProblems.length > 0) problems.push(`invalid label value "${value}": ${valueProblems.join("; ")}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { key, operator, values: [...values] } };
}

/** Whether a label set satisfies one requirement (a missing label satisfies `!=` and `notin`). */
export function requirementMatches(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case "=":
    case "==":
    case "in":
      return value !== undefined && requirement.values.includes(value);
    case "!=":
    case "notin":
      return value === undefined || !requirement.values.includes(value);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      const actual = value === undefined ? undefined : parseInt64(value);
      const bound = requirement.values.length === 1 ? parseInt64(requirement.values[0] ?? "") : undefined;
      if (actual === undefined || bound === undefined) return false;
      return requirement.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

const operatorText: Record<Operator, string> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  exists: "",
  "!": "",
  gt: ">",
  lt: "<",
};

/** The requirement in selector syntax, values sorted: `tier in (api,web)`, `!canary`, `app=web`. */
export function requirementToString(requirement: Requirement): string {
  const { key, operator } = requirement;
  if (operator === "exists") return key;
  if (operator === "!") return `!${key}`;
  const values = [...requirement.values].sort().join(",");
  const setBased = operator === "in" || operator === "notin";
  return `${key}${operatorText[operator]}${setBased ? `(${values})` : values}`;
}
