import { stringify } from "yaml";
import type { ApiObject } from "../../client/rest/rest-client.js";

/**
 * Objects as kubectl prints them with `-o json`, `-o yaml` and `-o name`.
 * kubectl goes through Go maps, so keys come out sorted; its JSON is
 * indented by four spaces with HTML characters escaped, its YAML is
 * go-yaml's (YAML 1.1 quoting, so `"yes"`, `"123"` and timestamps stay
 * strings; sequences not indented under their key).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sortedKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === "object") {
    const sorted: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) sorted[key] = sortedKeys(field);
    }
    return sorted;
  }
  return value as Json;
}

/** `-o json`: Go's json.MarshalIndent with four spaces, then a newline. */
export function formatJson(object: unknown): string {
  const text = JSON.stringify(sortedKeys(object), null, 4);
  // Go escapes these inside strings; outside strings JSON never has them.
  const escaped = text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${escaped}\n`;
}

/** `-o yaml`: one document. */
export function formatYaml(object: unknown): string {
  return stringify(sortedKeys(object), { version: "1.1", indentSeq: false, lineWidth: 0 });
}

/** `-o name`: `pod/web-1`, `deployment.apps/hello`. */
export function formatName(kind: { kind: string; group: string }, name: string): string {
  return `${qualifiedKind(kind)}/${name}`;
}

/** The lower-case kind with its group, as kubectl names a type in messages: `deployment.apps`, `pod`. */
export function qualifiedKind(kind: { kind: string; group: string }): string {
  return `${kind.kind.toLowerCase()}${kind.group ? `.${kind.group}` : ""}`;
}

/** The `List` kubectl prints for several objects (or for a whole collection). */
export function asList(items: readonly ApiObject[]): ApiObject {
  return { apiVersion: "v1", kind: "List", items: [...items], metadata: { resourceVersion: "" } };
}
