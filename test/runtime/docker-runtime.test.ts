import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../agent/runtime/container-runtime.js";
import { DockerRuntime } from "../../agent/runtime/docker/docker-runtime.js";
import { describeContainerRuntime } from "../../agent/runtime/runtime-contract.js";
import { createLogger } from "../../src/log.js";
import { BUSYBOX, busyboxCommands, dockerTestRuntime, PAUSE, TEST_LABEL } from "./docker-fixture.js";

// The runtime contract against the real Docker Engine.
describeContainerRuntime("docker", async () => {
  const setup = await dockerTestRuntime("skiff-test-contract");
  const foreign: Docker.Container[] = [];
  return {
    runtime: setup.runtime,
    image: BUSYBOX,
    pauseImage: PAUSE,
    network: setup.bridge.name,
    commands: busyboxCommands,
    async foreignContainer() {
      // Named like one of skiff's, but without its labels.
      const container = await setup.docker.createContainer({
        name: `k8s_POD_foreign_contract_${Date.now()}_0`,
        Image: BUSYBOX,
        Cmd: busyboxCommands.runForever,
        Labels: { [TEST_LABEL]: "runtime-foreign" },
      });
      foreign.push(container);
      await container.start();
      return { id: container.id, stillRunning: async () => (await container.inspect()).State.Running };
    },
    async teardown() {
      for (const container of foreign) await container.remove({ force: true }).catch(() => undefined);
      await setup.teardown();
    },
  };
});

describe("Docker runtime info", () => {
  const log = createLogger("silent");

  it("pings the engine and names its version, as a Node's containerRuntimeVersion needs", async () => {
    const docker = new Docker();
    const runtime = new DockerRuntime({ docker, terminationMessageDir: tmpdir(), log });
    await runtime.ping();
    expect(await runtime.version()).toEqual({ name: "docker", version: (await docker.version()).Version });
  });

  it("rejects with a RuntimeError when the engine does not answer", async () => {
    const docker = new Docker({ socketPath: join(tmpdir(), `skiff-no-docker-${process.pid}.sock`) });
    const runtime = new DockerRuntime({ docker, terminationMessageDir: tmpdir(), log });
    await expect(runtime.ping()).rejects.toBeInstanceOf(RuntimeError);
    await expect(runtime.version()).rejects.toBeInstanceOf(RuntimeError);
  });

  it("reads a daemon that accepts but never answers as down, within 5 s", async () => {
    const socketPath = join(tmpdir(), `skiff-hung-docker-${process.pid}.sock`);
    const sockets: Socket[] = [];
    const hung = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(socketPath, resolve));
    try {
      const runtime = new DockerRuntime({ docker: new Docker({ socketPath }), terminationMessageDir: tmpdir(), log });
      const started = Date.now();
      await expect(runtime.ping()).rejects.toThrow(/ping docker: no answer within 5000 ms/);
      expect(Date.now() - started).toBeLessThan(7_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  });

  it("gives a local image without a registry digest its image id as ref", async () => {
    const runtime = new DockerRuntime({ terminationMessageDir: tmpdir(), log });
    const info = await runtime.imageStatus(BUSYBOX);
    expect(info?.ref).toMatch(/^docker:\/\/sha256:[0-9a-f]{64}$/);
    expect(info?.sizeBytes).toBeGreaterThan(0);
  });
});
