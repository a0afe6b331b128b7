/**
 * Mutations of JSON values for the fuzz test: wrong types, nulls, huge and
 * odd strings, huge arrays, deep nesting, extreme numbers. Every choice
 * comes from the seeded `random`, so a seed replays the same values.
 */
export type Random = () => number;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const intBelow = (random: Random, n: number): number => Math.floor(random() * n);

const oddStrings = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\b\f\n\r\t\u001b[31m",
  "\u202e\u200b\ufeff",
  "\ud800",
  "\udfff\ud800",
  "😀".repeat(50),
  "Ω≈ç√∫˜µ≤≥÷",
  "../../etc/passwd",
  "%2F%2e%2e",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "__proto__",
  "constructor",
  "-1",
  "1e309",
  "NaN",
  "true",
  "null",
  "a".repeat(254),
  "A_B",
];

const numbers = [-1, 0, 1.5, -2147483649, 2147483648, 9007199254740993, -9007199254740993, 1e308, -1e308, 5e-324, 2 ** 63];

/** A value of some other type than `value`, or an extreme one of its own. */
export function wrongValue(random: Random, value: Json | undefined): Json {
  const choices: Array<() => Json> = [
    () => null,
    () => pick(random, [true, false]),
    () => pick(random, numbers),
    () => pick(random, oddStrings),
    () => [],
    () => ({}),
    () => [pick(random, oddStrings), pick(random, numbers), null],
    () => ({ [pick(random, oddStrings)]: pick(random, oddStrings) }),
    // Large, not huge: the huge-bodies category covers the limit, and accepted objects are listed again.
    () => "x".repeat(1 + intBelow(random, 8_000)),
    () => Array.from({ length: 1 + intBelow(random, 2_000) }, (_, i) => (random() < 0.5 ? i : `v${i}`)),
    () => deepNesting(random, 10 + intBelow(random, 500)),
    () => (typeof value === "string" ? `${value}${pick(random, oddStrings)}` : pick(random, oddStrings)),
    () => (typeof value === "number" ? -value - 1 : pick(random, numbers)),
    () => (Array.isArray(value) ? [...value, ...value, null] : [value ?? null]),
  ];
  return pick(random, choices)();
}

/** `[[[...]]]` or `{"a":{"a":...}}`, `depth` levels down. */
export function deepNesting(random: Random, depth: number): Json {
  const asArrays = random() < 0.5;
  let value: Json = "bottom";
  for (let i = 0; i < depth; i++) value = asArrays ? [value] : { a: value };
  return value;
}

/** The paths (keys and indexes) of every value in a document, for choosing what to mutate. */
export function pathsOf(value: Json, prefix: Array<string | number> = [], into: Array<Array<string | number>> = []): Array<Array<string | number>> {
  into.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], into));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], into);
  return into;
}

function getAt(value: Json, path: Array<string | number>): Json | undefined {
  let current: Json | undefined = value;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = Array.isArray(current) ? current[step as number] : current[step as string];
  }
  return current;
}

/** A copy of `document` with `count` values replaced by wrong ones (sometimes a key added or removed instead). */
export function mutateDocument(random: Random, document: Json, count: number): Json {
  let copy = structuredClone(document);
  for (let i = 0; i < count; i++) {
    const paths = pathsOf(copy);
    const path = pick(random, paths);
    const replacement = wrongValue(random, getAt(copy, path));
    if (path.length === 0) {
      copy = replacement;
      continue;
    }
    const parent = getAt(copy, path.slice(0, -1));
    if (parent === null || typeof parent !== "object") continue;
    const last = path[path.length - 1]!;
    if (Array.isArray(parent)) parent[last as number] = replacement;
    else if (random() < 0.15) delete parent[last as string];
    else if (random() < 0.15) parent[pick(random, oddStrings)] = replacement;
    else parent[last as string] = replacement;
  }
  return copy;
}

/** JSON text broken in one of the ways a parser must refuse. */
export function brokenJson(random: Random, text: string): string {
  const cut = intBelow(random, Math.max(1, text.length));
  const breakers: Array<() => string> = [
    () => text.slice(0, cut),
    () => `${text.slice(0, cut)}${pick(random, ["}", "]", ",", ":", '"', "\\", "\u0000", "{{", "NaN", "undefined", "'"])}${text.slice(cut)}`,
    () => text.replace(/"/g, "'"),
    () => `${text},`,
    () => `${text}${text}`,
    () => text.replace(/:/, "="),
    () => `{"a":1,}`,
    () => `[${"[".repeat(intBelow(random, 5000))}`,
    () => "\ufeff" + text.slice(0, cut),
    () => Buffer.from(text).toString("base64"),
    () => String.fromCharCode(...Array.from({ length: 64 }, () => intBelow(random, 256))),
  ];
  return pick(random, breakers)();
}

/** YAML text that must be refused (or at least not hurt): bad indentation, tabs, alias bombs, duplicate keys. */
export function brokenYaml(random: Random): string {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
  const documents = [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   namespace: y\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n",
    `${bomb.join("\n")}\n`,
    "a: *undefined\n",
    "!!binary |\n  R0lGODlhDAAMAIQAAP//9/X\n",
    "key: !!python/object/apply:os.system ['ls']\n",
    "- a\nb: c\n",
    "'unclosed\n",
    "---\n---\n...\n---\napiVersion: [\n",
    "%YAML 9.9\n---\na: 1\n",
    "a: " + "[".repeat(intBelow(random, 3000)) + "\n",
    "? [a, b]\n: c\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: !!int 1\n",
    "\u0000\u0001\u0002",
  ];
  return pick(random, documents);
}
