import { describe, expect, it } from "vitest";
import { podConditionSchema } from "./pod-status.js";

describe("pod conditions", () => {
  it("take lastProbeTime null, as pods/binding and the scheduler write PodScheduled (Kubernetes' zero time)", () => {
    const condition = { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2026-11-23T19:00:00Z" };
    expect(podConditionSchema.parse(condition)).toEqual({ ...condition, lastProbeTime: undefined });
    expect(podConditionSchema.safeParse({ ...condition, lastProbeTime: 7 }).success).toBe(false);
  });
});
