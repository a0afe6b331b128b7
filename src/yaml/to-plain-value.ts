import { isAlias, isMap, isScalar, isSeq, type Alias, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { mapKeyText } from "./map-key.js";
import { resolveScalar } from "./scalar.js";
import type { SourceNode, SourcePosition } from "./source-map.js";

/** Deepest nesting of collections a document may have (CST and values alike). */
export const maxNesting = 200;
/** Most values that aliases may expand into in one document ("billion laughs"). */
const maxAliasExpansion = 100_000;

/** A problem in the document's content, at a character offset of the source text. */
export interface ContentError {
  offset: number;
  message: string;
}

/** A value converted from YAML, and where each part of it was written. */
export interface PlainValue {
  value: unknown;
  source: SourceNode;
}

/** Sets a key even when it is `__proto__`, which plain assignment would not. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const yamlMergeTag = "tag:yaml.org,2002:merge";

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || key.source !== "<<") return false;
  return key.tag === yamlMergeTag || (key.tag === undefined && key.type === "PLAIN");
}

/**
 * Turns one parsed YAML document (composed with the failsafe schema, so every
 * scalar still holds its text) into a JSON-compatible value, resolving scalars
 * as Kubernetes does (see scalar.ts), expanding aliases and `<<` merges, and
 * rejecting what JSON cannot hold: duplicate keys, null or collection keys,
 * NaN and infinities, integers beyond 2^53. Never throws.
 */
class PlainValueBuilder {
  readonly errors: ContentError[] = [];
  private readonly anchors = new Map<string, unknown>();
  private readonly converting = new Set<unknown>();
  private aliasDepth = 0;
  private aliasExpansion = 0;
  private exhausted = false;

  constructor(private readonly position: (offset: number) => SourcePosition) {}

  convert(node: unknown, fallbackOffset: number, depth: number): PlainValue {
    const offset = this.offsetOf(node, fallbackOffset);
    const placeholder: PlainValue = { value: null, source: { position: this.position(offset) } };
    if (this.exhausted) return placeholder;
    if (depth > maxNesting) {
      this.exhausted = true;
      return this.fail(placeholder, offset, `nested deeper than ${maxNesting} levels`);
    }
    if (this.aliasDepth > 0 && ++this.aliasExpansion > maxAliasExpansion) {
      this.exhausted = true;
      return this.fail(placeholder, offset, `aliases expand to more than ${maxAliasExpansion} values`);
    }
    if (isAlias(node)) return this.convertAlias(node, offset, depth);
    const anchor = (isScalar(node) || isMap(node) || isSeq(node)) && this.aliasDepth === 0 ? node.anchor : undefined;
    if (anchor !== undefined) this.anchors.set(anchor, node);
    this.converting.add(node);
    try {
      if (isScalar(node)) return this.convertScalar(node, placeholder, offset);
      if (isMap(node)) return this.convertMap(node, placeholder, depth);
      if (isSeq(node)) return this.convertSeq(node, placeholder, depth);
      if (node === null || node === undefined) return placeholder; // `key:` with nothing after it
      return this.fail(placeholder, offset, "unsupported YAML node");
    } finally {
      this.converting.delete(node);
    }
  }

  private offsetOf(node: unknown, fallback: number): number {
    const range = isAlias(node) || isScalar(node) || isMap(node) || isSeq(node) ? node.range : undefined;
    return range?.[0] ?? fallback;
  }

  private fail(placeholder: PlainValue, offset: number, message: string): PlainValue {
    this.errors.push({ offset, message });
    return placeholder;
  }

  private convertAlias(alias: Alias, offset: number, depth: number): PlainValue {
    const target = this.anchors.get(alias.source);
    const placeholder: PlainValue = { value: null, source: { position: this.position(offset) } };
    if (target === undefined) return this.fail(placeholder, offset, `unknown anchor "${alias.source}" referenced`);
    if (this.converting.has(target)) {
      return this.fail(placeholder, offset, `anchor "${alias.source}" value contains itself`);
    }
    this.aliasDepth++;
    try {
      return this.convert(target, offset, depth);
    } finally {
      this.aliasDepth--;
    }
  }

  private convertScalar(scalar: Scalar, placeholder: PlainValue, offset: number): PlainValue {
    const text = scalar.source ?? String(scalar.value);
    const resolved = resolveScalar(text, scalar.tag, scalar.type === "PLAIN");
    switch (resolved.kind) {
      case "tag-error":
        return this.fail(placeholder, offset, resolved.message);
      case "string":
      case "bool":
        return { ...placeholder, value: resolved.value };
      case "null":
        return placeholder;
      case "int":
        if (resolved.value > BigInt(Number.MAX_SAFE_INTEGER) || resolved.value < BigInt(Number.MIN_SAFE_INTEGER)) {
          return this.fail(placeholder, offset, `integer ${text} is too large to hold exactly (quote it to make it a string)`);
        }
        return { ...placeholder, value: Number(resolved.value) };
      case "float":
        if (!Number.isFinite(resolved.value)) return this.fail(placeholder, offset, `${text} is not a valid JSON number`);
        return { ...placeholder, value: resolved.value };
    }
  }

  /** The JSON key of a mapping key node, or undefined (with an error) when it has none. */
  private keyText(key: unknown, offset: number): string | undefined {
    const node = isAlias(key) ? this.anchors.get(key.source) : key;
    if (isMap(node) || isSeq(node)) {
      this.errors.push({ offset, message: `${isMap(node) ? "a mapping" : "a sequence"} cannot be a mapping key` });
      return undefined;
    }
    if (!isScalar(node)) {
      this.errors.push({ offset, message: isAlias(key) ? `unknown anchor "${key.source}" referenced` : "empty mapping key" });
      return undefined;
    }
    const resolved = resolveScalar(node.source ?? String(node.value), node.tag, node.type === "PLAIN");
    if (resolved.kind === "tag-error") {
      this.errors.push({ offset, message: resolved.message });
      return undefined;
    }
    const text = mapKeyText(resolved);
    if (text === undefined) this.errors.push({ offset, message: "a null mapping key has no JSON form" });
    return text;
  }

  private convertMap(map: YAMLMap, placeholder: PlainValue, depth: number): PlainValue {
    const value: Record<string, unknown> = {};
    const entries = new Map<string, SourceNode>();
    const explicitKeys = new Map<string, number>();
    const mapOffset = map.range?.[0] ?? 0;
    for (const pair of map.items) {
      const keyOffset = this.offsetOf(pair.key, mapOffset);
      if (isMergeKey(pair.key)) {
        this.merge(pair.value, keyOffset, value, entries, depth);
        continue;
      }
      const key = this.keyText(pair.key, keyOffset);
      if (key === undefined) continue;
      const earlier = explicitKeys.get(key);
      if (earlier !== undefined) {
        const line = this.position(earlier).line;
        this.errors.push({ offset: keyOffset, message: `mapping key ${JSON.stringify(key)} already defined at line ${line}` });
        continue;
      }
      explicitKeys.set(key, keyOffset);
      const child = this.convert(pair.value, keyOffset, depth + 1);
      setOwn(value, key, child.value);
      entries.set(key, { ...child.source, position: this.position(keyOffset) });
    }
    return { value, source: { position: placeholder.source.position, entries } };
  }

  /**
   * `<<: *base` or `<<: [*a, *b]`, as go-yaml v2 merges: the merged keys are
   * set where the `<<` stands (later explicit keys override them), and in a
   * sequence earlier mappings win.
   */
  private merge(
    node: unknown,
    offset: number,
    value: Record<string, unknown>,
    entries: Map<string, SourceNode>,
    depth: number,
  ): void {
    const sources = isSeq(node) ? [...node.items].reverse() : [node];
    for (const source of sources) {
      const target = isAlias(source) ? this.anchors.get(source.source) : source;
      const sourceOffset = this.offsetOf(source, offset);
      if (target !== undefined && !isMap(target)) {
        this.errors.push({ offset: sourceOffset, message: "a merge (<<) takes a mapping or a sequence of mappings" });
        continue;
      }
      const merged = this.convert(source, sourceOffset, depth + 1);
      if (typeof merged.value !== "object" || merged.value === null) continue;
      for (const [key, mergedValue] of Object.entries(merged.value)) {
        setOwn(value, key, mergedValue);
        const entry = merged.source.entries?.get(key);
        if (entry) entries.set(key, entry);
      }
    }
  }

  private convertSeq(seq: YAMLSeq, placeholder: PlainValue, depth: number): PlainValue {
    const seqOffset = seq.range?.[0] ?? 0;
    const converted = seq.items.map((item) => this.convert(item, seqOffset, depth + 1));
    return {
      value: converted.map((c) => c.value),
      source: { position: placeholder.source.position, items: converted.map((c) => c.source) },
    };
  }
}

/**
 * Converts a parsed document's contents into a plain JSON-compatible value and
 * its source map. `position` maps a character offset to a line and column.
 * The value is meaningful only when `errors` is empty.
 */
export function toPlainValue(
  contents: unknown,
  position: (offset: number) => SourcePosition,
): PlainValue & { errors: ContentError[] } {
  const builder = new PlainValueBuilder(position);
  const result = builder.convert(contents, 0, 0);
  return { ...result, errors: builder.errors };
}
