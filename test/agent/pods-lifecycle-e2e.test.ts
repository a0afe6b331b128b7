import { beforeAll, describe, expect, it } from "vitest";
import { busybox, condition, containerStatus, dockerId, run, usePodsE2E } from "./pods-e2e-support.js";

/*
 * Init containers, restart policies, crash-loop back-off and OOM kills of
 * pods run by the agent on real Docker, as the API, kubectl and Docker show
 * them. All pods start at once; each test waits for its own.
 */

const e2e = usePodsE2E({ clusterCidr: "10.42.16.0/20", tag: "pods-lifecycle" });
const { ok, createPod, waitPod, events } = e2e;

const container = (name: string, script: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: busybox,
  imagePullPolicy: "Never",
  command: ["sh", "-c", script],
  ...extra,
});
const shared = { volumeMounts: [{ name: "work", mountPath: "/work" }] };

beforeAll(async () => {
  await Promise.all([
    createPod("init-order", {
      volumes: [{ name: "work", emptyDir: {} }],
      initContainers: [
        container("first", "sleep 1; echo one >> /work/order", shared),
        container("second", "echo two >> /work/order", shared),
      ],
      containers: [container("main", "cat /work/order; exec sleep 3600", shared)],
    }),
    createPod("init-fails-always", {
      restartPolicy: "Always",
      initContainers: [container("setup", "exit 1")],
      containers: [container("main", "exec sleep 3600")],
    }),
    createPod("init-fails-never", {
      restartPolicy: "Never",
      initContainers: [container("setup", "exit 1")],
      containers: [container("main", "exec sleep 3600")],
    }),
    createPod("crash-always", { restartPolicy: "Always", containers: [container("main", "echo crashing; exit 3")] }),
    createPod("done-on-failure", { restartPolicy: "OnFailure", containers: [container("main", "exit 0")] }),
    createPod("fails-on-failure", { restartPolicy: "OnFailure", containers: [container("main", "exit 2")] }),
    createPod("fails-never", { restartPolicy: "Never", containers: [container("main", "exit 4")] }),
    createPod("oom", {
      restartPolicy: "Never",
      // tail keeps the whole newline-free line in memory: far over the limit.
      containers: [container("main", "head -c 64m /dev/zero | tail", { resources: { limits: { memory: "16Mi" } } })],
    }),
  ]);
}, 60_000);

