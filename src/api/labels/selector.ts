import { requirementMatches, requirementToString, type Requirement } from "./requirement.js";

/**
 * A label selector: requirements that must all hold, kept sorted by key as
 * Kubernetes keeps them. Made by `parseSelector`, `selectorFromLabelSelector`
 * or `selectorFromSet`; immutable.
 *
 * @example
 * const selector = mustParseSelector("app=web,tier in (api, front)");
 * selector.matches({ app: "web", tier: "api" }); // true
 * selector.toString();                           // "app=web,tier in (api,front)"
 */
export class Selector {
  private constructor(
    private readonly requirementList: readonly Requirement[],
    /** Kubernetes' Nothing(): the selector of an object that has none matches no label set. */
    private readonly matchesNothing: boolean,
  ) {}

  /** The empty selector: matches every label set. */
  static everything(): Selector {
    return new Selector([], false);
  }

  /** Matches no label set, not even an empty one. */
  static nothing(): Selector {
    return new Selector([], true);
  }

  /** A selector of requirements already checked (see `newRequirement`). */
  static of(requirements: readonly Requirement[]): Selector {
    const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return new Selector(sorted, false);
  }

  /** Whether every requirement holds for the label set. */
  matches(labels: Readonly<Record<string, string>>): boolean {
    if (this.matchesNothing) return false;
    return this.requirementList.every((requirement) => requirementMatches(requirement, labels));
  }

  /** True for the selector that matches everything (no requirements). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirementList.length === 0;
  }

  /** The requirements, sorted by key. */
  requirements(): readonly Requirement[] {
    return this.requirementList;
  }

  /**
   * The canonical selector string: requirements by key, values sorted,
   * joined by ",". Empty for everything and, as in Kubernetes, for nothing.
   */
  toString(): string {
    return this.requirementList.map(requirementToString).join(",");
  }
}

/** A selector of `key=value` for every label of the set (Kubernetes' SelectorFromValidatedSet: not checked again). */
export function selectorFromSet(labels: Readonly<Record<string, string>>): Selector {
  return Selector.of(Object.entries(labels).map(([key, value]) => ({ key, operator: "=", values: [value] })));
}
