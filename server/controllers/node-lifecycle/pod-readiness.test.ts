import { describe, expect, it } from "vitest";
import { notReadyPatch } from "./pod-readiness.js";

describe("notReadyPatch", () => {
  it("turns a Ready condition False with a new transition time, and leaves pods without one or already not Ready", () => {
    const ready = { type: "Ready", status: "True", lastProbeTime: "p", lastTransitionTime: "t0" };
    expect(notReadyPatch({ status: { conditions: [{ type: "PodScheduled", status: "True" }, ready] } }, "now")).toEqual({
      status: { conditions: [{ type: "Ready", status: "False", lastProbeTime: "p", lastTransitionTime: "now" }] },
    });
    expect(notReadyPatch({ status: { conditions: [{ ...ready, status: "False" }] } }, "now")).toBeUndefined();
    expect(notReadyPatch({ status: { conditions: [{ type: "PodScheduled", status: "True" }] } }, "now")).toBeUndefined();
    expect(notReadyPatch({}, "now")).toBeUndefined();
  });
});
