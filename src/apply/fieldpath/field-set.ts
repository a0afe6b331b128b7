import { compareElements, serializeElement, type FieldPath, type PathElement } from "./path-element.js";

interface Child {
  readonly element: PathElement;
  readonly set: FieldSet;
}

/**
 * A set of field paths, kept as a trie the way structured-merge-diff keeps
 * one: at each level the elements that are members themselves, and the
 * elements under which deeper paths are members. A path can be both (a list
 * item owned as a whole and field by field), which FieldsV1 writes as `.`.
 *
 * `insert` changes the set; every other operation returns a new one.
 */
export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, Child>();

  /** A set holding `paths`. */
  static of(...paths: FieldPath[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  insert(path: FieldPath): void {
    let node: FieldSet = this;
    path.forEach((element, i) => {
      const key = serializeElement(element);
      if (i === path.length - 1) {
        node.members.set(key, element);
        return;
      }
      let child = node.children.get(key);
      if (child === undefined) {
        child = { element, set: new FieldSet() };
        node.children.set(key, child);
      }
      node = child.set;
    });
  }

  /** Whether `path` itself is a member (not merely a prefix of one). */
  has(path: FieldPath): boolean {
    let node: FieldSet | undefined = this;
    for (const [i, element] of path.entries()) {
      const key = serializeElement(element);
      if (i === path.length - 1) return node.members.has(key);
      node = node.children.get(key)?.set;
      if (node === undefined) return false;
    }
    return false;
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const child of this.children.values()) if (!child.set.isEmpty()) return false;
    return true;
  }

  /** Whether the element with this serialized key is a member at this level. */
  hasMember(key: string): boolean {
    return this.members.has(key);
  }

  /** The paths under the element with this serialized key, relative to it. */
  childSet(key: string): FieldSet | undefined {
    return this.children.get(key)?.set;
  }

  /** Members at this level, in structured-merge-diff's order. */
  memberElements(): PathElement[] {
    return [...this.members.values()].sort(compareElements);
  }

  /** Non-empty subtrees at this level, in structured-merge-diff's order. */
  childEntries(): Array<{ element: PathElement; set: FieldSet }> {
    return [...this.children.values()].filter((c) => !c.set.isEmpty()).sort((a, b) => compareElements(a.element, b.element));
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, (a, b) => a || b, (a, b) => (a && b ? a.union(b) : (a ?? b)));
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, (a, b) => a && !b, (a, b) => (a && b ? a.difference(b) : a));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, (a, b) => a && b, (a, b) => (a && b ? a.intersection(b) : undefined));
  }

  /** This set without every path that is, or lies under, a member of `other`. */
  recursiveDifference(other: FieldSet): FieldSet {
    const result = new FieldSet();
    for (const [key, element] of this.members) if (!other.members.has(key)) result.members.set(key, element);
    for (const [key, child] of this.children) {
      if (other.members.has(key)) continue;
      const below = other.children.get(key);
      const rest = below === undefined ? child.set : child.set.recursiveDifference(below.set);
      if (!rest.isEmpty()) result.children.set(key, { element: child.element, set: rest });
    }
    return result;
  }

  /** Every member path, in structured-merge-diff's order. */
  paths(prefix: FieldPath = []): FieldPath[] {
    const elements = new Map<string, PathElement>(this.members);
    for (const { element } of this.childEntries()) elements.set(serializeElement(element), element);
    const all: FieldPath[] = [];
    for (const element of [...elements.values()].sort(compareElements)) {
      const key = serializeElement(element);
      const path = [...prefix, element];
      if (this.members.has(key)) all.push(path);
      const child = this.children.get(key);
      if (child !== undefined) all.push(...child.set.paths(path));
    }
    return all;
  }

  private static combine(
    a: FieldSet,
    b: FieldSet,
    keepMember: (inA: boolean, inB: boolean) => boolean,
    combineChildren: (a: FieldSet | undefined, b: FieldSet | undefined) => FieldSet | undefined,
  ): FieldSet {
    const result = new FieldSet();
    for (const [key, element] of [...a.members, ...b.members]) {
      if (keepMember(a.members.has(key), b.members.has(key))) result.members.set(key, element);
    }
    for (const [key, child] of [...a.children, ...b.children]) {
      if (result.children.has(key)) continue;
      const set = combineChildren(a.children.get(key)?.set, b.children.get(key)?.set);
      if (set !== undefined && !set.isEmpty()) result.children.set(key, { element: child.element, set });
    }
    return result;
  }
}
