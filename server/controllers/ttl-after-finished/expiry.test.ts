import { describe, expect, it } from "vitest";
import { expiresAtMs } from "./expiry.js";

describe("expiresAtMs", () => {
  const complete = { type: "Complete", status: "True", lastTransitionTime: "2026-11-23T12:00:05Z" };
  it("is the completion time (else the finish condition's) plus the TTL", () => {
    expect(expiresAtMs({ spec: { ttlSecondsAfterFinished: 60 }, status: { completionTime: "2026-11-23T12:00:00Z", conditions: [complete] } })).toBe(Date.parse("2026-11-23T12:01:00Z"));
    const failed = { type: "Failed", status: "True", lastTransitionTime: "2026-11-23T12:00:00Z" };
    expect(expiresAtMs({ spec: { ttlSecondsAfterFinished: 0 }, status: { conditions: [failed] } })).toBe(Date.parse("2026-11-23T12:00:00Z"));
  });
  it("is undefined without a TTL, before the Job finished, or once it is being deleted", () => {
    expect(expiresAtMs({ spec: {}, status: { conditions: [complete] } })).toBeUndefined();
    expect(expiresAtMs({ spec: { ttlSecondsAfterFinished: 5 }, status: { conditions: [{ type: "SuccessCriteriaMet", status: "True" }] } })).toBeUndefined();
    expect(expiresAtMs({ metadata: { deletionTimestamp: "2026-11-23T12:00:00Z" }, spec: { ttlSecondsAfterFinished: 5 }, status: { conditions: [complete] } })).toBeUndefined();
  });
});
