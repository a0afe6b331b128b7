import { describe, expect, it } from "vitest";
import { ensureCondition, isJobFinished, outcomeOfInterim } from "./job-conditions.js";

describe("Job conditions", () => {
  it("adds a True condition, changes the transition time only when the status changes, and never adds a False one", () => {
    const added = ensureCondition(undefined, "Suspended", "True", "JobSuspended", "Job suspended", "2026-11-23T10:00:00Z");
    expect(added).toEqual({ changed: true, conditions: [expect.objectContaining({ type: "Suspended", status: "True", lastTransitionTime: "2026-11-23T10:00:00Z" })] });
    expect(ensureCondition(added.conditions, "Suspended", "True", "JobSuspended", "Job suspended", "2026-11-23T11:00:00Z").changed).toBe(false);
    const resumed = ensureCondition(added.conditions, "Suspended", "False", "JobResumed", "Job resumed", "2026-11-23T12:00:00Z");
    expect(resumed.conditions[0]).toMatchObject({ status: "False", reason: "JobResumed", lastTransitionTime: "2026-11-23T12:00:00Z" });
    expect(ensureCondition([], "Suspended", "False", "JobResumed", "Job resumed", "2026-11-23T12:00:00Z")).toEqual({ conditions: [], changed: false });
  });
  it("reads a finished Job and the outcome an interim condition promises", () => {
    expect(isJobFinished({ conditions: [{ type: "Complete", status: "True" }] })).toBe(true);
    expect(isJobFinished({ conditions: [{ type: "SuccessCriteriaMet", status: "True" }] })).toBe(false);
    expect(outcomeOfInterim([{ type: "FailureTarget", status: "True", reason: "DeadlineExceeded", message: "m" }])).toEqual({ type: "Failed", reason: "DeadlineExceeded", message: "m" });
    expect(outcomeOfInterim([{ type: "SuccessCriteriaMet", status: "True", reason: "CompletionsReached", message: "m" }])?.type).toBe("Complete");
  });
});
