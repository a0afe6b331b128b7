import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/api/batch/v1/job.js";
import { decideJob, type JobInput } from "./job-decision.js";
import { jobTrackingFinalizer, type JobPod } from "./job-pods.js";
import { defaultPodFailureBackoff } from "./pod-failure-backoff.js";

const nowMs = Date.parse("2026-11-23T12:00:00Z");

function pod(name: string, phase: string, options: { tracked?: boolean; deleting?: boolean; finishedAt?: string } = {}): JobPod {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: "2026-11-23T11:00:00Z",
      ...(options.tracked === false ? {} : { finalizers: [jobTrackingFinalizer] }),
      ...(options.deleting ? { deletionTimestamp: "2026-11-23T11:59:00Z" } : {}),
    },
    status: {
      phase,
      ...(options.finishedAt ? { containerStatuses: [{ name: "c", ready: false, restartCount: 0, image: "", imageID: "", state: { terminated: { exitCode: 1, finishedAt: options.finishedAt } } }] } : {}),
    },
  };
}

function input(spec: Partial<Job["spec"]>, pods: JobPod[], extra: Partial<JobInput> = {}): JobInput {
  return {
    spec: { parallelism: 1, backoffLimit: 6, template: { metadata: {}, spec: { containers: [], restartPolicy: "Never" } }, ...spec } as Job["spec"],
    status: { startTime: "2026-11-23T11:00:00Z" },
    deleting: false,
    pods,
    nowMs,
    backoff: { failuresAfterLastSuccess: 0 },
    backoffSettings: defaultPodFailureBackoff,
    expectationsSatisfied: true,
    ...extra,
  };
}
const names = (pods: JobPod[]): string[] => pods.map((p) => p.metadata?.name ?? "").sort();

