import { mkdtemp, readFile, rm } from "node:fs/promises";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRegistry, type TestRegistry } from "../support/registry.js";
import { busybox, condition, containerStatus, run, secretsRef, usePodsE2E } from "./pods-e2e-support.js";

/*
 * Probes through the agent, a host port on the node, and images pulled
 * with imagePullSecrets from a local registry with htpasswd auth, end to end
 * on real Docker; each with the Events kubectl describe shows.
 */

const e2e = usePodsE2E({ clusterCidr: "10.42.48.0/20", tag: "pods-probes" });
const { ok, createPod, createObject, waitPod, events } = e2e;
// A NodePort-range port of this file's own (files and runs in parallel must not collide).
const hostPort = 30000 + (process.pid % 2700);
let registry: TestRegistry | undefined;
let privateImage = "";
let hookDir = "";

const httpdScript = (port: number) => `mkdir -p /www && echo hello-from-httpd > /www/index.html && httpd -p ${port} -h /www && exec sleep 3600`;

/** GET http://127.0.0.1:PORT/ from the test process: loopback only. */
function loopbackGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get({ host: "127.0.0.1", port, path: "/", timeout: 2_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

beforeAll(async () => {
  // The hooks write where the test reads after the pod is gone: a hostPath on this machine.
  hookDir = await mkdtemp(join(tmpdir(), "skiff-pods-hooks-"));
  registry = await startRegistry();
  privateImage = await registry.push(busybox, `pods-probes-${process.pid}/busybox:1`);
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString("base64");
  await createObject(secretsRef, {
    metadata: { name: "registry-creds" },
    type: "kubernetes.io/dockerconfigjson",
    stringData: { ".dockerconfigjson": JSON.stringify({ auths: { [registry.host]: { username: registry.username, password: registry.password, auth } } }) },
  });
  await Promise.all([
    createPod("ready-file", {
      containers: [
        {
          name: "main",
          image: busybox,
          imagePullPolicy: "Never",
          command: ["sleep", "3600"],
          readinessProbe: { exec: { command: ["cat", "/tmp/ready"] }, periodSeconds: 1 },
        },
      ],
    }),
    createPod("live-http", {
      containers: [
        {
          name: "main",
          image: busybox,
          imagePullPolicy: "Never",
          command: ["sh", "-c", httpdScript(8080)],
          livenessProbe: { httpGet: { path: "/", port: 8080 }, periodSeconds: 1, failureThreshold: 2 },
        },
      ],
    }),
    createPod("slow-start", {
      containers: [
        {
          name: "main",
          image: busybox,
          imagePullPolicy: "Never",
          command: ["sh", "-c", `until [ -e /tmp/go ]; do sleep 0.2; done; ${httpdScript(8081)}`],
          startupProbe: { tcpSocket: { port: 8081 }, periodSeconds: 1, failureThreshold: 30 },
        },
      ],
    }),
    createPod("hooks", {
      terminationGracePeriodSeconds: 5,
      volumes: [{ name: "host", hostPath: { path: hookDir, type: "Directory" } }],
      containers: [
        {
          name: "main",
          image: busybox,
          imagePullPolicy: "Never",
          command: ["sh", "-c", "trap 'echo term >> /host/log; exit 0' TERM; while true; do sleep 1; done"],
          volumeMounts: [{ name: "host", mountPath: "/host" }],
          lifecycle: {
            postStart: { exec: { command: ["sh", "-c", "echo post-start >> /host/log"] } },
            preStop: { exec: { command: ["sh", "-c", "echo pre-stop >> /host/log"] } },
          },
        },
      ],
    }),
    createPod("host-port", {
      containers: [
        { name: "main", image: busybox, imagePullPolicy: "Never", command: ["sh", "-c", httpdScript(80)], ports: [{ containerPort: 80, hostPort }] },
      ],
    }),
    createPod("private", {
      imagePullSecrets: [{ name: "registry-creds" }],
      containers: [{ name: "main", image: privateImage, imagePullPolicy: "Always", command: ["sleep", "3600"] }],
    }),
    createPod("private-no-secret", {
      containers: [{ name: "main", image: privateImage, imagePullPolicy: "Always", command: ["sleep", "3600"] }],
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (hookDir) await rm(hookDir, { recursive: true, force: true });
  // The image the agent pulled into the engine for this file alone.
  if (privateImage) await run("docker", ["rmi", "-f", privateImage]).catch(() => undefined);
});

describe("probes", () => {
  it("an exec readiness probe keeps the pod not Ready until its file exists", async () => {
    const pod = await waitPod("ready-file", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const notReady = await e2e.pod("ready-file");
    expect(containerStatus(notReady, "main").ready).toBe(false);
    expect(condition(notReady, "Ready")).toBe("False");
    expect(condition(notReady, "ContainersReady")).toBe("False");
    expect(await ok(["get", "pod", "ready-file", "--no-headers"])).toMatch(/^ready-file +0\/1 +Running +0 /);
    await ok(["exec", "ready-file", "--", "touch", "/tmp/ready"]);
    const ready = await waitPod("ready-file", (p) => expect(condition(p, "Ready")).toBe("True"), 10_000);
    expect(containerStatus(ready, "main").ready).toBe(true);
    expect(containerStatus(ready, "main").restartCount).toBe(0);
    expect(pod.metadata.uid).toBe(ready.metadata.uid);
    expect((await events("ready-file")).some((e) => e.reason === "Unhealthy" && e.message?.startsWith("Readiness probe failed:"))).toBe(true);
  });

  it("an httpGet liveness probe that fails gets the container killed and restarted, with Unhealthy and Killing events", async () => {
    const before = await waitPod("live-http", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined());
    const firstId = containerStatus(before, "main").containerID;
    await ok(["exec", "live-http", "--", "killall", "httpd"]);
    const after = await waitPod("live-http", (p) => {
      expect(containerStatus(p, "main").restartCount).toBe(1);
      expect(containerStatus(p, "main").state?.running).toBeDefined();
    });
    expect(containerStatus(after, "main").containerID).not.toBe(firstId);
    // Killed by the agent: SIGTERM to sleep as PID 1, which does not handle it, then SIGKILL after the grace period.
    expect(containerStatus(after, "main").lastState?.terminated?.exitCode).toBe(137);
    const reasons = await events("live-http");
    expect(reasons.find((e) => e.reason === "Unhealthy")?.message).toMatch(/^Liveness probe failed: Get "http:\/\/10\.42\.\d+\.\d+:8080\/": dial tcp 10\.42\.\d+\.\d+:8080: connect: connection refused$/);
    expect(reasons.find((e) => e.reason === "Killing")?.message).toBe("Container main failed liveness probe, will be restarted");
    // The new container serves again and stays.
    await expect.poll(async () => (await ok(["exec", "live-http", "--", "sh", "-c", "timeout 5 wget -qO- http://127.0.0.1:8080/"])), { timeout: 5_000 }).toBe("hello-from-httpd\n");
    const text = await ok(["describe", "pod", "live-http"]);
    expect(text).toMatch(/Warning +Unhealthy .* Liveness probe failed: /);
    expect(text).toMatch(/Normal +Killing .* Container main failed liveness probe, will be restarted/);
  });
});

describe("startup probes and lifecycle hooks", () => {
  it("a tcpSocket startup probe holds started and ready back until the port answers, without a restart", async () => {
    const early = await waitPod("slow-start", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined());
    expect(containerStatus(early, "main").started).toBe(false);
    expect(containerStatus(early, "main").ready).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(containerStatus(await e2e.pod("slow-start"), "main").started).toBe(false);
    await ok(["exec", "slow-start", "--", "touch", "/tmp/go"]);
    const started = await waitPod("slow-start", (p) => expect(containerStatus(p, "main").started).toBe(true), 15_000);
    expect(containerStatus(started, "main").ready).toBe(true);
    expect(containerStatus(started, "main").restartCount).toBe(0);
  });

  it("runs postStart after the start, and preStop before SIGTERM on deletion", async () => {
    await waitPod("hooks", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined());
    expect(await readFile(join(hookDir, "log"), "utf8")).toBe("post-start\n");
    await ok(["delete", "pod", "hooks", "--wait=true", "--timeout=30s"]);
    expect(await readFile(join(hookDir, "log"), "utf8")).toBe("post-start\npre-stop\nterm\n");
    const reasons = (await events("hooks")).map((e) => e.reason);
    expect(reasons).toContain("Killing");
  }, 40_000);
});

describe("host ports", () => {
  it("publishes a container port on the node's port", async () => {
    const pod = await waitPod("host-port", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined());
    expect(pod.spec.containers[0]?.ports?.[0]).toMatchObject({ containerPort: 80, hostPort, protocol: "TCP" });
    await expect.poll(() => loopbackGet(hostPort).catch((error: unknown) => String(error)), { timeout: 10_000 }).toBe("hello-from-httpd\n");
  });
});

describe("imagePullSecrets", () => {
  it("pulls a private image with the pod's dockerconfigjson Secret under imagePullPolicy Always", async () => {
    const pod = await waitPod("private", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined());
    expect(containerStatus(pod, "main").image).toBe(privateImage);
    expect(containerStatus(pod, "main").imageID).toMatch(/^(docker-pullable:\/\/|docker:\/\/)/);
    const text = await ok(["describe", "pod", "private"]);
    expect(text).toContain(`Pulling image "${privateImage}"`);
    expect(text).toMatch(new RegExp(`Successfully pulled image "${privateImage.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`));
    expect(text).toMatch(/Normal +Created .* Created container main/);
    expect(text).toMatch(/Normal +Started .* Started container main/);
  });

  it("without the Secret, the pull fails: ErrImagePull, then ImagePullBackOff", async () => {
    const pod = await waitPod("private-no-secret", (p) =>
      expect(["ErrImagePull", "ImagePullBackOff"]).toContain(containerStatus(p, "main").state?.waiting?.reason),
    );
    expect(containerStatus(pod, "main").state?.waiting?.message).toContain(privateImage);
    await waitPod("private-no-secret", (p) => expect(containerStatus(p, "main").state?.waiting?.reason).toBe("ImagePullBackOff"));
    const reasons = (await events("private-no-secret")).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["Pulling", "Failed", "BackOff"]));
    expect(await ok(["get", "pod", "private-no-secret", "--no-headers"])).toMatch(/^private-no-secret +0\/1 +(ErrImagePull|ImagePullBackOff) /);
  });
});
