import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../src/api/core/v1/container.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { FakeClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { NodePodResources } from "../../agent/kubelet/config/pod-resources.js";
import { MapObjectSource } from "../../agent/kubelet/testing/map-object-source.js";
import { FakeTokenRequests } from "../../agent/kubelet/testing/fake-token-requests.js";
import { parsePod } from "../../agent/kubelet/testing/parse-pod.js";
import type { ContainerConfig } from "../../agent/runtime/container-runtime.js";

/*
 * What NodePodResources makes, checked against the real Docker Engine:
 * volumes on the node's disk bound into containers (configMap updates seen
 * by a running container, emptyDir shared, subPath, tmpfs size) and the
 * security and resource settings as Docker applies them. The translation
 * to Docker's API below is the obvious one; the runtime has its own.
 */

const docker = new Docker();
const run = promisify(execFile);
const label = { "skiff.dev/test": "podconfig" };
const made: Docker.Container[] = [];
const clock = new FakeClock(Date.UTC(2026, 0, 1));
const objects = new MapObjectSource()
  .putConfigMap("default", "app-config", { "app.conf": "version=1", GREETING: "hi" })
  .putSecret("default", "db", { password: "s3cret" });
let root: string;
let resources: NodePodResources;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "skiff-podconfig-docker-"));
  resources = new NodePodResources({
    root,
    objects,
    events: { event: () => undefined },
    clock,
    log: createLogger("silent"),
    allocatable: { memory: "4Gi", cpu: "2" },
    requestToken: new FakeTokenRequests(clock).requestToken,
  });
});
afterAll(async () => {
  await Promise.all(made.map((c) => c.remove({ force: true }).catch(() => undefined)));
  await rm(root, { recursive: true, force: true });
});

/** Creates and starts a container from a ContainerConfig, as a runtime would. */
async function start(config: ContainerConfig, cmd: string[]): Promise<Docker.Container> {
  const { security, resources: limits } = config;
  const container = await docker.createContainer({
    Image: "skiff-test/busybox:1",
    Cmd: cmd,
    Env: config.env.map((e) => `${e.name}=${e.value}`),
    WorkingDir: config.workingDir,
    Labels: label,
    User: security.runAsUser === undefined ? undefined : `${security.runAsUser}${security.runAsGroup === undefined ? "" : `:${security.runAsGroup}`}`,
    HostConfig: {
      Binds: config.mounts.map((m) => `${m.hostPath}:${m.containerPath}${m.readOnly ? ":ro" : ""}`),
      Tmpfs: Object.fromEntries(config.tmpfs.map((t) => [t.containerPath, t.sizeBytes === undefined ? "" : `size=${t.sizeBytes}`])),
      GroupAdd: security.supplementalGroups?.map(String),
      CapAdd: security.capabilitiesAdd,
      CapDrop: security.capabilitiesDrop,
      Privileged: security.privileged,
      ReadonlyRootfs: security.readOnlyRootFilesystem,
      SecurityOpt: security.noNewPrivileges ? ["no-new-privileges"] : [],
      Memory: limits.memoryLimitBytes,
      CpuQuota: limits.cpuQuota,
      CpuPeriod: limits.cpuPeriod,
      CpuShares: limits.cpuShares,
    },
  });
  made.push(container);
  await container.start();
  return container;
}

async function shell(container: Docker.Container, script: string): Promise<string> {
  const { stdout } = await run("docker", ["exec", container.id, "sh", "-c", script], { timeout: 10_000 });
  return stdout.trim();
}

const podWith = (uid: string, containers: object[], spec: object = {}): Pod =>
  parsePod({ metadata: { name: uid, namespace: "default", uid }, spec: { containers, ...spec } });
const configOf = (pod: Pod, index = 0): ContainerConfig =>
  resources.containerConfig(pod, pod.spec.containers[index] as Container, { attempt: 0, nodeName: "n", podIP: "10.42.0.3" });
const sleeper = ["sleep", "300"];

