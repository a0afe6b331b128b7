import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  RuntimeNotFoundError,
  type ContainerEvent,
  type ContainerRuntime,
  type ContainerStatus,
  type PodIdentity,
  type SandboxConfig,
} from "./container-runtime.js";
import {
  containerConfig as contractContainer,
  eventually,
  newPod,
  readAll,
  sandboxConfig as contractSandbox,
  type RuntimeFixture,
} from "./runtime-contract-fixture.js";

export type { RuntimeFixture } from "./runtime-contract-fixture.js";

/**
 * The behaviour every ContainerRuntime must have, as vitest tests; each
 * runtime runs it from its own test file with a setup that makes a fixture.
 *
 * @example
 * describeContainerRuntime("docker", async () => ({ runtime, image, pauseImage, commands, teardown }));
 */
export function describeContainerRuntime(name: string, setup: () => Promise<RuntimeFixture>): void {
  describe(`ContainerRuntime contract: ${name}`, () => {
    let fixture: RuntimeFixture;
    const sandboxes: string[] = [];

    beforeAll(async () => {
      fixture = await setup();
    });

    afterAll(async () => {
      if (!fixture) return;
      for (const id of sandboxes) {
        await fixture.runtime.stopPodSandbox(id).catch(() => undefined);
        await fixture.runtime.removePodSandbox(id).catch(() => undefined);
      }
      await fixture.teardown();
    });

    const sandboxConfig = (pod: PodIdentity, attempt = 0): SandboxConfig => contractSandbox(fixture, pod, attempt);
    const containerConfig = (name: string, command: string[], attempt = 0) => contractContainer(fixture, name, command, attempt);

    async function runSandbox(pod = newPod()): Promise<{ pod: PodIdentity; sandboxId: string; config: SandboxConfig }> {
      const config = sandboxConfig(pod);
      const sandboxId = await fixture.runtime.runPodSandbox(config);
      sandboxes.push(sandboxId);
      return { pod, sandboxId, config };
    }

    async function runContainer(command: string[], name = "main"): Promise<{ pod: PodIdentity; sandboxId: string; id: string }> {
      const { pod, sandboxId, config } = await runSandbox();
      const id = await fixture.runtime.createContainer(sandboxId, containerConfig(name, command), config);
      await fixture.runtime.startContainer(id);
      return { pod, sandboxId, id };
    }

    function exited(id: string): Promise<ContainerStatus> {
      return eventually(`container ${id} to exit`, async () => {
        const status = await fixture.runtime.containerStatus(id);
        return status.state === "exited" ? status : undefined;
      });
    }

    it("runs a sandbox and a container through their whole life", async () => {
      const { runtime } = fixture;
      const { pod, sandboxId, config } = await runSandbox();
      const [sandbox] = await runtime.listPodSandboxes({ podUid: pod.uid });
      expect(sandbox).toMatchObject({ id: sandboxId, pod, attempt: 0, state: "ready", hostNetwork: false });

      const id = await runtime.createContainer(sandboxId, containerConfig("app", fixture.commands.runForever, 2), config);
      expect(await runtime.containerStatus(id)).toMatchObject({
        id,
        pod,
        sandboxId,
        name: "app",
        attempt: 2,
        specHash: "hash-app",
        state: "created",
        image: fixture.image,
      });
      await runtime.startContainer(id);
      const running = await runtime.containerStatus(id);
      expect(running.state).toBe("running");
      expect(running.startedAt).toBeInstanceOf(Date);
      expect(running.imageRef).not.toBe("");
      expect((await runtime.listContainers({ podUid: pod.uid })).map((c) => c.id)).toEqual([id]);
      expect((await runtime.listContainers({ sandboxId })).map((c) => c.id)).toEqual([id]);

      await runtime.stopContainer(id, 10);
      expect((await runtime.containerStatus(id)).state).toBe("exited");
      await runtime.removeContainer(id);
      expect(await runtime.listContainers({ podUid: pod.uid })).toEqual([]);

      await runtime.stopPodSandbox(sandboxId);
      const [stopped] = await runtime.listPodSandboxes({ podUid: pod.uid });
      expect(stopped?.state).toBe("notready");
      expect(stopped?.ip).toBeUndefined();
      await runtime.removePodSandbox(sandboxId);
      expect(await runtime.listPodSandboxes({ podUid: pod.uid })).toEqual([]);
    });

    it("gives a sandbox on a pod network its own IP", async () => {
      const { pod } = await runSandbox();
      const [sandbox] = await fixture.runtime.listPodSandboxes({ podUid: pod.uid });
      expect(sandbox?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    });

    it("lists only what matches the filter", async () => {
      const first = await runContainer(fixture.commands.runForever);
      const second = await runContainer(fixture.commands.runForever);
      const all = (await fixture.runtime.listContainers()).map((c) => c.id);
      expect(all).toEqual(expect.arrayContaining([first.id, second.id]));
      expect((await fixture.runtime.listContainers({ podUid: second.pod.uid })).map((c) => c.id)).toEqual([second.id]);
      const sandboxIds = (await fixture.runtime.listPodSandboxes()).map((s) => s.id);
      expect(sandboxIds).toEqual(expect.arrayContaining([first.sandboxId, second.sandboxId]));
    });

    it("reports an exit with its code: Error for non-zero, Completed for zero", async () => {
      const failed = await runContainer(fixture.commands.printAndExit({ stdout: "", stderr: "", exitCode: 3 }));
      const completed = await runContainer(fixture.commands.printAndExit({ stdout: "", stderr: "", exitCode: 0 }));
      const failure = await exited(failed.id);
      expect(failure).toMatchObject({ state: "exited", exitCode: 3, reason: "Error" });
      // Docker may stamp a short-lived process's start a moment after its end: only their presence is the contract.
      expect(failure.startedAt).toBeInstanceOf(Date);
      expect(failure.finishedAt).toBeInstanceOf(Date);
      expect(await exited(completed.id)).toMatchObject({ exitCode: 0, reason: "Completed" });
    });

    it("stops and removes idempotently", async () => {
      const { runtime } = fixture;
      const { pod, sandboxId, id } = await runContainer(fixture.commands.runForever);
      await runtime.stopContainer(id, 10);
      await runtime.stopContainer(id, 10);
      expect((await runtime.containerStatus(id)).state).toBe("exited");
      // A container still running when its sandbox stops is stopped with it.
      const sandbox = sandboxConfig(pod);
      const left = await runtime.createContainer(sandboxId, containerConfig("left", fixture.commands.runForever), sandbox);
      await runtime.startContainer(left);
      await runtime.stopPodSandbox(sandboxId);
      expect((await runtime.containerStatus(left)).state).toBe("exited");
      await runtime.stopPodSandbox(sandboxId);
      // Removing the sandbox takes its containers with it.
      await runtime.removePodSandbox(sandboxId);
      await runtime.removePodSandbox(sandboxId);
      await expect(runtime.containerStatus(id)).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await runtime.stopPodSandbox(`missing-${randomUUID()}`);
      await runtime.removePodSandbox(`missing-${randomUUID()}`);
    });

    it("serves a container's log by stream, with tail, limit and timestamps", async () => {
      const [{ id }, { id: stdoutOnly }] = await Promise.all([
        runContainer(fixture.commands.printAndExit({ stdout: "one\ntwo\nthree\n", stderr: "oops\n", exitCode: 0 })),
        runContainer(fixture.commands.printAndExit({ stdout: "one\ntwo\nthree\n", stderr: "", exitCode: 0 })),
      ]);
      await Promise.all([exited(id), exited(stdoutOnly)]);
      const read = async (options: Partial<Parameters<ContainerRuntime["containerLogs"]>[1]> = {}, from = id) => {
        const out = { stdout: "", stderr: "" };
        await fixture.runtime.containerLogs(
          from,
          { follow: false, timestamps: false, ...options },
          {
            write: async (stream, chunk) => {
              out[stream] += chunk.toString("utf8");
            },
          },
          new AbortController().signal,
        );
        return out;
      };
      expect(await read()).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "oops\n" });
      // The tail is of the whole log; which of two streams wrote last is the process's race, so one stream here.
      expect(await read({ tailLines: 1 }, stdoutOnly)).toEqual({ stdout: "three\n", stderr: "" });
      const limited = await read({ limitBytes: 5 });
      expect(limited.stdout.length + limited.stderr.length).toBe(5);
      const stamped = (await read({ timestamps: true })).stdout.split("\n").filter(Boolean);
      expect(stamped).toHaveLength(3);
      for (const line of stamped) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z (one|two|three)$/);
    });

    it("follows a running container's log until the signal aborts", async () => {
      const { id } = await runContainer(fixture.commands.runForever);
      const abort = new AbortController();
      const following = fixture.runtime.containerLogs(
        id,
        { follow: true, timestamps: false },
        { write: async () => undefined },
        abort.signal,
      );
      setTimeout(() => abort.abort(), 300);
      await expect(following).resolves.toBeUndefined();
    });

    it("runs a command in a container, its output split and its exit code reported", async () => {
      const { id } = await runContainer(fixture.commands.runForever);
      const session = await fixture.runtime.exec(id, {
        command: fixture.commands.printAndExit({ stdout: "to out", stderr: "to err", exitCode: 7 }),
        tty: false,
        stdin: false,
        stdout: true,
        stderr: true,
      });
      const [stdout, stderr] = await Promise.all([readAll(session.stdout), readAll(session.stderr)]);
      expect({ stdout, stderr }).toEqual({ stdout: "to out", stderr: "to err" });
      expect(await session.exitCode).toBe(7);
    });

    it("tells listeners when a container starts and dies", async () => {
      const events: ContainerEvent[] = [];
      const unsubscribe = fixture.runtime.onContainerEvent((event) => events.push(event));
      try {
        // Give a stream-based runtime a moment to subscribe before anything happens.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const { pod, id } = await runContainer(fixture.commands.printAndExit({ stdout: "", stderr: "", exitCode: 1 }));
        await eventually("start and die events", async () => {
          const mine = events.filter((e) => e.containerId === id).map((e) => e.type);
          return mine.includes("start") && mine.includes("die") ? true : undefined;
        });
        expect(events.find((e) => e.containerId === id)?.pod).toEqual(pod);
      } finally {
        unsubscribe();
      }
    });

    it("answers RuntimeNotFoundError for ids that do not exist", async () => {
      const { runtime } = fixture;
      const missing = `missing-${randomUUID()}`;
      const { config } = await runSandbox();
      await expect(runtime.containerStatus(missing)).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await expect(runtime.startContainer(missing)).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await expect(runtime.stopContainer(missing, 1)).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await expect(runtime.removeContainer(missing)).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await expect(
        runtime.exec(missing, { command: ["true"], tty: false, stdin: false, stdout: true, stderr: true }),
      ).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await expect(
        runtime.containerLogs(missing, { follow: false, timestamps: false }, { write: async () => undefined }, new AbortController().signal),
      ).rejects.toBeInstanceOf(RuntimeNotFoundError);
      await expect(
        runtime.createContainer(missing, containerConfig("x", fixture.commands.runForever), config),
      ).rejects.toBeInstanceOf(RuntimeNotFoundError);
      expect(await runtime.imageStatus(`skiff-test/missing-${randomUUID().slice(0, 8)}:1`)).toBeUndefined();
    });

    describe("containers it did not make", () => {
      it("are never listed, stopped or removed", async (context) => {
        if (!fixture.foreignContainer) context.skip();
        const foreign = await fixture.foreignContainer!();
        const { runtime } = fixture;
        expect((await runtime.listContainers()).map((c) => c.id)).not.toContain(foreign.id);
        expect((await runtime.listPodSandboxes()).map((s) => s.id)).not.toContain(foreign.id);
        await expect(runtime.containerStatus(foreign.id)).rejects.toBeInstanceOf(RuntimeNotFoundError);
        await expect(runtime.stopContainer(foreign.id, 0)).rejects.toBeInstanceOf(RuntimeNotFoundError);
        await expect(runtime.removeContainer(foreign.id)).rejects.toBeInstanceOf(RuntimeNotFoundError);
        await runtime.stopPodSandbox(foreign.id);
        await runtime.removePodSandbox(foreign.id);
        expect(await foreign.stillRunning()).toBe(true);
      });
    });
  });
}
