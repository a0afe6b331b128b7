import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContainerConfig, ContainerEvent, ContainerStatus, PodIdentity, SandboxConfig } from "../../agent/runtime/container-runtime.js";
import { BUSYBOX, busyboxCommands, dockerTestRuntime, PAUSE, type DockerTestRuntime } from "./docker-fixture.js";

// What the Docker runtime makes of a ContainerConfig and a SandboxConfig, checked inside real containers.
let t: DockerTestRuntime;

beforeAll(async () => {
  t = await dockerTestRuntime("skiff-test-rtc");
});

afterAll(async () => {
  await t?.teardown();
});

function newPod(): PodIdentity {
  return { uid: randomUUID(), namespace: t.namespace, name: `pod-${randomUUID().slice(0, 8)}` };
}

function sandboxConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  const pod = newPod();
  return {
    pod,
    attempt: 0,
    image: PAUSE,
    hostname: pod.name,
    hostNetwork: false,
    network: t.bridge.name,
    portMappings: [],
    podLabels: { app: "rtc" },
    ...overrides,
  };
}

function containerConfig(overrides: Partial<ContainerConfig> = {}): ContainerConfig {
  return {
    name: "app",
    attempt: 0,
    specHash: "h1",
    image: BUSYBOX,
    env: [],
    mounts: [],
    tmpfs: [],
    tty: false,
    stdin: false,
    stdinOnce: false,
    resources: {},
    security: {
      privileged: false,
      readOnlyRootFilesystem: false,
      capabilitiesAdd: [],
      capabilitiesDrop: [],
      noNewPrivileges: false,
    },
    ...overrides,
  };
}

async function sandbox(overrides: Partial<SandboxConfig> = {}): Promise<{ id: string; config: SandboxConfig }> {
  const config = sandboxConfig(overrides);
  return { id: await t.runtime.runPodSandbox(config), config };
}

async function start(config: Partial<ContainerConfig>, inSandbox?: { id: string; config: SandboxConfig }): Promise<string> {
  const box = inSandbox ?? (await sandbox());
  const id = await t.runtime.createContainer(box.id, containerConfig(config), box.config);
  await t.runtime.startContainer(id);
  return id;
}