describe("decideJob", () => {
  it("starts min(parallelism, completions left) pods", () => {
    expect(decideJob(input({ completions: 3, parallelism: 2 }, [])).create).toBe(2);
    const oneDone = decideJob(input({ completions: 3, parallelism: 2 }, [pod("a", "Succeeded"), pod("b", "Running")]));
    expect(oneDone.create).toBe(1);
    expect(names(oneDone.newlySucceeded)).toEqual(["a"]);
    expect(names(oneDone.finalizersToRemove)).toEqual(["a"]);
    expect(oneDone.active).toBe(1);
    expect(decideJob(input({ completions: 3, parallelism: 2 }, [], { expectationsSatisfied: false })).create).toBe(0);
  });
  it("counts a pod already in uncountedTerminatedPods once, and still takes its finalizer off", () => {
    const decision = decideJob(
      input({ completions: 2 }, [pod("a", "Succeeded")], { status: { startTime: "2026-11-23T11:00:00Z", succeeded: 0, uncountedTerminatedPods: { succeeded: ["uid-a"] } } }),
    );
    expect(decision.newlySucceeded).toEqual([]);
    expect(names(decision.finalizersToRemove)).toEqual(["a"]);
    expect(decision.create).toBe(1);
  });
  it("completes once completions pods succeeded and none is active", () => {
    const decision = decideJob(input({ completions: 2 }, [pod("a", "Succeeded"), pod("b", "Succeeded", { tracked: false })], { status: { succeeded: 1 } }));
    expect(decision.outcome).toMatchObject({ type: "Complete", reason: "CompletionsReached" });
    expect(decision.create).toBe(0);
  });
  it("completes a Job without completions once a pod succeeded and the others finished, starting no more", () => {
    const running = decideJob(input({ parallelism: 2 }, [pod("a", "Succeeded"), pod("b", "Running")]));
    expect(running.create).toBe(0);
    expect(running.outcome).toBeUndefined();
    expect(decideJob(input({ parallelism: 2 }, [pod("a", "Succeeded"), pod("b", "Succeeded")])).outcome?.type).toBe("Complete");
  });
  it("waits out the back-off before replacing a failed pod", () => {
    const decision = decideJob(input({ completions: 1 }, [pod("a", "Failed", { finishedAt: "2026-11-23T11:59:58Z" })]));
    expect(names(decision.newlyFailed)).toEqual(["a"]);
    expect(decision.backoff).toEqual({ failuresAfterLastSuccess: 1, lastFailureMs: Date.parse("2026-11-23T11:59:58Z") });
    expect(decision.create).toBe(0);
    expect(decision.requeueAfterMs).toBe(8_000);
    // Counted by then: its finalizer is off and it is in status.failed.
    const counted = { startTime: "2026-11-23T11:00:00Z", failed: 1 };
    const early = decideJob(input({ completions: 1 }, [pod("a", "Failed", { tracked: false })], { status: counted, backoff: decision.backoff, nowMs: nowMs + 7_000 }));
    expect(early).toMatchObject({ create: 0, requeueAfterMs: 1_000 });
    const later = decideJob(input({ completions: 1 }, [pod("a", "Failed", { tracked: false })], { status: counted, backoff: decision.backoff, nowMs: nowMs + 8_000 }));
    expect(later.create).toBe(1);
  });
  it("fails past backoffLimit: running pods are deleted and counted failed, every finalizer comes off", () => {
    const pods = [pod("a", "Failed"), pod("b", "Failed", { tracked: false }), pod("c", "Running")];
    const decision = decideJob(input({ completions: 3, parallelism: 2, backoffLimit: 1 }, pods, { status: { failed: 1 } }));
    expect(decision.outcome).toMatchObject({ type: "Failed", reason: "BackoffLimitExceeded" });
    expect(names(decision.podsToDelete)).toEqual(["c"]);
    expect(names(decision.newlyFailed)).toEqual(["a", "c"]);
    expect(names(decision.finalizersToRemove)).toEqual(["a", "c"]);
    expect(decision).toMatchObject({ active: 0, terminating: 1, create: 0 });
  });
  it("counts a pod deleted before it finished as failed", () => {
    const decision = decideJob(input({ completions: 1 }, [pod("a", "Running", { deleting: true })]));
    expect(names(decision.newlyFailed)).toEqual(["a"]);
    expect(decision.terminating).toBe(1);
  });
  it("fails with DeadlineExceeded past activeDeadlineSeconds, and asks to look again at the deadline before it", () => {
    const past = decideJob(input({ completions: 1, activeDeadlineSeconds: 3600 }, [pod("a", "Running")]));
    expect(past.outcome).toMatchObject({ type: "Failed", reason: "DeadlineExceeded" });
    const before = decideJob(input({ completions: 1, activeDeadlineSeconds: 3660 }, [pod("a", "Running")]));
    expect(before.outcome).toBeUndefined();
    expect(before.requeueAfterMs).toBe(60_000);
  });
  it("keeps to an outcome already promised by an interim condition", () => {
    const status = { startTime: "2026-11-23T11:00:00Z", conditions: [{ type: "FailureTarget", status: "True", reason: "DeadlineExceeded", message: "m" }] };
    const decision = decideJob(input({ completions: 1 }, [], { status }));
    expect(decision.outcome).toEqual({ type: "Failed", reason: "DeadlineExceeded", message: "m" });
    expect(decision.create).toBe(0);
  });
  it("deletes the running pods of a suspended Job and starts none", () => {
    const decision = decideJob(input({ completions: 2, parallelism: 2, suspend: true }, [pod("a", "Running"), pod("b", "Pending")]));
    expect(names(decision.podsToDelete)).toEqual(["a", "b"]);
    expect(decision.create).toBe(0);
    expect(decision.outcome).toBeUndefined();
  });
  it("fails an OnFailure Job whose containers restarted backoffLimit times", () => {
    const restarting = pod("a", "Running");
    restarting.status = { phase: "Running", containerStatuses: [{ name: "c", ready: false, restartCount: 2, image: "", imageID: "" }] };
    const spec = { completions: 1, backoffLimit: 2, template: { metadata: {}, spec: { containers: [], restartPolicy: "OnFailure" } } } as Partial<Job["spec"]>;
    expect(decideJob(input(spec, [restarting])).outcome?.reason).toBe("BackoffLimitExceeded");
  });

  describe("Indexed", () => {
    const indexedPod = (name: string, index: number | undefined, phase: string, created = "2026-11-23T11:00:00Z"): JobPod => {
      const p = pod(name, phase);
      p.metadata = { ...p.metadata, creationTimestamp: created, ...(index === undefined ? {} : { annotations: { "batch.kubernetes.io/job-completion-index": String(index) } }) };
      return p;
    };
    const spec = { completionMode: "Indexed", completions: 4, parallelism: 2 } as const;
    it("starts the lowest indexes not done and not running", () => {
      const decision = decideJob(input(spec, [indexedPod("one", 1, "Running")], { status: { startTime: "2026-11-23T11:00:00Z", completedIndexes: "0" } }));
      expect(decision.indexes).toEqual([2]);
      expect(decision.create).toBe(1);
    });
    it("records a success in completedIndexes once per index, and completes when every index is done", () => {
      const pods = [indexedPod("a", 0, "Succeeded"), indexedPod("b", 0, "Succeeded"), indexedPod("c", 9, "Succeeded")];
      const decision = decideJob(input({ ...spec, completions: 2 }, pods, { status: { startTime: "2026-11-23T11:00:00Z", completedIndexes: "1" } }));
      expect(decision.completedIndexes).toEqual({ text: "0-1", count: 2 });
      expect(decision.outcome?.type).toBe("Complete");
      expect(names(decision.finalizersToRemove)).toEqual(["a", "b", "c"]);
    });
    it("deletes a duplicate (the newer), a pod without an index and one of an index already done", () => {
      const pods = [indexedPod("first", 1, "Running"), indexedPod("second", 1, "Running", "2026-11-23T11:30:00Z"), indexedPod("bare", undefined, "Running"), indexedPod("late", 0, "Running")];
      const decision = decideJob(input(spec, pods, { status: { startTime: "2026-11-23T11:00:00Z", completedIndexes: "0" } }));
      expect(names(decision.podsToDelete)).toEqual(["bare", "late", "second"]);
      expect(decision.create).toBe(0);
    });
  });
});
