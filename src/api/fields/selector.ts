import { escapeFieldValue } from "./escape.js";

/** `=` (equal; `==` parses to it) or `!=`, the only operators of field selectors. */
export type FieldOperator = "=" | "!=";

/** One term of a field selector: `status.phase!=Running`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/**
 * Reads one field of an object by its selector name (`metadata.name`,
 * `spec.nodeName`); undefined when the object has no such field. Each kind
 * supplies its own, so that only the fields it supports can be selected.
 */
export type FieldReader = (field: string) => string | undefined;

/**
 * A field selector: terms that must all hold, in Kubernetes' order.
 * Made by `parseFieldSelector` or `oneTermEqualSelector`; immutable.
 *
 * @example
 * const selector = mustParseFieldSelector("spec.nodeName=n1,status.phase!=Succeeded");
 * selector.matches((field) => extractFieldValue(pod, field));
 */
export class FieldSelector {
  private constructor(private readonly requirementList: readonly FieldRequirement[]) {}

  /** The empty selector: matches every object. */
  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  /** A selector of requirements in the order given. */
  static of(requirements: readonly FieldRequirement[]): FieldSelector {
    return new FieldSelector([...requirements]);
  }

  /**
   * Whether every term holds. A field the reader does not know reads as
   * the empty string, as in Kubernetes (`spec.nodeName=` selects unscheduled pods).
   */
  matches(read: FieldReader): boolean {
    return this.requirementList.every(({ field, operator, value }) => ((read(field) ?? "") === value) === (operator === "="));
  }

  /** True when the selector has no terms and so matches everything. */
  isEmpty(): boolean {
    return this.requirementList.length === 0;
  }

  /** The terms, for the API server to refuse fields a kind does not support. */
  requirements(): readonly FieldRequirement[] {
    return this.requirementList;
  }

  /** The canonical string: `field=value` terms joined by ",", values escaped. */
  toString(): string {
    return this.requirementList.map(({ field, operator, value }) => `${field}${operator}${escapeFieldValue(value)}`).join(",");
  }
}

/** A selector of one `field=value` term (Kubernetes' OneTermEqualSelector), e.g. the pods of one node. */
export function oneTermEqualSelector(field: string, value: string): FieldSelector {
  return FieldSelector.of([{ field, operator: "=", value }]);
}
