/** A place in a source text; both 1-based, as editors and compilers count. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Where each part of a loaded value was written. It mirrors the value: a
 * mapping has `entries` under the same (converted) keys, a sequence `items`.
 * A map entry's position is its key's; a sequence item's is the item's own
 * start. Values reached through an alias or a merge (`<<`) point where they
 * were written, at the anchor.
 */
export interface SourceNode {
  position: SourcePosition;
  entries?: Map<string, SourceNode>;
  items?: SourceNode[];
}

/** One step of a field path: `.name` or `[key]` (an index or a map key). */
type PathStep = { kind: "field"; name: string } | { kind: "bracket"; key: string };

/**
 * Splits a Kubernetes field path (`spec.containers[0].image`,
 * `metadata.annotations[example.com/a.b]`) into steps. Dots inside brackets
 * belong to the key. A malformed tail (an unclosed bracket) is dropped: the
 * path then locates its last well-formed prefix.
 */
function parseFieldPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let name = "";
  const endName = (): void => {
    if (name !== "") steps.push({ kind: "field", name });
    name = "";
  };
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === ".") {
      endName();
    } else if (c === "[") {
      endName();
      const close = path.indexOf("]", i + 1);
      if (close < 0) return steps;
      steps.push({ kind: "bracket", key: path.slice(i + 1, close) });
      i = close;
    } else {
      name += c;
    }
  }
  endName();
  return steps;
}

function childOf(node: SourceNode, step: PathStep): SourceNode | undefined {
  if (step.kind === "field") return node.entries?.get(step.name);
  if (node.items && /^[0-9]+$/.test(step.key)) return node.items[Number(step.key)];
  return node.entries?.get(step.key);
}

/**
 * The position of the deepest node that exists on `fieldPath`: the field
 * itself when it was written, else its nearest written ancestor (so a missing
 * required field points at the object that lacks it).
 */
export function locate(root: SourceNode, fieldPath: string): SourcePosition {
  let node = root;
  for (const step of parseFieldPath(fieldPath)) {
    const child = childOf(node, step);
    if (!child) break;
    node = child;
  }
  return node.position;
}
