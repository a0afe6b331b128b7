import { parseDocument } from "yaml";
import type { z } from "zod";
import { formatFieldError, invalid, required } from "../api/validation/field-error.js";
import { FieldPath } from "../api/validation/field-path.js";
import { KubeconfigError } from "./errors.js";
import { kubeconfigSchema, type Kubeconfig } from "./schema.js";

function fieldPath(segments: readonly PropertyKey[]): FieldPath | undefined {
  let path: FieldPath | undefined;
  for (const segment of segments) {
    if (typeof segment === "number") path = path?.index(segment) ?? FieldPath.root(`[${segment}]`);
    else path = path?.child(String(segment)) ?? FieldPath.root(String(segment));
  }
  return path;
}

// Bad values are never shown: a kubeconfig holds tokens and keys.
function cause(issue: z.core.$ZodIssue): string {
  const path = fieldPath(issue.path) ?? "<root>";
  if (issue.code === "invalid_type" && issue.input === undefined) return formatFieldError(required(path));
  return formatFieldError(invalid(path, undefined, issue.message.replace(/^Invalid input: /, "")));
}

/**
 * Parses kubeconfig text (YAML or JSON) read from `source`. An empty file is
 * an empty kubeconfig, as for kubectl.
 *
 * @throws KubeconfigError naming `source`, with one cause per bad field.
 * @example
 * parseKubeconfig(await readFile(path, "utf8"), path).contexts[0]?.name
 */
export function parseKubeconfig(text: string, source: string): Kubeconfig {
  const document = parseDocument(text, { prettyErrors: true });
  const yamlError = document.errors[0];
  if (yamlError) throw new KubeconfigError(source, `is not valid YAML: ${yamlError.message}`);
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new KubeconfigError(source, "is not a kubeconfig: expected a mapping with clusters, users and contexts");
  }
  const parsed = kubeconfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new KubeconfigError(source, "is not a valid kubeconfig:", parsed.error.issues.map(cause));
  return parsed.data;
}
