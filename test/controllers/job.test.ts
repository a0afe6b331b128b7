import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { kubectlRunner, type Kubectl } from "../support/kubectl.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { eventReasons, podsOwnedBy, podsRef, setPodPhase } from "./support/workload-pods.js";

const jobsRef = { group: "batch", version: "v1", resource: "jobs", namespaced: true };
const wait = { timeoutMs: 15_000, intervalMs: 50 };

interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface JobObject extends ApiObject {
  status?: {
    active?: number;
    ready?: number;
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: JobCondition[];
    uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
    completedIndexes?: string;
  };
}

function job(name: string, spec: Record<string, unknown>): ApiObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: "Never", containers: [{ name: "work", image: "busybox:1.36" }] } } },
  };
}

const activePods = (pods: ApiObject[]): ApiObject[] =>
  pods.filter((pod) => {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    return phase !== "Succeeded" && phase !== "Failed" && pod.metadata?.deletionTimestamp === undefined;
  });

describe("the Job controller against the real server", () => {
  let server: TestServer;
  let kubectl: Kubectl;
  beforeAll(async () => {
    server = await startTestServer({ jobPodFailureBackoff: { initialMs: 200, maxMs: 800 } });
    kubectl = await kubectlRunner(server.server.kubeconfigPath);
  });
  afterAll(() => server.stop());

  const getJob = (name: string): Promise<JobObject> => server.client.get<JobObject>(jobsRef, "default", name);
  const conditionOf = (j: JobObject, type: string): JobCondition | undefined => j.status?.conditions?.find((c) => c.type === type);

  it("runs completions=3 two at a time to Complete, as kubectl get and kubectl wait see it", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("three", { completions: 3, parallelism: 2 }));
    const uid = String(created.metadata?.uid);
    const firstTwo = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods).toHaveLength(2);
      return pods;
    }, wait);
    for (const pod of firstTwo) {
      expect(pod.metadata?.labels).toMatchObject({ "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "three", "controller-uid": uid, "job-name": "three" });
      expect(pod.metadata?.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
      expect(pod.metadata?.generateName).toBe("three-");
      // The pods run as the namespace's default ServiceAccount, its token mounted (admission, issue 6's ServiceAccount part).
      const spec = pod.spec as { serviceAccountName?: string; volumes?: Array<{ name: string }> };
      expect(spec.serviceAccountName).toBe("default");
      expect(spec.volumes?.some((volume) => volume.name.startsWith("kube-api-access-"))).toBe(true);
    }
    await eventually(async () => expect((await getJob("three")).status).toMatchObject({ active: 2, ready: 0 }), wait);
    // Level-triggered and idempotent: with nothing changing, the controller writes nothing.
    const settled = (await getJob("three")).metadata?.resourceVersion;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await getJob("three")).metadata?.resourceVersion).toBe(settled);

    await setPodPhase(server.client, firstTwo[0]!, "Succeeded");
    // One completion left to start: a third pod, never more than two at once.
    const third = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods).toHaveLength(3);
      expect(activePods(pods)).toHaveLength(2);
      return pods.find((pod) => !firstTwo.some((first) => first.metadata?.uid === pod.metadata?.uid))!;
    }, wait);
    await eventually(async () => expect((await getJob("three")).status).toMatchObject({ active: 2, succeeded: 1 }), wait);
    const listed = await kubectl(["get", "jobs", "three", "--no-headers"]);
    expect(listed.stdout).toMatch(/^three\s+Running\s+1\/3\s+/);

    await setPodPhase(server.client, firstTwo[1]!, "Succeeded");
    await setPodPhase(server.client, third, "Succeeded");
    const waited = await kubectl(["wait", "--for=condition=complete", "job/three", "--timeout=15s"]);
    expect(waited.stderr).toBe("");
    expect(waited.stdout).toContain("job.batch/three condition met");
    const done = await getJob("three");
    expect(done.status).toMatchObject({ active: 0, succeeded: 3, failed: 0 });
    expect(done.status?.uncountedTerminatedPods ?? {}).toEqual({});
    expect(done.status?.completionTime).toBeDefined();
    expect(conditionOf(done, "Complete")).toMatchObject({ status: "True", reason: "CompletionsReached" });
    expect(conditionOf(done, "SuccessCriteriaMet")).toMatchObject({ status: "True", reason: "CompletionsReached" });
    // Every pod was counted once, and let go: no finalizer holds it any more.
    for (const pod of await podsOwnedBy(server.client, "default", uid)) expect(pod.metadata?.finalizers ?? []).toEqual([]);
    const table = await kubectl(["get", "jobs", "three", "--no-headers"]);
    expect(table.stdout).toMatch(/^three\s+Complete\s+3\/3\s+\d+s\s+/);
    const reasons = await eventReasons(server.client, "default", "three");
    expect(reasons.filter((reason) => reason === "SuccessfulCreate")).toHaveLength(3);
    expect(reasons).toContain("Completed");
  });

  it("replaces a failed pod after the back-off, and fails with BackoffLimitExceeded past backoffLimit", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("flaky", { backoffLimit: 1 }));
    const uid = String(created.metadata?.uid);
    const first = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods).toHaveLength(1);
      return pods[0]!;
    }, wait);
    await setPodPhase(server.client, first, "Failed");
    const second = await eventually(async () => {
      const pods = activePods(await podsOwnedBy(server.client, "default", uid));
      expect(pods).toHaveLength(1);
      return pods[0]!;
    }, wait);
    expect((await getJob("flaky")).status?.failed).toBe(1);
    await setPodPhase(server.client, second, "Failed");
    const failed = await eventually(async () => {
      const current = await getJob("flaky");
      expect(conditionOf(current, "Failed")).toMatchObject({ status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" });
      return current;
    }, wait);
    expect(conditionOf(failed, "FailureTarget")).toMatchObject({ status: "True", reason: "BackoffLimitExceeded" });
    expect(failed.status).toMatchObject({ active: 0, failed: 2, succeeded: 0 });
    expect(failed.status?.completionTime).toBeUndefined();
    // No third try.
    expect(await podsOwnedBy(server.client, "default", uid)).toHaveLength(2);
    expect(await eventReasons(server.client, "default", "flaky")).toContain("BackoffLimitExceeded");
    const waited = await kubectl(["wait", "--for=condition=failed", "job/flaky", "--timeout=5s"]);
    expect(waited.stdout).toContain("condition met");
  });

  it("fails a Job that outlives activeDeadlineSeconds with DeadlineExceeded, deleting its running pods", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("slow", { parallelism: 2, completions: 4, activeDeadlineSeconds: 2 }));
    const uid = String(created.metadata?.uid);
    await eventually(async () => expect(await podsOwnedBy(server.client, "default", uid)).toHaveLength(2), wait);
    const failed = await eventually(async () => {
      const current = await getJob("slow");
      expect(conditionOf(current, "Failed")).toMatchObject({ status: "True", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" });
      return current;
    }, wait);
    expect(failed.status).toMatchObject({ active: 0, failed: 2 });
    await eventually(async () => expect(await podsOwnedBy(server.client, "default", uid)).toEqual([]), wait);
  });

  it("deletes a finished Job once ttlSecondsAfterFinished has passed", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("brief", { ttlSecondsAfterFinished: 1 }));
    const uid = String(created.metadata?.uid);
    const pod = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods).toHaveLength(1);
      return pods[0]!;
    }, wait);
    await setPodPhase(server.client, pod, "Succeeded");
    await eventually(async () => expect(conditionOf(await getJob("brief"), "Complete")?.status).toBe("True"), wait);
    // Deleted in the foreground: gone, or held by the garbage collector's foregroundDeletion finalizer until its pods are.
    await eventually(async () => {
      const current = await server.client.get<JobObject>(jobsRef, "default", "brief").catch(() => undefined);
      expect(current === undefined || current.metadata?.deletionTimestamp !== undefined).toBe(true);
    }, wait);
  });

  it("suspends a Job (its pods deleted, Suspended condition) and resumes it", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("paused", { parallelism: 1, completions: 1 }));
    const uid = String(created.metadata?.uid);
    await eventually(async () => expect(activePods(await podsOwnedBy(server.client, "default", uid))).toHaveLength(1), wait);
    await server.client.patch(jobsRef, "default", "paused", "merge", { spec: { suspend: true } });
    await eventually(async () => {
      const current = await getJob("paused");
      expect(conditionOf(current, "Suspended")).toMatchObject({ status: "True", reason: "JobSuspended" });
      expect(current.status?.active).toBe(0);
      expect(await podsOwnedBy(server.client, "default", uid)).toEqual([]);
    }, wait);
    await server.client.patch(jobsRef, "default", "paused", "merge", { spec: { suspend: false } });
    await eventually(async () => {
      const current = await getJob("paused");
      expect(conditionOf(current, "Suspended")).toMatchObject({ status: "False", reason: "JobResumed" });
      expect(activePods(await podsOwnedBy(server.client, "default", uid))).toHaveLength(1);
    }, wait);
    const reasons = await eventReasons(server.client, "default", "paused");
    expect(reasons).toEqual(expect.arrayContaining(["Suspended", "Resumed", "SuccessfulDelete"]));
  });

  it("runs an Indexed Job: one pod per index with its index in annotation, label, hostname and JOB_COMPLETION_INDEX", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("indexed", { completionMode: "Indexed", completions: 3, parallelism: 2 }));
    const uid = String(created.metadata?.uid);
    const indexOf = (pod: ApiObject): string | undefined => (pod.metadata?.annotations as Record<string, string> | undefined)?.["batch.kubernetes.io/job-completion-index"];
    const firstTwo = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods.map(indexOf).sort()).toEqual(["0", "1"]);
      return pods;
    }, wait);
    const zero = firstTwo.find((pod) => indexOf(pod) === "0")!;
    expect(zero.metadata?.generateName).toBe("indexed-0-");
    expect(zero.metadata?.labels).toMatchObject({ "batch.kubernetes.io/job-completion-index": "0" });
    const spec = zero.spec as { hostname?: string; containers: Array<{ env?: unknown[] }> };
    expect(spec.hostname).toBe("indexed-0");
    expect(spec.containers[0]?.env).toContainEqual({
      name: "JOB_COMPLETION_INDEX",
      valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
    await setPodPhase(server.client, zero, "Succeeded");
    const two = await eventually(async () => {
      const pods = activePods(await podsOwnedBy(server.client, "default", uid));
      expect(pods.map(indexOf).sort()).toEqual(["1", "2"]);
      return pods;
    }, wait);
    await eventually(async () => expect((await getJob("indexed")).status).toMatchObject({ completedIndexes: "0", succeeded: 1 }), wait);
    for (const pod of two) await setPodPhase(server.client, pod, "Succeeded");
    const done = await eventually(async () => {
      const current = await getJob("indexed");
      expect(conditionOf(current, "Complete")?.status).toBe("True");
      return current;
    }, wait);
    expect(done.status).toMatchObject({ completedIndexes: "0-2", succeeded: 3, active: 0 });
  });

  it("counts a running pod deleted by hand as failed, exactly once, and replaces it", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("evicted", { completions: 1 }));
    const uid = String(created.metadata?.uid);
    const first = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods).toHaveLength(1);
      return pods[0]!;
    }, wait);
    await server.client.delete(podsRef, "default", first.metadata?.name ?? "");
    // The tracking finalizer held it until it was counted; then it went.
    const replacement = await eventually(async () => {
      const pods = await podsOwnedBy(server.client, "default", uid);
      expect(pods).toHaveLength(1);
      expect(pods[0]!.metadata?.uid).not.toBe(first.metadata?.uid);
      return pods[0]!;
    }, wait);
    await eventually(async () => expect((await getJob("evicted")).status).toMatchObject({ failed: 1, active: 1 }), wait);
    await setPodPhase(server.client, replacement, "Succeeded");
    await eventually(async () => expect(conditionOf(await getJob("evicted"), "Complete")?.status).toBe("True"), wait);
    expect((await getJob("evicted")).status).toMatchObject({ failed: 1, succeeded: 1 });
  });

  it("lets go of the pods of a deleted Job: no tracking finalizer is left on them", async () => {
    const created = await server.client.create<JobObject>(jobsRef, "default", job("dropped", { parallelism: 2, completions: 2 }));
    const uid = String(created.metadata?.uid);
    await eventually(async () => expect(await podsOwnedBy(server.client, "default", uid)).toHaveLength(2), wait);
    await server.client.delete(jobsRef, "default", "dropped", { propagationPolicy: "Orphan" });
    // By label: the garbage collector takes the owner references off orphaned pods.
    await eventually(async () => {
      const pods = (await server.client.list<ApiObject>(podsRef, "default", { labelSelector: `batch.kubernetes.io/controller-uid=${uid}` })).items;
      expect(pods).toHaveLength(2);
      for (const pod of pods) expect(pod.metadata?.finalizers ?? []).toEqual([]);
    }, wait);
    // A pod whose Job is gone altogether loses the finalizer too.
    const owner = { apiVersion: "batch/v1", kind: "Job", name: "vanished", uid: "00000000-0000-0000-0000-00000000dead", controller: true };
    const stray = { apiVersion: "v1", kind: "Pod", metadata: { name: "vanished-x", finalizers: ["batch.kubernetes.io/job-tracking"], ownerReferences: [owner] }, spec: { containers: [{ name: "c", image: "busybox:1.36" }] } };
    await server.client.create(podsRef, "default", stray);
    await eventually(async () => expect((await server.client.get(podsRef, "default", "vanished-x")).metadata?.finalizers ?? []).toEqual([]), wait);
  });
});
