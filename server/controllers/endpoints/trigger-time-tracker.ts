import type { PodObject, ServiceObject } from "./pod-endpoints.js";

/** Annotation on Endpoints and EndpointSlices: when the change that this write reflects happened. */
export const lastChangeTriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";

interface ServiceState {
  podTimes: Map<string, number>;
  serviceTime: number;
}

/**
 * Kubernetes' TriggerTimeTracker: the time of the earliest change a sync of
 * a service reflects, for the `last-change-trigger-time` annotation (what
 * the endpoints-latency SLI is measured from). A pod's change time is its
 * Ready condition's lastTransitionTime, the service's its creation; a
 * service seen for the first time answers its creation time. Undefined
 * when nothing known to have changed since the last sync.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The trigger time of this sync (an RFC 3339 time), remembering what it saw for the next one. */
  compute(serviceKey: string, service: ServiceObject, pods: readonly PodObject[]): string | undefined {
    const previous = this.states.get(serviceKey);
    const podTimes = new Map<string, number>();
    let earliest = Number.POSITIVE_INFINITY;
    for (const pod of pods) {
      const time = podTriggerTime(pod);
      if (time === undefined) continue;
      const name = pod.metadata?.name ?? "";
      podTimes.set(name, time);
      if (time > (previous?.podTimes.get(name) ?? Number.NEGATIVE_INFINITY)) earliest = Math.min(earliest, time);
    }
    const serviceTime = parseTime(service.metadata?.creationTimestamp) ?? 0;
    if (serviceTime > (previous?.serviceTime ?? Number.NEGATIVE_INFINITY)) earliest = Math.min(earliest, serviceTime);
    this.states.set(serviceKey, { podTimes, serviceTime });
    if (previous === undefined) return formatTime(serviceTime);
    return Number.isFinite(earliest) ? formatTime(earliest) : undefined;
  }

  /** Forgets a deleted service. */
  forget(serviceKey: string): void {
    this.states.delete(serviceKey);
  }
}

function podTriggerTime(pod: PodObject): number | undefined {
  const ready = (pod.status?.conditions ?? []).find((condition) => condition.type === "Ready");
  // A pod never reported on has no change to measure from.
  return ready === undefined ? undefined : parseTime(ready.lastTransitionTime);
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** RFC 3339 in UTC, without fractions when there are none (as Go's RFC3339Nano writes it). */
function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}
