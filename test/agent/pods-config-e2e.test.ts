import { beforeAll, describe, expect, it } from "vitest";
import { busybox, configMapsRef, containerStatus, dockerId, run, secretsRef, usePodsE2E } from "./pods-e2e-support.js";

/*
 * What a container is given, end to end on real Docker: its environment,
 * its volumes (and a ConfigMap's update reaching a running container), its
 * resources and security settings as Docker holds them, and a missing
 * ConfigMap that holds it back until it is created.
 */

const e2e = usePodsE2E({ clusterCidr: "10.42.32.0/20", tag: "pods-config" });
const { ok, kubectl, createPod, createObject, waitPod, inspect, server, nodeName } = e2e;

const sleeper = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: busybox,
  imagePullPolicy: "Never",
  command: ["sh", "-c", "exec sleep 3600"],
  ...extra,
});
const runningPod = (name: string) =>
  waitPod(name, (p) => {
    expect(p.status?.phase).toBe("Running");
    for (const status of p.status?.containerStatuses ?? []) expect(status.state?.running).toBeDefined();
  });
const exec = (pod: string, script: string, container?: string) =>
  ok(["exec", pod, ...(container ? ["-c", container] : []), "--", "sh", "-c", script]);

beforeAll(async () => {
  await createObject(configMapsRef, { metadata: { name: "settings" }, data: { mode: "fast", "app.conf": "version=1", COLOR: "blue" } });
  await createObject(secretsRef, { metadata: { name: "creds" }, stringData: { password: "s3cret", TOKEN: "t0k" } });
  await Promise.all([
    createPod(
      "env",
      {
        containers: [
          sleeper("main", {
            env: [
              { name: "PLAIN", value: "literal" },
              { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
              { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              { name: "POD_UID", valueFrom: { fieldRef: { fieldPath: "metadata.uid" } } },
              { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
              { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
              { name: "APP", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
              { name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } },
              { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "creds", key: "password" } } },
              { name: "ABSENT", valueFrom: { secretKeyRef: { name: "nowhere", key: "x", optional: true } } },
              { name: "EXPANDED", value: "$(MODE)-$(PLAIN)" },
            ],
            envFrom: [{ configMapRef: { name: "settings" }, prefix: "CM_" }, { secretRef: { name: "creds" } }],
          }),
        ],
      },
      { labels: { app: "demo" } },
    ),
    createPod("late-config", {
      containers: [sleeper("main", { env: [{ name: "LATE", valueFrom: { configMapKeyRef: { name: "late", key: "value" } } }] })],
    }),
    createPod(
      "volumes",
      {
        volumes: [
          { name: "config", configMap: { name: "settings" } },
          { name: "secret", secret: { secretName: "creds", defaultMode: 0o400 } },
          { name: "shared", emptyDir: {} },
          { name: "info", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
        ],
        containers: [
          sleeper("writer", {
            command: ["sh", "-c", "echo from-writer > /shared/note; exec sleep 3600"],
            volumeMounts: [
              { name: "config", mountPath: "/config" },
              { name: "secret", mountPath: "/secret" },
              { name: "shared", mountPath: "/shared" },
              { name: "info", mountPath: "/info" },
            ],
          }),
          sleeper("reader", { volumeMounts: [{ name: "shared", mountPath: "/data" }] }),
        ],
      },
      { labels: { app: "volumes", tier: "test" } },
    ),
    createPod("more-volumes", {
      volumes: [
        { name: "picked", configMap: { name: "settings", items: [{ key: "app.conf", path: "conf/renamed.conf", mode: 0o600 }] } },
        { name: "whole", configMap: { name: "settings" } },
        { name: "scratch", emptyDir: { medium: "Memory", sizeLimit: "8Mi" } },
      ],
      containers: [
        sleeper("main", {
          volumeMounts: [
            { name: "picked", mountPath: "/picked", readOnly: true },
            { name: "whole", mountPath: "/etc/mode.txt", subPath: "mode" },
            { name: "scratch", mountPath: "/scratch" },
          ],
          securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }, allowPrivilegeEscalation: false },
        }),
      ],
    }),
    createPod("host-net", { hostNetwork: true, containers: [sleeper("main")] }),
    createPod("limits", {
      containers: [
        sleeper("main", {
          resources: { limits: { memory: "64Mi", cpu: "500m" }, requests: { memory: "32Mi", cpu: "250m" } },
          securityContext: { runAsUser: 1000, runAsGroup: 2000, readOnlyRootFilesystem: true },
        }),
      ],
    }),
  ]);
}, 60_000);

describe("env", () => {
  it("holds values, pod and node fields, ConfigMap and Secret keys, envFrom with a prefix, and expansions", async () => {
    const pod = await runningPod("env");
    const env = Object.fromEntries(
      (await exec("env", "env"))
        .split("\n")
        .filter((line) => line.includes("="))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(env).toMatchObject({
      PLAIN: "literal",
      POD_NAME: "env",
      POD_NAMESPACE: "default",
      POD_UID: pod.metadata.uid,
      POD_IP: pod.status?.podIP,
      NODE: nodeName,
      APP: "demo",
      MODE: "fast",
      PASSWORD: "s3cret",
      EXPANDED: "fast-literal",
      CM_mode: "fast",
      CM_COLOR: "blue",
      TOKEN: "t0k",
      password: "s3cret",
    });
    expect(env.ABSENT).toBeUndefined();
    expect(pod.status?.podIP).toMatch(/^10\.42\.(3[2-9]|4[0-7])\./);
  });

  it("a missing ConfigMap holds the container in CreateContainerConfigError naming it, until it is created", async () => {
    const waiting = await waitPod("late-config", (p) => expect(containerStatus(p, "main").state?.waiting?.reason).toBe("CreateContainerConfigError"));
    expect(containerStatus(waiting, "main").state?.waiting?.message).toBe('configmap "late" not found');
    expect(await ok(["get", "pod", "late-config", "--no-headers"])).toMatch(/^late-config +0\/1 +CreateContainerConfigError /);
    await createObject(configMapsRef, { metadata: { name: "late" }, data: { value: "arrived" } });
    const started = Date.now();
    await waitPod("late-config", (p) => expect(containerStatus(p, "main").state?.running).toBeDefined(), 15_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await exec("late-config", "echo $LATE")).toBe("arrived\n");
  });
});

describe("volumes", () => {
  it("shows ConfigMap keys, Secret keys under defaultMode, an emptyDir shared by two containers, and the pod's labels", async () => {
    await runningPod("volumes");
    expect(await exec("volumes", "cat /config/mode /config/app.conf; echo", "writer")).toBe("fastversion=1\n");
    expect(await exec("volumes", "cat /secret/password; echo; stat -L -c %a /secret/password", "writer")).toBe("s3cret\n400\n");
    expect(await exec("volumes", "cat /data/note", "reader")).toBe("from-writer\n");
    await exec("volumes", "echo from-reader > /data/back", "reader");
    expect(await exec("volumes", "cat /shared/back", "writer")).toBe("from-reader\n");
    expect((await exec("volumes", "cat /info/labels", "writer")).split("\n").filter((l) => l !== "").sort()).toEqual(['app="volumes"', 'tier="test"']);
  });

  it("brings a ConfigMap's update into the running container's files within a minute", async () => {
    await server().client.patch(configMapsRef, "default", "settings", "merge", { data: { "app.conf": "version=2" } });
    const started = Date.now();
    await expect.poll(() => exec("volumes", "cat /config/app.conf", "writer"), { timeout: 65_000, interval: 1_000 }).toBe("version=2");
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 70_000);
});

describe("more volume shapes and the host's network", () => {
  it("maps ConfigMap items to paths and modes, mounts one key by subPath, and an emptyDir in memory with its size", async () => {
    await runningPod("more-volumes");
    expect(await exec("more-volumes", "cat /picked/conf/renamed.conf; echo; stat -L -c %a /picked/conf/renamed.conf; ls /picked")).toMatch(/^version=[12]\n600\nconf\n$/);
    expect(await exec("more-volumes", "cat /etc/mode.txt")).toBe("fast");
    expect(await exec("more-volumes", "grep ' /scratch ' /proc/mounts | cut -d' ' -f1,3")).toBe("tmpfs tmpfs\n");
    expect(await exec("more-volumes", "df -k /scratch | tail -1 | awk '{print $2}'")).toBe("8192\n");
    const refused = await kubectl(["exec", "more-volumes", "--", "touch", "/picked/x"]);
    expect(refused.stderr).toContain("Read-only file system");
  });

  it("drops and adds capabilities and forbids privilege escalation as Docker takes them", async () => {
    const pod = await e2e.pod("more-volumes");
    const docker = await inspect(dockerId(containerStatus(pod, "main").containerID));
    expect(docker.HostConfig.CapDrop).toEqual(["ALL"]);
    expect(docker.HostConfig.CapAdd).toEqual(["NET_BIND_SERVICE"]);
    expect(docker.HostConfig.SecurityOpt).toContain("no-new-privileges");
    // Only NET_BIND_SERVICE (bit 10) is left to the process.
    expect(await exec("more-volumes", "grep CapEff /proc/self/status | cut -f2")).toBe("0000000000000400\n");
  });

  it("runs a hostNetwork pod in the node's network namespace with the node's IP", async () => {
    const pod = await runningPod("host-net");
    expect(pod.status?.podIP).toBe("127.0.0.1");
    const { stdout } = await run("readlink", ["/proc/self/ns/net"]);
    const docker = await inspect(dockerId(containerStatus(pod, "main").containerID));
    expect(docker.HostConfig.NetworkMode).toMatch(/^container:/);
    expect(await exec("host-net", "readlink /proc/self/ns/net")).toBe(stdout);
  });
});

describe("resources and security", () => {
  it("turns limits and requests into Docker's memory, CPU quota and shares", async () => {
    const pod = await runningPod("limits");
    const docker = await inspect(dockerId(containerStatus(pod, "main").containerID));
    expect(docker.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(docker.HostConfig.CpuQuota / docker.HostConfig.CpuPeriod).toBe(0.5);
    expect(docker.HostConfig.CpuShares).toBe(256);
    expect(pod.status?.qosClass).toBe("Burstable");
  });

  it("runs as runAsUser/runAsGroup with a read-only root filesystem", async () => {
    const pod = await e2e.pod("limits");
    expect(await exec("limits", "id -u; id -g")).toBe("1000\n2000\n");
    const refused = await kubectl(["exec", "limits", "--", "touch", "/not-here"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Read-only file system");
    const docker = await inspect(dockerId(containerStatus(pod, "main").containerID));
    expect(docker.HostConfig.ReadonlyRootfs).toBe(true);
    expect(docker.Config.User).toBe("1000:2000");
  });
});
