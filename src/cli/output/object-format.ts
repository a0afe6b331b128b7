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

export interface PrintOptions {
  /** kubectl hides `metadata.managedFields` unless `--show-managed-fields`. */
  showManagedFields?: boolean;
}

/** The object (or each item of a List) without `metadata.managedFields`. */
function printable(value: unknown, options: PrintOptions): unknown {
  if (options.showManagedFields || value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...object };
  if (typeof object.metadata === "object" && object.metadata !== null) {
    const { managedFields: _hidden, ...metadata } = object.metadata as Record<string, unknown>;
    copy.metadata = metadata;
  }
  if (Array.isArray(object.items)) copy.items = object.items.map((item) => printable(item, options));
  return copy;
}

/** `-o json`: Go's json.MarshalIndent with four spaces, then a newline. */
export function formatJson(object: unknown, options: PrintOptions = {}): string {
  const text = JSON.stringify(sortedKeys(printable(object, options)), null, 4);
  // Go escapes these inside strings; outside strings JSON never has them.
  const escaped = text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${escaped}\n`;
}

/** `-o yaml`: one document. */
export function formatYaml(object: unknown, options: PrintOptions = {}): string {
  return stringify(sortedKeys(printable(object, options)), { version: "1.1", indentSeq: false, lineWidth: 0 });
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
