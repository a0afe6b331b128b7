import type { ObjectReference } from "../../api/core/v1/object-reference.js";

export type EventType = "Normal" | "Warning";

/**
 * Records core/v1 Events about an object, as `kubectl describe` lists them.
 * Fire and forget: recording never throws and never blocks the caller; an
 * event that cannot be written is logged and dropped (events are best effort
 * in Kubernetes too). Repeats of the same (object, type, reason, message)
 * are folded into one Event whose `count` and `lastTimestamp` grow.
 */
export interface EventRecorder {
  /** `involved.fieldPath` names a container, e.g. `spec.containers{web}`. */
  event(involved: ObjectReference, type: EventType, reason: string, message: string): void;
}
