import { unescapeFieldValue } from "./escape.js";
import { FieldSelector, type FieldOperator, type FieldRequirement } from "./selector.js";

/** A field selector that cannot be parsed; says what was found where. */
export class FieldSelectorError extends Error {
  constructor(
    message: string,
    /** Offset in the selector string where the problem is. */
    readonly position: number,
  ) {
    super(`${message} (at position ${position})`);
    this.name = "FieldSelectorError";
  }
}

export type FieldSelectorResult = { ok: true; value: FieldSelector } | { ok: false; error: FieldSelectorError };

interface Term {
  text: string;
  position: number;
}

/** Splits at commas that are not escaped; an escape keeps its backslash for the value's unescaping. */
function splitTerms(selector: string): Term[] {
  const terms: Term[] = [];
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    if (selector[i] === "\\") i++;
    else if (selector[i] === ",") {
      terms.push({ text: selector.slice(start, i), position: start });
      start = i + 1;
    }
  }
  terms.push({ text: selector.slice(start), position: start });
  return terms;
}

/** `!=` and `==` are tried before `=` at each offset, so the first operator in the term splits it. */
const operators: ReadonlyArray<[string, FieldOperator]> = [
  ["!=", "!="],
  ["==", "="],
  ["=", "="],
];

/**
 * Parses a field selector as Kubernetes' fields.ParseSelector:
 * `metadata.name=web,status.phase!=Running,spec.nodeName==n1`. Only `=`,
 * `==` and `!=`; the field is everything before the first operator (no
 * escaping, no trimming), the value may escape `\,` `\=` `\\`. Terms are
 * ordered as Kubernetes orders them (sorted as written); empty terms are
 * skipped, so "" selects everything.
 */
export function parseFieldSelector(selector: string): FieldSelectorResult {
  const terms = splitTerms(selector).filter((term) => term.text !== "");
  terms.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    const split = splitTerm(term.text);
    if (!split) {
      const error = new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${term.text}'`, term.position);
      return { ok: false, error };
    }
    const value = unescapeFieldValue(split.rawValue);
    if (!value.ok) {
      const error = new FieldSelectorError(`invalid field selector: ${value.problem}`, term.position + split.valueOffset + value.offset);
      return { ok: false, error };
    }
    requirements.push({ field: split.field, operator: split.operator, value: value.value });
  }
  return { ok: true, value: FieldSelector.of(requirements) };
}

function splitTerm(term: string): { field: string; operator: FieldOperator; rawValue: string; valueOffset: number } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const [text, operator] of operators) {
      if (term.startsWith(text, i)) {
        const valueOffset = i + text.length;
        return { field: term.slice(0, i), operator, rawValue: term.slice(valueOffset), valueOffset };
      }
    }
  }
  return undefined;
}

/** Parses a field selector known to be valid (a constant in code); throws FieldSelectorError otherwise. */
export function mustParseFieldSelector(selector: string): FieldSelector {
  const result = parseFieldSelector(selector);
  if (!result.ok) throw result.error;
  return result.value;
}
