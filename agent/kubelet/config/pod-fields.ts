import type { ObjectFieldSelector } from "../../../src/api/core/v1/env.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { isQualifiedName } from "../../../src/api/validation/names.js";

/** The addresses a pod's fields resolve to at the time its container is made. */
export interface PodAddresses {
  podIPs: string[];
  hostIPs: string[];
}

/** A field the kubelet cannot resolve; the message is the kubelet's. */
export class PodFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PodFieldError";
  }
}

/**
 * The value of an env var's `fieldRef`: the node- and address-dependent
 * fields first, then the pod's metadata (`podMetadataField`). Lists (IPs)
 * are joined with commas, as the kubelet does.
 */
export function podFieldValue(pod: Pod, selector: ObjectFieldSelector, addresses: PodAddresses): string {
  const version = selector.apiVersion || "v1";
  if (version !== "v1") throw new PodFieldError(`unsupported pod version: ${version}`);
  switch (selector.fieldPath) {
    case "spec.nodeName":
      return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec.serviceAccountName ?? "";
    case "status.hostIP":
      return addresses.hostIPs[0] ?? "";
    case "status.hostIPs":
      return addresses.hostIPs.join(",");
    case "status.podIP":
      return addresses.podIPs[0] ?? "";
    case "status.podIPs":
      return addresses.podIPs.join(",");
    default:
      return podMetadataField(pod, selector.fieldPath);
  }
}

/**
 * The metadata fields both env vars and downward API files may hold:
 * name, namespace, uid, all labels or annotations (`key="value"` lines,
 * sorted), or one of them (`metadata.labels['app']`, empty when absent).
 */
export function podMetadataField(pod: Pod, fieldPath: string): string {
  const subscripted = splitSubscript(fieldPath);
  if (subscripted) {
    const { path, key } = subscripted;
    if (path === "metadata.annotations" || path === "metadata.labels") {
      // Annotation keys are case-insensitive qualified names, label keys are not.
      const errors = isQualifiedName(path === "metadata.annotations" ? key.toLowerCase() : key);
      if (errors.length > 0) throw new PodFieldError(`invalid key subscript in ${fieldPath}: ${errors.join(";")}`);
      const map = path === "metadata.annotations" ? pod.metadata.annotations : pod.metadata.labels;
      return map !== undefined && Object.hasOwn(map, key) ? (map[key] ?? "") : "";
    }
    throw new PodFieldError(`fieldPath "${fieldPath}" does not support subscript`);
  }
  switch (fieldPath) {
    case "metadata.annotations":
      return formatMap(pod.metadata.annotations ?? {});
    case "metadata.labels":
      return formatMap(pod.metadata.labels ?? {});
    case "metadata.name":
      return pod.metadata.name ?? "";
    case "metadata.namespace":
      return pod.metadata.namespace ?? "";
    case "metadata.uid":
      return pod.metadata.uid ?? "";
    default:
      throw new PodFieldError(`unsupported fieldPath: ${fieldPath}`);
  }
}

/** `metadata.labels['app']` → { path: "metadata.labels", key: "app" }. */
function splitSubscript(fieldPath: string): { path: string; key: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const open = fieldPath.indexOf("['");
  if (open <= 0 || open + 2 > fieldPath.length - 2) return undefined;
  return { path: fieldPath.slice(0, open), key: fieldPath.slice(open + 2, -2) };
}

/** One `key="value"` line per entry, keys sorted, values quoted as Go's %q quotes them. */
export function formatMap(map: Readonly<Record<string, string>>): string {
  return Object.keys(map)
    .sort()
    .map((key) => `${key}=${goQuote(map[key] ?? "")}`)
    .join("\n");
}

const shortEscapes: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** A double-quoted string with Go's escapes: printable characters kept, others as \x, \u or \U. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const short = shortEscapes[char];
    if (short !== undefined) out += short;
    else if (printable.test(char)) out += char;
    else {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) out += `\\x${code.toString(16).padStart(2, "0")}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
      else out += `\\U${code.toString(16).padStart(8, "0")}`;
    }
  }
  return `${out}"`;
}
