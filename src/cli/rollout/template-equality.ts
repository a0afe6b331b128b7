import { podTemplateHashLabel, type RawPodTemplate } from "./deployment-objects.js";

/**
 * The template without its `pod-template-hash` label (a Deployment's own
 * template never has one); `labels` is left out when that was its only label.
 */
export function withoutHashLabel(template: RawPodTemplate): RawPodTemplate {
  const metadata = template.metadata;
  if (!isRecord(metadata) || !isRecord(metadata.labels) || !(podTemplateHashLabel in metadata.labels)) return template;
  const labels = Object.fromEntries(Object.entries(metadata.labels).filter(([key]) => key !== podTemplateHashLabel));
  const trimmed: Record<string, unknown> = { ...metadata, labels };
  if (Object.keys(labels).length === 0) delete trimmed.labels;
  return { ...template, metadata: trimmed };
}

/**
 * kubectl's equalIgnoreHash: two pod templates are the same but for the
 * `pod-template-hash` label, compared as apimachinery's semantic equality
 * does, for which an absent, null, empty list and empty map are all alike.
 *
 * @example
 * equalIgnoreHash(replicaSet.spec.template, deployment.spec.template); // true when the ReplicaSet runs the Deployment's template
 */
export function equalIgnoreHash(a: RawPodTemplate, b: RawPodTemplate): boolean {
  return semanticEqual(withoutHashLabel(a), withoutHashLabel(b));
}

function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => semanticEqual(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => semanticEqual(a[key], b[key]));
  }
  return a === b;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