async function exited(id: string): Promise<ContainerStatus> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await t.runtime.containerStatus(id);
    if (status.state === "exited") return status;
    if (Date.now() > deadline) throw new Error(`container ${id} did not exit`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function logs(id: string): Promise<string> {
  let text = "";
  await t.runtime.containerLogs(
    id,
    { follow: false, timestamps: false },
    { write: async (_stream, chunk) => void (text += chunk.toString("utf8")) },
    new AbortController().signal,
  );
  return text;
}

/** Runs a shell script to its end; its exit code and both streams' output. */
async function script(text: string, config: Partial<ContainerConfig> = {}): Promise<{ status: ContainerStatus; output: string }> {
  const id = await start({ command: ["sh", "-c", text], ...config });
  const status = await exited(id);
  return { status, output: await logs(id) };
}

describe("container config", () => {
  it("runs command as entrypoint and args as cmd, with env and workingDir", async () => {
    const both = await script('echo "$0 $1 $GREETING $(pwd)"', {
      args: ["first", "second"],
      env: [{ name: "GREETING", value: "hello world" }],
      workingDir: "/tmp",
    });
    expect(both.output).toBe("first second hello world /tmp\n");
    // args alone run with the image's entrypoint (busybox has none: args are the whole command line).
    const argsOnly = await start({ args: ["sh", "-c", "echo args only"] });
    await exited(argsOnly);
    expect(await logs(argsOnly)).toBe("args only\n");
  });

  it("runs as the given user and groups, read-only, without new privileges, capabilities dropped", async () => {
    const { status, output } = await script(
      [
        'echo "ids $(id -u) $(id -g) $(id -G)"',
        "touch /rootfs-write 2>/dev/null && echo rootfs writable || echo rootfs read-only",
        "grep NoNewPrivs /proc/self/status",
        "grep CapBnd /proc/self/status",
      ].join("; "),
      {
        security: {
          runAsUser: 1234,
          runAsGroup: 2345,
          supplementalGroups: [3456],
          privileged: false,
          readOnlyRootFilesystem: true,
          capabilitiesAdd: [],
          capabilitiesDrop: ["ALL"],
          noNewPrivileges: true,
        },
      },
    );
    expect(status.exitCode).toBe(0);
    expect(output).toContain("ids 1234 2345 2345 3456");
    expect(output).toContain("rootfs read-only");
    expect(output).toMatch(/NoNewPrivs:\s+1/);
    expect(output).toMatch(/CapBnd:\s+0000000000000000/);
  });

  it("mounts host directories (read-only when asked) and sized tmpfs", async () => {
    const dir = join(t.terminationDir, `mount-${randomUUID().slice(0, 8)}`);
    await mkdir(dir);
    await writeFile(join(dir, "file"), "from the host");
    const { output } = await script(
      [
        "cat /data/file; echo",
        "touch /data/new 2>/dev/null && echo data writable || echo data read-only",
        "touch /scratch/new && echo scratch writable",
        "df -k /scratch | tail -n 1",
      ].join("; "),
      {
        mounts: [{ hostPath: dir, containerPath: "/data", readOnly: true }],
        tmpfs: [{ containerPath: "/scratch", sizeBytes: 8 * 1024 * 1024 }],
      },
    );
    expect(output).toContain("from the host\ndata read-only\nscratch writable\n");
    expect(output).toMatch(/^tmpfs\s+8192\s/m);
  });

  it("sets memory and CPU limits on the container", async () => {
    const id = await start({
      command: busyboxCommands.runForever,
      resources: { memoryLimitBytes: 64 * 1024 * 1024, cpuQuota: 50_000, cpuPeriod: 100_000, cpuShares: 512 },
    });
    const info = await t.docker.getContainer(id).inspect();
    expect(info.HostConfig).toMatchObject({
      Memory: 64 * 1024 * 1024,
      MemorySwap: 64 * 1024 * 1024,
      CpuQuota: 50_000,
      CpuPeriod: 100_000,
      CpuShares: 512,
    });
  });

  it("reports OOMKilled (and an oom event) when the memory limit kills the process", async () => {
    // tail looks for the last line of an endless stream without newlines: its buffer only grows.
    const events: ContainerEvent[] = [];
    const unsubscribe = t.runtime.onContainerEvent((event) => events.push(event));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { status } = await script("tail /dev/zero", { resources: { memoryLimitBytes: 16 * 1024 * 1024 } });
      expect(status).toMatchObject({ state: "exited", reason: "OOMKilled", exitCode: 137 });
      const deadline = Date.now() + 5_000;
      while (!events.some((e) => e.containerId === status.id && e.type === "oom") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(events.filter((e) => e.containerId === status.id).map((e) => e.type)).toEqual(["start", "oom", "die"]);
    } finally {
      unsubscribe();
    }
  });

  it("reads the termination message the container wrote, and cuts it at 4 KiB", async () => {
    const { status } = await script("printf 'all done' > /dev/termination-log; exit 2");
    expect(status).toMatchObject({ exitCode: 2, reason: "Error", message: "all done" });
    const custom = await script("head -c 5000 /dev/zero | tr '\\0' x > /tmp/msg", { terminationMessagePath: "/tmp/msg" });
    expect(custom.status.message).toBe("x".repeat(4096));
  });

  it("replaces a leftover container of the same name that is not running", async () => {
    const box = await sandbox();
    const first = await t.runtime.createContainer(box.id, containerConfig({ command: ["true"] }), box.config);
    const second = await t.runtime.createContainer(box.id, containerConfig({ command: ["true"] }), box.config);
    expect(second).not.toBe(first);
    expect((await t.runtime.listContainers({ sandboxId: box.id })).map((c) => c.id)).toEqual([second]);
    const info = await t.docker.getContainer(second).inspect();
    expect(info.Name).toBe(`/k8s_app_${box.config.pod.name}_${t.namespace}_${box.config.pod.uid}_0`);
  });

  it("shows an exit in listContainers once it happened", async () => {
    const box = await sandbox();
    const id = await start({ command: busyboxCommands.runForever }, box);
    expect((await t.runtime.listContainers({ sandboxId: box.id }))[0]?.state).toBe("running");
    await t.runtime.stopContainer(id, 5);
    expect((await t.runtime.listContainers({ sandboxId: box.id }))[0]).toMatchObject({ state: "exited", exitCode: 0 });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function httpStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get({ host: "127.0.0.1", port, path: "/", timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

describe("sandbox", () => {
  it("is named and labelled as dockershim did, with an IP on the pod network", async () => {
    const box = await sandbox({ podLabels: { app: "rtc", "skiff.dev/managed-by": "someone-else" } });
    const info = await t.docker.getContainer(box.id).inspect();
    const { pod } = box.config;
    expect(info.Name).toBe(`/k8s_POD_${pod.name}_${t.namespace}_${pod.uid}_0`);
    expect(info.Config.Labels).toMatchObject({
      app: "rtc",
      "io.kubernetes.pod.uid": pod.uid,
      "io.kubernetes.pod.namespace": t.namespace,
      "io.kubernetes.pod.name": pod.name,
      "io.kubernetes.container.name": "POD",
      "io.kubernetes.docker.type": "podsandbox",
      "skiff.dev/managed-by": "skiff-agent",
    });
    const [status] = await t.runtime.listPodSandboxes({ podUid: pod.uid });
    expect(status?.ip?.startsWith(t.bridge.cidr.split(".").slice(0, 3).join("."))).toBe(true);
  });

  it("gives its containers its hostname, DNS, extra hosts and network", async () => {
    const box = await sandbox({
      hostname: "web-0",
      dns: { servers: ["10.43.0.10"], searches: ["ns.svc.cluster.local", "svc.cluster.local"], options: ["ndots:5"] },
      hosts: [{ ip: "10.1.2.3", hostnames: ["alias-one", "alias-two"] }],
    });
    const [status] = await t.runtime.listPodSandboxes({ podUid: box.config.pod.uid });
    const id = await start({ command: ["sh", "-c", "hostname; cat /etc/resolv.conf /etc/hosts; ip -4 addr"] }, box);
    await exited(id);
    const output = await logs(id);
    expect(output.split("\n")[0]).toBe("web-0");
    // The servers themselves, as in Kubernetes, not Docker's embedded DNS of user-defined networks.
    expect(output).toContain("nameserver 10.43.0.10");
    expect(output).not.toContain("127.0.0.11");
    expect(output).toMatch(/search ns\.svc\.cluster\.local svc\.cluster\.local/);
    expect(output).toContain("options ndots:5");
    expect(output).toMatch(/10\.1\.2\.3\s+alias-one/);
    expect(output).toContain(`inet ${status?.ip}/24`);
  });

  it("publishes hostPorts on the node", async () => {
    const hostPort = await freePort();
    const box = await sandbox({ portMappings: [{ protocol: "TCP", containerPort: 8080, hostPort, hostIP: "127.0.0.1" }] });
    await start({ command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"] }, box);
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status === 0 && Date.now() < deadline) {
      status = await httpStatus(hostPort).catch(() => 0);
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(404); // busybox httpd answers: the port reached the pod
  });

  it("shares its PID namespace only when asked", async () => {
    const pidOne = async (shareProcessNamespace: boolean): Promise<string> => {
      const box = await sandbox({ shareProcessNamespace });
      const id = await start({ command: ["sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline"] }, box);
      await exited(id);
      return logs(id);
    };
    expect(await pidOne(true)).toContain("trap");
    // Its own namespace: PID 1 is the container's own process (sh has exec'd tr by then).
    expect(await pidOne(false)).not.toContain("trap");
  });

  it("with the host's network has no pod IP", async () => {
    const box = await sandbox({ hostNetwork: true });
    const [status] = await t.runtime.listPodSandboxes({ podUid: box.config.pod.uid });
    expect(status).toMatchObject({ state: "ready", hostNetwork: true, ip: undefined });
    const info = await t.docker.getContainer(box.id).inspect();
    expect(info.HostConfig.NetworkMode).toBe("host");
    // Not on the test bridge: remove it here, teardown only sweeps the bridge.
    await t.runtime.stopPodSandbox(box.id);
    await t.runtime.removePodSandbox(box.id);
  });
});
