import { beforeAll, describe, expect, it } from "vitest";
import { runLogs } from "../../src/cli/commands/logs.js";
import { StatusError } from "../../src/errors/status.js";
import { eventually } from "../store/helpers/eventually.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { busybox, collect, podsRef, useDockerAgent } from "./docker-agent-hooks.js";

// kubectl logs and skiff logs through the real server, the agent's tunnel and real Docker.
const agent = useDockerAgent({ clusterCidr: "10.42.64.0/20", name: "logs-e2e" });
const { ok, kubectl, createPod, runningPod, spawnKubectl, kubeconfigArgs, server } = agent;

/** `skiff logs ARGS` in this process: its exit code, stdout and stderr. */
async function skiffLogs(args: string[], interrupt?: AbortSignal): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, ...(interrupt ? { interrupt } : {}) };
  const code = await runLogs([...args, ...kubeconfigArgs()], io);
  return { code, stdout, stderr };
}

const stamped = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z (.*)$/;

beforeAll(async () => {
  // Every pod at once: they start side by side.
  await Promise.all([
    createPod("counted", { containers: [busybox("main", "echo one; echo two; echo three; exec sleep 3600")] }),
    createPod("pair", { containers: [busybox("left", "echo from left; exec sleep 3600"), busybox("right", "echo from right; exec sleep 3600")] }),
    // Waits for a file made by exec, so the test decides when the later line comes.
    createPod("waiter", { containers: [busybox("main", "echo before; while [ ! -e /tmp/go ]; do sleep 0.2; done; echo after; exec sleep 3600")] }),
    // The first attempt fails; the second (restarted at once) runs on.
    createPod("restarted", {
      volumes: [{ name: "state", emptyDir: {} }],
      containers: [
        {
          ...busybox("main", "n=$(cat /state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /state/n; echo attempt $n; [ $n -ge 2 ] || exit 1; exec sleep 3600"),
          volumeMounts: [{ name: "state", mountPath: "/state" }],
        },
      ],
    }),
    createPod("ticker", { containers: [busybox("main", "echo old; sleep 3; while true; do echo new; sleep 0.3; done")] }),
    // A Secret that does not exist: the volume never mounts, the container never gets made.
    createPod("stuck", { volumes: [{ name: "s", secret: { secretName: "missing" } }], containers: [{ ...busybox("main", "sleep 3600"), volumeMounts: [{ name: "s", mountPath: "/s" }] }] }),
    // Ends by itself: a follower of its log ends with it.
    createPod("brief", { restartPolicy: "Never", containers: [busybox("main", "echo first; sleep 6; echo last")] }),
    // A ConfigMap that does not exist: the container's config fails.
    createPod("unconfigured", { containers: [{ ...busybox("main", "sleep 3600"), env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "missing", key: "x" } } }] }] }),
  ]);
  await Promise.all(["counted", "pair", "waiter", "ticker"].map((name) => runningPod(name)));
}, 90_000);

