import { randomInt, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { ensurePodBridge, type PodBridge } from "../../agent/network/pod-bridge.js";
import { DockerRuntime } from "../../agent/runtime/docker/docker-runtime.js";
import { createLogger } from "../../src/log.js";

export const BUSYBOX = "skiff-test/busybox:1";
export const PAUSE = "skiff-test/pause:1";
/** On every container these tests make outside the runtime, so a leftover is easy to find. */
export const TEST_LABEL = "skiff.dev/test";

/** busybox commands for the contract suite and the Docker tests. */
export const busyboxCommands = {
  runForever: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"],
  printAndExit: ({ stdout, stderr, exitCode }: { stdout: string; stderr: string; exitCode: number }): string[] => [
    "sh",
    "-c",
    `printf '%s' "$1"; printf '%s' "$2" >&2; exit "$3"`,
    "sh",
    stdout,
    stderr,
    String(exitCode),
  ],
};

/**
 * A pod bridge of its own for a test file: a random /24 from 10.42.192.0/19
 * (near the cluster range's top, clear of what servers allocate from its bottom and of
 * the pod bridge test's 10.42.224.0/19),
 * tried again on another when Docker says the pool overlaps one in use.
 */
export async function testPodBridge(docker: Docker, prefix: string): Promise<PodBridge> {
  for (let attempt = 0; ; attempt++) {
    const cidr = `10.42.${randomInt(192, 224)}.0/24`;
    try {
      return await ensurePodBridge(docker, { name: `${prefix}-${randomUUID().slice(0, 8)}`, cidr });
    } catch (error) {
      if (attempt >= 5 || !/overlap/i.test(String(error))) throw error;
    }
  }
}

export interface DockerTestRuntime {
  docker: Docker;
  runtime: DockerRuntime;
  bridge: PodBridge;
  terminationDir: string;
  /** The pod namespace the tests use: teardown removes every sandbox and container in it. */
  namespace: string;
  /** Removes what the runtime made in `namespace`, then the bridge and the directory. */
  teardown(): Promise<void>;
}

/** A DockerRuntime on the real engine, with its own pod bridge and termination-message directory. */
export async function dockerTestRuntime(prefix: string): Promise<DockerTestRuntime> {
  const docker = new Docker();
  const terminationDir = await mkdtemp(join(tmpdir(), `${prefix}-term-`));
  const namespace = `${prefix}-${randomUUID().slice(0, 8)}`;
  // A node of its own, as an agent's runtime has: test files sharing the engine never see each other's pods.
  const runtime = new DockerRuntime({ docker, node: namespace, terminationMessageDir: terminationDir, log: createLogger("silent") });
  const bridge = await testPodBridge(docker, prefix);
  return {
    docker,
    runtime,
    bridge,
    terminationDir,
    namespace,
    async teardown() {
      // Everything of the fixture's namespace was made by its tests, running or not, on the bridge or not.
      const made = await docker.listContainers({
        all: true,
        filters: { label: ["skiff.dev/managed-by=skiff-agent", `io.kubernetes.pod.namespace=${namespace}`] },
      });
      for (const { Id } of made) await docker.getContainer(Id).remove({ force: true, v: true }).catch(() => undefined);
      await docker.getNetwork(bridge.id).remove();
      await rm(terminationDir, { recursive: true, force: true });
    },
  };
}
