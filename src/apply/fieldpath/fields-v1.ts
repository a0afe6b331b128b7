import { isJsonObject, maxJsonDepth, setMember, type JsonObject, type JsonValue } from "../../patch/json-value.js";
import { FieldSet } from "./field-set.js";
import { compareElements, FieldsV1Error, parseElement, serializeElement, type FieldPath, type PathElement } from "./path-element.js";

/**
 * The FieldsV1 form of a set, as `metadata.managedFields[].fieldsV1` holds
 * it: a trie of path elements (`f:spec`, `k:{"name":"web"}`, `v:"x"`, `i:0`)
 * whose leaves are `{}`, and `".": {}` where a path with deeper members is a
 * member itself.
 *
 * @example
 * encodeFieldsV1(FieldSet.of([fieldElement("spec"), fieldElement("replicas")]))
 * // { "f:spec": { "f:replicas": {} } }
 */
export function encodeFieldsV1(set: FieldSet): JsonObject {
  return encodeLevel(set, false);
}

function encodeLevel(set: FieldSet, includeSelf: boolean): JsonObject {
  const out: JsonObject = {};
  const members = set.memberElements();
  const children = set.childEntries();
  if (includeSelf && (members.length > 0 || children.length > 0)) out["."] = {};
  const below = new Map(children.map((c) => [serializeElement(c.element), c.set]));
  const elements = new Map<string, PathElement>();
  for (const element of [...members, ...children.map((c) => c.element)]) elements.set(serializeElement(element), element);
  // Members and subtrees interleave in element order, as structured-merge-diff writes them.
  for (const [key] of [...elements].sort(([, a], [, b]) => compareElements(a, b))) {
    const child = below.get(key);
    setMember(out, key, child === undefined ? {} : encodeLevel(child, set.hasMember(key)));
  }
  return out;
}

/**
 * Reads FieldsV1 back into a set. Keys with a prefix this version does not
 * know are skipped, as structured-merge-diff skips them.
 *
 * @throws FieldsV1Error when the content is not FieldsV1.
 */
export function decodeFieldsV1(fields: JsonValue): FieldSet {
  if (!isJsonObject(fields)) throw new FieldsV1Error("fieldsV1 must be a JSON object");
  const set = new FieldSet();
  decodeLevel(fields, [], set, 0);
  return set;
}

/** Inserts the paths under `prefix`; returns whether `prefix` itself is a member. */
function decodeLevel(level: JsonObject, prefix: FieldPath, set: FieldSet, depth: number): boolean {
  if (depth > maxJsonDepth) throw new FieldsV1Error(`fieldsV1 nests deeper than ${maxJsonDepth} levels`);
  let isMember = false;
  let hasChildren = false;
  for (const [key, value] of Object.entries(level)) {
    if (!isJsonObject(value)) throw new FieldsV1Error(`the value of ${JSON.stringify(key)} in fieldsV1 must be a JSON object`);
    if (key === ".") {
      isMember = true;
      continue;
    }
    const element = parseElement(key);
    if (element === undefined) continue;
    hasChildren = true;
    const path = [...prefix, element];
    if (decodeLevel(value, path, set, depth + 1)) set.insert(path);
  }
  return isMember || !hasChildren;
}
