import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ContainerConfig, ContainerEvent, ContainerStatus } from "../../agent/runtime/container-runtime.js";
import { busyboxCommands } from "./docker-fixture.js";
import { useDockerPods } from "./docker-pods.js";

// What the Docker runtime makes of a ContainerConfig, checked inside real containers.
const pods = useDockerPods("skiff-test-rtc");

/** Both streams of a container's log, stdout first. */
async function output(id: string): Promise<string> {
  const { stdout, stderr } = await pods.logs(id);
  return stdout + stderr;
}

/** Runs a shell script to its end: its status and its output. */
async function script(text: string, config: Partial<ContainerConfig> = {}): Promise<{ status: ContainerStatus; output: string }> {
  const id = await pods.start({ command: ["sh", "-c", text], ...config });
  const status = await pods.exited(id);
  return { status, output: await output(id) };
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
    const argsOnly = await pods.start({ args: ["sh", "-c", "echo args only"] });
    await pods.exited(argsOnly);
    expect(await output(argsOnly)).toBe("args only\n");
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
    const dir = join(pods.t.terminationDir, `mount-${randomUUID().slice(0, 8)}`);
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
    const id = await pods.start({
      command: busyboxCommands.runForever,
      resources: { memoryLimitBytes: 64 * 1024 * 1024, cpuQuota: 50_000, cpuPeriod: 100_000, cpuShares: 512 },
    });
    const info = await pods.t.docker.getContainer(id).inspect();
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
    const unsubscribe = pods.t.runtime.onContainerEvent((event) => events.push(event));
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
    const box = await pods.sandbox();
    const first = await pods.t.runtime.createContainer(box.id, pods.containerConfig({ command: ["true"] }), box.config);
    const second = await pods.t.runtime.createContainer(box.id, pods.containerConfig({ command: ["true"] }), box.config);
    expect(second).not.toBe(first);
    expect((await pods.t.runtime.listContainers({ sandboxId: box.id })).map((c) => c.id)).toEqual([second]);
    const info = await pods.t.docker.getContainer(second).inspect();
    expect(info.Name).toBe(`/k8s_app_${box.config.pod.name}_${pods.t.namespace}_${box.config.pod.uid}_0`);
  });

  it("kills a process that ignores SIGTERM once the stop timeout has passed", async () => {
    const id = await pods.start({ command: ["sh", "-c", "trap '' TERM; while :; do sleep 1; done"] });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the trap is set
    const started = Date.now();
    await pods.t.runtime.stopContainer(id, 1);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await pods.t.runtime.containerStatus(id)).toMatchObject({ state: "exited", exitCode: 137, reason: "Error" });
  });

  it("shows an exit in listContainers once it happened", async () => {
    const box = await pods.sandbox();
    const id = await pods.start({ command: busyboxCommands.runForever }, { sandbox: box });
    expect((await pods.t.runtime.listContainers({ sandboxId: box.id }))[0]?.state).toBe("running");
    await pods.t.runtime.stopContainer(id, 5);
    expect((await pods.t.runtime.listContainers({ sandboxId: box.id }))[0]).toMatchObject({ state: "exited", exitCode: 0 });
  });
});