describe("NodePodResources with the real Docker Engine", () => {
  it("lets a running container, as a non-root user, see a ConfigMap's update", async () => {
    const pod = podWith(
      "cfg-pod",
      [{ name: "app", volumeMounts: [{ name: "config", mountPath: "/etc/app" }, { name: "config", mountPath: "/pinned.conf", subPath: "app.conf" }] }],
      { volumes: [{ name: "config", configMap: { name: "app-config" } }], securityContext: { runAsUser: 1000, runAsGroup: 1000 } },
    );
    await resources.prepare(pod);
    const container = await start(configOf(pod), sleeper);
    expect(await shell(container, "cat /etc/app/app.conf")).toBe("version=1");
    expect(await shell(container, "touch /etc/app/x 2>&1 || echo refused")).toMatch(/refused/);

    objects.putConfigMap("default", "app-config", { "app.conf": "version=2", GREETING: "hi" });
    clock.advance(60_000);
    await resources.prepare(pod);
    expect(await shell(container, "cat /etc/app/app.conf")).toBe("version=2");
    // A subPath mount is pinned to the file it was made from, as in Kubernetes.
    expect(await shell(container, "cat /pinned.conf")).toBe("version=1");
  });

  it("lets a non-root container read a 0400 Secret through its fsGroup, and share files in the group", async () => {
    const pod = podWith(
      "fsgroup-pod",
      [{ name: "app", volumeMounts: [{ name: "creds", mountPath: "/creds" }, { name: "scratch", mountPath: "/scratch" }] }],
      {
        volumes: [{ name: "creds", secret: { secretName: "db", defaultMode: 0o400 } }, { name: "scratch", emptyDir: {} }],
        securityContext: { runAsUser: 1000, fsGroup: 2000 },
      },
    );
    await resources.prepare(pod);
    const container = await start(configOf(pod), sleeper);
    expect(await shell(container, "cat /creds/password")).toBe("s3cret");
    expect(await shell(container, "touch /scratch/f && stat -c %g /scratch/f")).toBe("2000");
  });

  it("shares a disk emptyDir between containers and gives a memory one its size", async () => {
    const pod = podWith(
      "shared-pod",
      [
        { name: "writer", volumeMounts: [{ name: "scratch", mountPath: "/data" }, { name: "cache", mountPath: "/cache" }] },
        { name: "reader", volumeMounts: [{ name: "scratch", mountPath: "/in", subPath: "sub/dir" }] },
      ],
      { volumes: [{ name: "scratch", emptyDir: {} }, { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } }], securityContext: { runAsUser: 1000 } },
    );
    await resources.prepare(pod);
    const writer = await start(configOf(pod, 0), sleeper);
    const reader = await start(configOf(pod, 1), sleeper);
    await shell(writer, "echo shared > /data/sub/dir/note");
    expect(await shell(reader, "cat /in/note")).toBe("shared");
    expect(await shell(writer, "df -k /cache | tail -1 | awk '{print $2}'")).toBe(String(16 * 1024));
  });

  it("applies user, groups, capabilities, read-only root, no-new-privileges and limits as Docker takes them", async () => {
    const pod = podWith(
      "sec-pod",
      [
        {
          name: "app",
          env: [{ name: "WHO", value: "$(GREETING) there" }],
          envFrom: [{ configMapRef: { name: "app-config" } }],
          securityContext: {
            runAsGroup: 3000,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"], add: ["NET_ADMIN", "CAP_CHOWN"] },
          },
          resources: { limits: { cpu: "500m", memory: "32Mi" } },
        },
      ],
      { securityContext: { runAsUser: 1000, supplementalGroups: [4000], fsGroup: 2000 } },
    );
    const container = await start(configOf(pod), sleeper);
    expect(await shell(container, "id -u; id -g")).toBe("1000\n3000");
    expect((await shell(container, "id -G")).split(" ").sort()).toEqual(["2000", "3000", "4000"]);
    expect(await shell(container, "echo $WHO")).toBe("hi there");
    expect(await shell(container, "touch /x 2>&1 || echo refused")).toMatch(/refused/);
    expect(await shell(container, "grep NoNewPrivs /proc/self/status | awk '{print $2}'")).toBe("1");
    // NET_ADMIN is bit 12, CHOWN bit 0: the bounding set is exactly the two added.
    expect(await shell(container, "grep CapBnd /proc/self/status | awk '{print $2}'")).toBe("0000000000001001");
    const { HostConfig } = await container.inspect();
    expect(HostConfig).toMatchObject({ Memory: 32 * 1024 * 1024, CpuQuota: 50_000, CpuPeriod: 100_000, CpuShares: 512 });
  });
});
