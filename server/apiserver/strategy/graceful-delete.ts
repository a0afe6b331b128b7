import type { Pod } from "../../../src/api/core/v1/pod.js";
import { DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS } from "../../../src/api/core/v1/pod-defaults.js";
import type { ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import { rfc3339 } from "./system-metadata.js";

/**
 * What a DELETE does before anything else, as Kubernetes' BeforeDelete
 * with the pod strategy's CheckGracefulDelete:
 * - `immediate`: not a graceful deletion; the object goes now (or waits for its finalizers);
 * - `mark`: set (or shorten) the deletion timestamp and grace period; the
 *   object stays until its node has stopped it and deletes it with grace 0;
 * - `pending`: it is already being deleted with a grace period no longer than asked: leave it.
 */
export type GracefulDeletion =
  | { kind: "immediate" }
  | { kind: "pending" }
  | { kind: "mark"; deletionTimestamp: string; gracePeriodSeconds: number };

/**
 * Only pods that run somewhere are deleted gracefully: their containers
 * must be stopped first, with SIGTERM and `gracePeriodSeconds` to finish.
 * `requested` is DeleteOptions.gracePeriodSeconds; absent, the pod's
 * spec.terminationGracePeriodSeconds applies. A later DELETE may shorten
 * the grace period but never lengthen it.
 */
export function gracefulDeletion(resource: ServedResource, object: StoredObject, requested: number | undefined, nowMs: number): GracefulDeletion {
  if (resource.group !== "" || resource.resource !== "pods") return { kind: "immediate" };
  const { deletionTimestamp, deletionGracePeriodSeconds } = object.metadata;
  if (deletionTimestamp !== undefined) {
    // Marked without a grace period (by finalizers): nothing graceful is under way.
    if (deletionGracePeriodSeconds === undefined) return { kind: "immediate" };
    if (requested === undefined || requested >= deletionGracePeriodSeconds) return { kind: "pending" };
    const period = Math.max(requested, 0);
    const startedMs = Date.parse(deletionTimestamp) - deletionGracePeriodSeconds * 1000;
    return { kind: "mark", deletionTimestamp: rfc3339(startedMs + period * 1000), gracePeriodSeconds: period };
  }
  const pod = object as unknown as Pod;
  let period = requested ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  // Nothing runs yet, or nothing runs any more: nobody has anything to stop.
  if (!pod.spec.nodeName) period = 0;
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") period = 0;
  // A negative grace period (allowed by old clients) means "as short as possible", not "now".
  if (period < 0) period = 1;
  if (period === 0) return { kind: "immediate" };
  return { kind: "mark", deletionTimestamp: rfc3339(nowMs + period * 1000), gracePeriodSeconds: period };
}