describe("kubectl logs on real Docker", () => {
  it("prints the whole log, and the last lines with --tail", async () => {
    expect(await ok(["logs", "counted"])).toBe("one\ntwo\nthree\n");
    expect(await ok(["logs", "counted", "--tail=2"])).toBe("two\nthree\n");
    expect(await ok(["logs", "counted", "--tail=0"])).toBe("");
    expect(await ok(["logs", "counted", "--limit-bytes=6"])).toBe("one\ntw");
    expect(await ok(["logs", "pod/counted", "--tail=1"])).toBe("three\n");
  });

  it("prefixes each line with its RFC 3339 time with --timestamps", async () => {
    const before = Date.now();
    const lines = (await ok(["logs", "counted", "--timestamps"])).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => stamped.exec(line)?.[2])).toEqual(["one", "two", "three"]);
    for (const line of lines) {
      const time = Date.parse(line.split(" ")[0] ?? "");
      expect(time).toBeLessThanOrEqual(before);
      expect(time).toBeGreaterThan(before - 120_000);
    }
  });

  it("follows with -f: lines written later arrive, and stopping kubectl ends it", async () => {
    const child = spawnKubectl(["logs", "-f", "waiter"]);
    const out = collect(child.stdout);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await out.waitFor(/^before\n$/);
    await ok(["exec", "waiter", "--", "touch", "/tmp/go"]);
    await out.waitFor(/^before\nafter\n$/);
    child.kill("SIGINT");
    await exited;
    expect(out.text()).toBe("before\nafter\n");
  });

  it("ends -f when the container ends", async () => {
    await eventually(async () => expect((await server().client.get<Pod>(podsRef, "default", "brief")).status?.containerStatuses?.[0]?.state?.waiting).toBeUndefined(), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    const started = Date.now();
    const followed = await kubectl(["logs", "-f", "brief"]);
    expect(followed).toEqual({ code: 0, stdout: "first\nlast\n", stderr: "" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("prints the previous attempt's log with --previous after a restart", async () => {
    const pod = await runningPod("restarted");
    expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(await ok(["logs", "restarted"])).toBe("attempt 2\n");
    expect(await ok(["logs", "restarted", "--previous"])).toBe("attempt 1\n");
    const none = await kubectl(["logs", "counted", "--previous"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('Error from server (BadRequest): previous terminated container "main" in pod "counted" not found\n');
  });

  it("picks a container of a two-container pod with -c; without one kubectl names the one it defaulted to", async () => {
    expect(await ok(["logs", "pair", "-c", "right"])).toBe("from right\n");
    expect(await ok(["logs", "pair", "-c", "left"])).toBe("from left\n");
    // kubectl 1.32 defaults to the first container itself and says so.
    expect(await kubectl(["logs", "pair"])).toEqual({ code: 0, stdout: "from left\n", stderr: 'Defaulted container "left" out of: left, right\n' });
    // kubectl checks the name itself before it asks.
    expect(await kubectl(["logs", "pair", "-c", "nope"])).toEqual({ code: 1, stdout: "", stderr: "error: container nope is not valid for pod pair\n" });
  });

  it("the server asks for a container when a request names none on a two-container pod, and refuses one the pod lacks", async () => {
    const error = await server()
      .client.request<string>({ method: "GET", path: "/api/v1/namespaces/default/pods/pair/log" })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(400);
    expect((error as StatusError).message).toBe("a container name must be specified for pod pair, choose one of: [left right]");
    const wrong = await server()
      .client.request<string>({ method: "GET", path: "/api/v1/namespaces/default/pods/pair/log?container=nope" })
      .then(() => undefined, (e: unknown) => e);
    expect((wrong as StatusError).message).toBe("container nope is not valid for pod pair");
  });

  it("drops older lines with --since", async () => {
    // "old" was written at least three seconds ago once "new" shows.
    await eventually(async () => expect(await ok(["logs", "ticker"])).toMatch(/^old\nnew\nnew\n/), { timeoutMs: 20_000, intervalMs: 250 });
    const recent = await ok(["logs", "ticker", "--since=1s"]);
    expect(recent).toMatch(/^(new\n)+$/);
    const since = new Date(Date.now() - 1_000).toISOString().replace(/\.\d+Z$/, "Z");
    expect(await ok(["logs", "ticker", `--since-time=${since}`])).toMatch(/^(new\n)+$/);
  });

  it("refuses as the kubelet does for a pod still ContainerCreating, or waiting for another reason", async () => {
    for (const [pod, reason] of [
      ["stuck", "ContainerCreating"],
      ["unconfigured", "CreateContainerConfigError"],
    ]) {
      await eventually(async () => expect((await server().client.get<Pod>(podsRef, "default", pod ?? "")).status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe(reason), {
        timeoutMs: 30_000,
        intervalMs: 250,
      });
      const result = await kubectl(["logs", pod ?? ""]);
      expect(result).toEqual({ code: 1, stdout: "", stderr: `Error from server (BadRequest): container "main" in pod "${pod}" is waiting to start: ${reason}\n` });
    }
  });
});

describe("skiff logs on real Docker", () => {
  it("prints the whole log, --tail, --timestamps, -c and --previous as kubectl does", async () => {
    expect(await skiffLogs(["counted"])).toEqual({ code: 0, stdout: "one\ntwo\nthree\n", stderr: "" });
    expect(await skiffLogs(["counted", "--tail", "2"])).toEqual({ code: 0, stdout: "two\nthree\n", stderr: "" });
    expect(await skiffLogs(["pod/counted", "--tail=1"])).toEqual({ code: 0, stdout: "three\n", stderr: "" });
    expect(await skiffLogs(["pair"])).toEqual({ code: 0, stdout: "from left\n", stderr: 'Defaulted container "left" out of: left, right\n' });
    const stampedLines = (await skiffLogs(["counted", "--timestamps"])).stdout.split("\n").slice(0, -1);
    expect(stampedLines.map((line) => stamped.exec(line)?.[2])).toEqual(["one", "two", "three"]);
    expect(await skiffLogs(["pair", "-c", "right"])).toEqual({ code: 0, stdout: "from right\n", stderr: "" });
    expect(await skiffLogs(["pair", "right"])).toEqual({ code: 0, stdout: "from right\n", stderr: "" });
    expect(await skiffLogs(["restarted", "--previous"])).toEqual({ code: 0, stdout: "attempt 1\n", stderr: "" });
    expect(await skiffLogs(["restarted", "--limit-bytes", "4"])).toEqual({ code: 0, stdout: "atte", stderr: "" });
  });

  it("prints only recent lines with --since, and the kubelet's refusals on one line", async () => {
    expect((await skiffLogs(["ticker", "--since", "1s"])).stdout).toMatch(/^(new\n)+$/);
    expect(await skiffLogs(["stuck"])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (BadRequest): container "main" in pod "stuck" is waiting to start: ContainerCreating\n',
    });
  });

  it("follows with -f until interrupted", async () => {
    const stop = new AbortController();
    let stdout = "";
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => undefined }, interrupt: stop.signal };
    const done = runLogs(["waiter", "-f", ...kubeconfigArgs()], io);
    // Seen by the last line; a failed wait before it must not leave it unhandled.
    done.catch(() => undefined);
    await eventually(() => expect(stdout).toBe("before\nafter\n"), { timeoutMs: 10_000, intervalMs: 100 });
    // A line written now reaches the follower.
    await ok(["exec", "waiter", "--", "sh", "-c", "echo late > /proc/1/fd/1"]);
    await eventually(() => expect(stdout).toBe("before\nafter\nlate\n"), { timeoutMs: 10_000, intervalMs: 100 });
    stop.abort();
    expect(await done).toBe(0);
  });
});
