import type { ApiObject } from "../../../src/client/rest/rest-client.js";

export const revisionAnnotation = "deployment.kubernetes.io/revision";
export const revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
export const desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
export const maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
const rollbackToAnnotation = "deprecated.deployment.rollback.to";

/** Kubernetes' MaxRevHistoryLengthInChars: the revision-history annotation is kept under this length. */
const maxRevisionHistoryChars = 2000;

const notCopied = new Set([lastAppliedAnnotation, revisionAnnotation, revisionHistoryAnnotation, desiredReplicasAnnotation, maxReplicasAnnotation, rollbackToAnnotation]);

/** The annotations of an object, writable (created when absent). */
export function annotationsOf(object: ApiObject): Record<string, string> {
  const metadata = (object.metadata ??= {});
  if (typeof metadata.annotations !== "object" || metadata.annotations === null) metadata.annotations = {};
  return metadata.annotations as Record<string, string>;
}

const readAnnotations = (object: ApiObject): Readonly<Record<string, string>> => (object.metadata?.annotations ?? {}) as Record<string, string>;

/** The object's revision: 0 when absent or not a number. */
export function revisionOf(object: ApiObject): number {
  const text = readAnnotations(object)[revisionAnnotation];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
}

/** The highest revision among the ReplicaSets (0 for none). */
export const maxRevision = (sets: readonly ApiObject[]): number => sets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);

/** An integer annotation (desired- or max-replicas), if present and valid. */
export function intAnnotation(object: ApiObject, key: string): number | undefined {
  const text = readAnnotations(object)[key];
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Kubernetes' SetNewReplicaSetAnnotations: the Deployment's own annotations
 * (but its bookkeeping and kubectl's last-applied) copied onto the new
 * ReplicaSet, its revision raised to `newRevision` (the old one appended to
 * revision-history: a rollback re-uses a ReplicaSet), and on creation the
 * desired- and max-replicas annotations. Returns true when anything changed.
 */
export function setNewReplicaSetAnnotations(d: ApiObject, rs: ApiObject, newRevision: number, exists: boolean, desired: number, maxTotal: number): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [key, value] of Object.entries(readAnnotations(d))) {
    if (notCopied.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[revisionAnnotation];
  if (oldText !== undefined && oldText !== "" && !/^\d+$/.test(oldText)) return changed;
  const oldRevision = oldText === undefined || oldText === "" ? 0 : Number(oldText);
  if (oldRevision < newRevision) {
    annotations[revisionAnnotation] = String(newRevision);
    changed = true;
    if (oldText !== undefined) appendRevisionHistory(annotations, oldText);
  }
  if (!exists && setReplicasAnnotations(rs, desired, maxTotal)) changed = true;
  return changed;
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[revisionHistoryAnnotation] ?? "";
  if (history === "") {
    annotations[revisionHistoryAnnotation] = oldRevision;
    return;
  }
  const revisions = history.split(",");
  let length = history.length + oldRevision.length + 1;
  let start = 0;
  while (length > maxRevisionHistoryChars && start < revisions.length) {
    length -= (revisions[start]?.length ?? 0) + 1;
    start += 1;
  }
  if (length <= maxRevisionHistoryChars) annotations[revisionHistoryAnnotation] = [...revisions.slice(start), oldRevision].join(",");
}

/** Sets desired- and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ApiObject, desired: number, maxTotal: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, maxTotal)) return false;
  const annotations = annotationsOf(rs);
  annotations[desiredReplicasAnnotation] = String(desired);
  annotations[maxReplicasAnnotation] = String(maxTotal);
  return true;
}

export function replicasAnnotationsNeedUpdate(rs: ApiObject, desired: number, maxTotal: number): boolean {
  const annotations = readAnnotations(rs);
  return annotations[desiredReplicasAnnotation] !== String(desired) || annotations[maxReplicasAnnotation] !== String(maxTotal);
}

/** Kubernetes' SetDeploymentRevision; true when it changed. */
export function setDeploymentRevision(d: ApiObject, revision: string): boolean {
  const annotations = annotationsOf(d);
  if (annotations[revisionAnnotation] === revision) return false;
  annotations[revisionAnnotation] = revision;
  return true;
}