describe("init containers", () => {
  it("run one at a time, in order, to completion before the containers start", async () => {
    const pod = await waitPod("init-order", (p) => {
      expect(p.status?.phase).toBe("Running");
      expect(containerStatus(p, "main").state?.running).toBeDefined();
    });
    expect(condition(pod, "Initialized")).toBe("True");
    for (const name of ["first", "second"]) {
      expect(containerStatus(pod, name).state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
      expect(containerStatus(pod, name).ready).toBe(false);
    }
    const first = containerStatus(pod, "first").state?.terminated;
    const second = containerStatus(pod, "second").state?.terminated;
    expect(Date.parse(second?.startedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(first?.finishedAt ?? "") - 1000);
    expect(await ok(["logs", "init-order", "-c", "main"])).toBe("one\ntwo\n");
    const { stdout } = await run("docker", ["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", dockerId(containerStatus(pod, "second").containerID)]);
    expect(stdout.trim()).toBe("exited 0");
  });

  it("a failing init container is retried under restartPolicy Always, the pod stays Pending and not Initialized", async () => {
    const pod = await waitPod("init-fails-always", (p) => expect(containerStatus(p, "setup").restartCount).toBeGreaterThanOrEqual(1));
    expect(pod.status?.phase).toBe("Pending");
    expect(condition(pod, "Initialized")).toBe("False");
    expect(containerStatus(pod, "setup").lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(containerStatus(pod, "main").state?.waiting?.reason).toBe("PodInitializing");
    const table = await ok(["get", "pod", "init-fails-always"]);
    expect(table).toMatch(/Init:(Error|CrashLoopBackOff)/);
  });

  it("a failing init container fails the pod under restartPolicy Never, and its containers never start", async () => {
    const pod = await waitPod("init-fails-never", (p) => expect(p.status?.phase).toBe("Failed"));
    expect(containerStatus(pod, "setup").state?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(containerStatus(pod, "setup").restartCount).toBe(0);
    expect(containerStatus(pod, "main").state?.running).toBeUndefined();
    expect(condition(pod, "Initialized")).toBe("False");
  });
});

describe("restart policies", () => {
  it("Always: restarts at once, then waits in CrashLoopBackOff with a BackOff event, lastState holding the exit", async () => {
    const pod = await waitPod("crash-always", (p) => {
      expect(containerStatus(p, "main").restartCount).toBeGreaterThanOrEqual(1);
      expect(containerStatus(p, "main").state?.waiting?.reason).toBe("CrashLoopBackOff");
    });
    const status = containerStatus(pod, "main");
    expect(status.state?.waiting?.message).toMatch(/^back-off 10s restarting failed container=main pod=crash-always_default\(/);
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    expect(status.ready).toBe(false);
    expect(pod.status?.phase).toBe("Running");
    await expect.poll(async () => (await events("crash-always")).map((e) => e.reason), { timeout: 10_000 }).toContain("BackOff");
    const backOff = (await events("crash-always")).find((e) => e.reason === "BackOff");
    expect(backOff).toMatchObject({ type: "Warning", message: "Back-off restarting failed container main in pod crash-always_default(" + (pod.metadata.uid ?? "") + ")" });
    expect(await ok(["get", "pod", "crash-always", "--no-headers"])).toMatch(/^crash-always +0\/1 +CrashLoopBackOff +[12] /);
  });

  it("Always: the restart after the back-off comes 10 s after the second exit", async () => {
    // Waiting after the second run: lastState is the second run's exit.
    const before = await waitPod("crash-always", (p) => {
      expect(containerStatus(p, "main").restartCount).toBe(1);
      expect(containerStatus(p, "main").state?.waiting?.reason).toBe("CrashLoopBackOff");
    });
    const secondExit = Date.parse(containerStatus(before, "main").lastState?.terminated?.finishedAt ?? "");
    const after = await waitPod("crash-always", (p) => expect(containerStatus(p, "main").restartCount).toBe(2), 20_000);
    const { state, lastState } = containerStatus(after, "main");
    const thirdStart = Date.parse((state?.waiting ? lastState?.terminated?.startedAt : (state?.running ?? state?.terminated)?.startedAt) ?? "");
    expect(thirdStart - secondExit).toBeGreaterThanOrEqual(9_000);
    expect(thirdStart - secondExit).toBeLessThan(15_000);
    expect(await ok(["logs", "crash-always", "--previous"])).toBe("crashing\n");
  }, 30_000);

  it("OnFailure: a container that exits 0 is not restarted and the pod Succeeds", async () => {
    const pod = await waitPod("done-on-failure", (p) => expect(p.status?.phase).toBe("Succeeded"));
    expect(containerStatus(pod, "main")).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } });
  });

  it("OnFailure: a container that fails is restarted, with its exit in lastState", async () => {
    const pod = await waitPod("fails-on-failure", (p) => expect(containerStatus(p, "main").restartCount).toBeGreaterThanOrEqual(1));
    expect(containerStatus(pod, "main").lastState?.terminated).toMatchObject({ exitCode: 2, reason: "Error" });
    expect(pod.status?.phase).toBe("Running");
  });

  it("Never: a failed container stays terminated and the pod Fails", async () => {
    const pod = await waitPod("fails-never", (p) => expect(p.status?.phase).toBe("Failed"));
    expect(containerStatus(pod, "main")).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 4, reason: "Error" } } });
    // Nothing restarts it later.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(containerStatus(await e2e.pod("fails-never"), "main").restartCount).toBe(0);
  });
});

describe("containers removed behind the agent's back", () => {
  it("a finished pod keeps its containers' terminated statuses after they are pruned from Docker", async () => {
    const before = await waitPod("fails-never", (p) => expect(p.status?.phase).toBe("Failed"));
    const id = dockerId(containerStatus(before, "main").containerID);
    await run("docker", ["rm", "-f", id]);
    // The agent's relist (every 5 s) sees the container gone and syncs the pod again.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    const after = await e2e.pod("fails-never");
    expect(after.status?.phase).toBe("Failed");
    expect(containerStatus(after, "main")).toEqual(containerStatus(before, "main"));
  });
});

describe("out of memory", () => {
  it("a container over its memory limit is killed and reported as OOMKilled", async () => {
    const pod = await waitPod("oom", (p) => expect(containerStatus(p, "main").state?.terminated).toBeDefined());
    const terminated = containerStatus(pod, "main").state?.terminated;
    expect(terminated).toMatchObject({ reason: "OOMKilled", exitCode: 137 });
    expect(pod.status?.phase).toBe("Failed");
    const docker = await e2e.inspect(dockerId(containerStatus(pod, "main").containerID));
    expect(docker.State.OOMKilled).toBe(true);
    expect(docker.HostConfig.Memory).toBe(16 * 1024 * 1024);
  });
});

describe("kubectl describe pod", () => {
  it("shows the events of a pod: image present with Never, Created, Started, BackOff", async () => {
    const text = await ok(["describe", "pod", "crash-always"]);
    const eventLines = text.slice(text.indexOf("Events:")).split("\n");
    const reasons = eventLines.map((line) => line.trim().split(/\s+/)[1]);
    expect(reasons).toEqual(expect.arrayContaining(["Pulled", "Created", "Started", "BackOff"]));
    expect(reasons).not.toContain("Pulling");
    expect(text).toContain(`Container image "${busybox}" already present on machine`);
    expect(text).toMatch(/Last State: +Terminated\n +Reason: +Error\n +Exit Code: +3/);
  });
});
