import { describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { podsRef, useDockerAgent } from "./docker-agent-hooks.js";

// The Job and DaemonSet controllers with the scheduler and a real agent on real Docker.
const agent = useDockerAgent({ clusterCidr: "10.42.176.0/20", name: "job-e2e", controllers: ["*"] });
const jobsRef = { group: "batch", version: "v1", resource: "jobs", namespaced: true };

const busyboxJob = (name: string, spec: string, script: string): string => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 1
      containers:
      - {name: main, image: skiff-test/busybox:1, imagePullPolicy: Never, command: [sh, -c, "${script}"]}
`;

interface JobStatus {
  succeeded?: number;
  failed?: number;
  active?: number;
  conditions?: Array<{ type: string; status: string; reason?: string }>;
}

describe("Jobs and a DaemonSet on a real agent", () => {
  it("runs a Job with completions 2 to Complete, each pod's output in its log", async () => {
    await agent.ok(["apply", "-f", "-"], busyboxJob("twice", "  completions: 2\n  parallelism: 2", "echo done"));
    await agent.ok(["wait", "--for=condition=complete", "job/twice", "--timeout=50s"]);
    const status = (await agent.server().client.get<ApiObject>(jobsRef, "default", "twice")).status as JobStatus;
    expect(status).toMatchObject({ succeeded: 2, failed: 0, active: 0 });
    const pods = await agent.server().client.list<ApiObject>(podsRef, "default", { labelSelector: "job-name=twice" });
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.metadata?.finalizers ?? []).toEqual([]);
      expect((await agent.ok(["logs", pod.metadata?.name ?? ""])).trim()).toBe("done");
    }
    expect(await agent.ok(["get", "job", "twice", "--no-headers"])).toMatch(/^twice\s+Complete\s+2\/2\s+/);
  }, 90_000);

  it("fails a Job whose container exits non-zero past backoffLimit 0, and stops a Job past its deadline", async () => {
    await agent.ok(["apply", "-f", "-"], busyboxJob("broken", "  backoffLimit: 0", "exit 3"));
    await agent.ok(["apply", "-f", "-"], busyboxJob("sleepy", "  activeDeadlineSeconds: 3", "sleep 300"));
    await agent.ok(["wait", "--for=condition=failed", "job/broken", "--timeout=50s"]);
    const broken = (await agent.server().client.get<ApiObject>(jobsRef, "default", "broken")).status as JobStatus;
    expect(broken).toMatchObject({ failed: 1, succeeded: 0 });
    expect(broken.conditions?.find((c) => c.type === "Failed")?.reason).toBe("BackoffLimitExceeded");
    await agent.ok(["wait", "--for=condition=failed", "job/sleepy", "--timeout=50s"]);
    const sleepy = (await agent.server().client.get<ApiObject>(jobsRef, "default", "sleepy")).status as JobStatus;
    expect(sleepy.conditions?.find((c) => c.type === "Failed")?.reason).toBe("DeadlineExceeded");
    // Its running pod was stopped by the agent and, counted, let go by the controller.
    await eventually(async () => {
      const pods = await agent.server().client.list<ApiObject>(podsRef, "default", { labelSelector: "job-name=sleepy" });
      expect(pods.items).toEqual([]);
    }, { timeoutMs: 30_000, intervalMs: 250 });
  }, 90_000);

  it("runs a DaemonSet's pod on the node (placed by the scheduler through its node affinity), as kubectl rollout status sees it", async () => {
    await agent.ok(["apply", "-f", "-"], `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent}
spec:
  selector: {matchLabels: {app: node-agent}}
  template:
    metadata: {labels: {app: node-agent}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - {name: main, image: skiff-test/busybox:1, imagePullPolicy: Never, command: [sh, -c, "trap 'exit 0' TERM; sleep 300 & wait"]}
`);
    const rolled = await agent.ok(["rollout", "status", "daemonset/node-agent", "--timeout=50s"]);
    expect(rolled).toContain('daemon set "node-agent" successfully rolled out');
    const pods = await agent.server().client.list<ApiObject>(podsRef, "default", { labelSelector: "app=node-agent" });
    expect(pods.items.map((pod) => (pod.spec as { nodeName?: string }).nodeName)).toEqual([agent.nodeName]);
    await agent.ok(["delete", "daemonset", "node-agent"]);
  }, 90_000);
});
