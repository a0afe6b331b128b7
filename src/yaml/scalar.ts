/**
 * How a YAML scalar becomes a value, the way Kubernetes reads it.
 *
 * kubectl and the apiserver turn YAML into JSON with sigs.k8s.io/yaml, which
 * decodes with go-yaml v2 into untyped values. go-yaml v2 resolves plain
 * (unquoted) scalars with YAML 1.1 rules, not YAML 1.2's core schema:
 *
 * - `yes`/`no`, `on`/`off`, `y`/`n` (and their `Yes`/`YES` forms) are booleans;
 * - `0644` is octal (420), as are `0o644`; `0x1F` is hex, `0b101` binary, and
 *   `_` between digits is ignored (`1_000` is 1000);
 * - `~`, `null`, `Null`, `NULL` and an empty value are null;
 * - a timestamp such as `2024-01-02` stays a string;
 * - sexagesimal `1:30` is NOT a number (go-yaml never supported it), so it is a
 *   string, unlike in YAML 1.1 parsers such as PyYAML.
 *
 * We follow go-yaml v2 so that a manifest means here exactly what it means to
 * Kubernetes: `defaultMode: 0644` is 420 in both, and `value: yes` is the
 * boolean true in both (which the model then rejects for a string field, as the
 * apiserver does). Quoted and block scalars are always strings.
 */

/** The typed value of one scalar, before it is made a JSON value or a map key. */
export type ScalarValue =
  | { kind: "string"; value: string }
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: bigint }
  | { kind: "float"; value: number };

/** A scalar whose tag cannot be honoured, e.g. `!!int abc`. */
export interface ScalarTagError {
  kind: "tag-error";
  message: string;
}

const boolWords = new Map<string, boolean>([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((w) => [w, true] as const),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((w) => [w, false] as const),
]);
const nullWords = new Set(["", "~", "null", "Null", "NULL"]);
const specialFloats = new Map<string, number>([
  ...[".nan", ".NaN", ".NAN"].map((w) => [w, Number.NaN] as const),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((w) => [w, Number.POSITIVE_INFINITY] as const),
  ...["-.inf", "-.Inf", "-.INF"].map((w) => [w, Number.NEGATIVE_INFINITY] as const),
]);

// The float syntax go-yaml v2 accepts for scalars that start with a digit or sign.
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// Go's ParseFloat for scalars that start with ".", restricted to what can start so.
const dotFloat = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

const digitsOf: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const bigintPrefix: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };

/** Go's strconv.ParseUint(s, 0, 64): base from the prefix, a lone leading 0 means octal. */
function parseGoUint(s: string): bigint | undefined {
  if (s === "0") return 0n;
  let base = 10;
  let digits = s;
  if (s[0] === "0") {
    const marker = s.length >= 3 ? s[1]?.toLowerCase() : undefined;
    if (marker === "b") [base, digits] = [2, s.slice(2)];
    else if (marker === "o") [base, digits] = [8, s.slice(2)];
    else if (marker === "x") [base, digits] = [16, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
  }
  if (!digitsOf[base]?.test(digits)) return undefined;
  const value = BigInt(`${bigintPrefix[base]}${digits}`);
  return value <= uint64Max ? value : undefined;
}

/** Go's strconv.ParseInt(s, 0, 64). */
function parseGoInt(s: string): bigint | undefined {
  const sign = s[0] === "-" ? -1n : 1n;
  const unsigned = parseGoUint(s[0] === "-" || s[0] === "+" ? s.slice(1) : s);
  if (unsigned === undefined) return undefined;
  const value = sign * unsigned;
  return value >= int64Min && value <= int64Max ? value : undefined;
}

/** A scalar that starts with a digit or a sign: an integer, a float, or else a string. */
function resolveNumeric(text: string): ScalarValue {
  const plain = text.replaceAll("_", "");
  const int = parseGoInt(plain) ?? parseGoUint(plain);
  if (int !== undefined) return { kind: "int", value: int };
  if (yamlStyleFloat.test(plain)) {
    const float = Number(plain);
    // Go's ParseFloat fails on overflow, and go-yaml then keeps the string.
    if (Number.isFinite(float)) return { kind: "float", value: float };
  }
  return { kind: "string", value: text };
}

/** Resolves a plain (unquoted, untagged) scalar as go-yaml v2 does. */
export function resolvePlainScalar(text: string): ScalarValue {
  if (nullWords.has(text)) return { kind: "null" };
  const bool = boolWords.get(text);
  if (bool !== undefined) return { kind: "bool", value: bool };
  const special = specialFloats.get(text);
  if (special !== undefined) return { kind: "float", value: special };
  const first = text[0] ?? "";
  if (first === ".") {
    return dotFloat.test(text) ? { kind: "float", value: Number(text) } : { kind: "string", value: text };
  }
  if (/[-+0-9]/.test(first)) return resolveNumeric(text);
  return { kind: "string", value: text };
}

const yamlTagPrefix = "tag:yaml.org,2002:";

/** `tag:yaml.org,2002:int` → `!!int`, as go-yaml words tags in its messages. */
export function shortTag(tag: string): string {
  return tag.startsWith(yamlTagPrefix) ? `!!${tag.slice(yamlTagPrefix.length)}` : tag;
}

function kindTag(value: ScalarValue): string {
  return value.kind === "string" ? "!!str" : `!!${value.kind}`;
}

/**
 * Resolves a scalar given its tag (as written, expanded: `tag:yaml.org,2002:int`,
 * `!local`, `!`) and whether it was plain. Without a tag, plain scalars are
 * resolved and all others are strings. `!!str` (and the non-specific `!`) make
 * a string; `!!int`, `!!float`, `!!bool`, `!!null` resolve the text and insist
 * on that type (an int is accepted as a float); tags skiff does not know leave
 * the text a string, as go-yaml does. `!!binary` is refused: go-yaml would
 * decode it to raw bytes, which no Kubernetes field wants (a Secret's `data`
 * takes the base64 text itself, untagged).
 */
export function resolveScalar(text: string, tag: string | undefined, plain: boolean): ScalarValue | ScalarTagError {
  if (tag === undefined) return plain ? resolvePlainScalar(text) : { kind: "string", value: text };
  const wanted = shortTag(tag);
  if (wanted === "!!binary") {
    return { kind: "tag-error", message: "!!binary is not supported: write the base64 text without the tag" };
  }
  if (wanted !== "!!int" && wanted !== "!!float" && wanted !== "!!bool" && wanted !== "!!null") {
    return { kind: "string", value: text };
  }
  const resolved = resolvePlainScalar(text);
  if (wanted === "!!float" && resolved.kind === "int") return { kind: "float", value: Number(resolved.value) };
  if (kindTag(resolved) === wanted) return resolved;
  return { kind: "tag-error", message: `cannot decode ${kindTag(resolved)} ${JSON.stringify(text)} as a ${wanted}` };
}
