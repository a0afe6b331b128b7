import { describe, expect, it } from "vitest";
import type { PodObject, ServiceObject } from "./pod-endpoints.js";
import { TriggerTimeTracker } from "./trigger-time-tracker.js";

const service = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "ns", creationTimestamp: "2026-01-01T00:00:00Z" }, spec: {} } as ServiceObject;
const pod = (name: string, readySince?: string): PodObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [] }, status: readySince ? { conditions: [{ type: "Ready", status: "True", lastTransitionTime: readySince }] } : {} }) as PodObject;

describe("TriggerTimeTracker", () => {
  it("answers the service's creation first, then the earliest change since the last sync, and nothing when nothing changed", () => {
    const tracker = new TriggerTimeTracker();
    expect(tracker.compute("ns/web", service, [pod("a", "2026-01-01T00:01:00Z")])).toBe("2026-01-01T00:00:00Z");
    expect(tracker.compute("ns/web", service, [pod("a", "2026-01-01T00:01:00Z")])).toBeUndefined();
    const changed = [pod("a", "2026-01-01T00:03:00Z"), pod("b", "2026-01-01T00:02:30.5Z"), pod("c")];
    expect(tracker.compute("ns/web", service, changed)).toBe("2026-01-01T00:02:30.500Z");
    expect(tracker.compute("ns/web", service, changed)).toBeUndefined();
    tracker.forget("ns/web");
    expect(tracker.compute("ns/web", service, changed)).toBe("2026-01-01T00:00:00Z");
  });
});
