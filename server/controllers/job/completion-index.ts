import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** Where an Indexed Job's pod carries its index (annotation and label), as Kubernetes names it. */
export const completionIndexKey = "batch.kubernetes.io/job-completion-index";
/** The environment variable a pod reads its index from. */
export const completionIndexEnv = "JOB_COMPLETION_INDEX";

/** The pod's completion index, or undefined when it has none that is usable. */
export function completionIndexOf(pod: ApiObject): number | undefined {
  const annotations = pod.metadata?.annotations;
  const value = typeof annotations === "object" && annotations !== null ? (annotations as Record<string, unknown>)[completionIndexKey] : undefined;
  if (typeof value !== "string" || !/^(0|[1-9][0-9]*)$/.test(value)) return undefined;
  const index = Number(value);
  return Number.isSafeInteger(index) ? index : undefined;
}

/** Reads status.completedIndexes ("1,3-5,7"); malformed parts are skipped. */
export function parseIndexes(text: string | undefined, limit: number): Set<number> {
  const indexes = new Set<number>();
  for (const part of (text ?? "").split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (match === null) continue;
    const first = Number(match[1]);
    const last = Math.min(match[2] === undefined ? first : Number(match[2]), limit - 1);
    for (let index = first; index <= last; index++) indexes.add(index);
  }
  return indexes;
}

/** Writes indexes as Kubernetes does in status.completedIndexes: ascending, runs as ranges ("1,3-5,7"). */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

interface ContainerLike {
  env?: Array<Record<string, unknown>>;
}

/**
 * Makes a pod the one for `index` of an Indexed Job, as Kubernetes does:
 * the index as annotation and label, `JOB-NAME-INDEX-` as generateName, the
 * hostname `JOB-NAME-INDEX` unless the template sets one, and
 * JOB_COMPLETION_INDEX in every container from the annotation.
 */
export function assignIndex(pod: ApiObject, jobName: string, index: number): void {
  const metadata = (pod.metadata ??= {});
  metadata.generateName = `${jobName}-${index}-`;
  metadata.annotations = { ...(metadata.annotations as Record<string, string> | undefined), [completionIndexKey]: String(index) };
  metadata.labels = { ...(metadata.labels as Record<string, string> | undefined), [completionIndexKey]: String(index) };
  const spec = (typeof pod.spec === "object" && pod.spec !== null ? pod.spec : {}) as Record<string, unknown>;
  pod.spec = spec;
  if (typeof spec.hostname !== "string" || spec.hostname === "") spec.hostname = `${jobName}-${index}`;
  const fromAnnotation = { name: completionIndexEnv, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${completionIndexKey}']` } } };
  for (const field of ["initContainers", "containers"]) {
    const containers = spec[field];
    if (!Array.isArray(containers)) continue;
    for (const container of containers as ContainerLike[]) {
      const env = (container.env ?? []).filter((variable) => variable.name !== completionIndexEnv);
      container.env = [...env, structuredClone(fromAnnotation)];
    }
  }
}
