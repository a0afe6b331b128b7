import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { ContainerConfig, ContainerStatus, LogOptions, SandboxConfig } from "../../agent/runtime/container-runtime.js";
import { BUSYBOX, dockerTestRuntime, PAUSE, type DockerTestRuntime } from "./docker-fixture.js";

export interface Sandbox {
  id: string;
  config: SandboxConfig;
}

/** Pods made through a DockerRuntime for one test file, in a namespace of its own. */
export interface DockerPods {
  readonly t: DockerTestRuntime;
  sandboxConfig(overrides?: Partial<SandboxConfig>): SandboxConfig;
  containerConfig(overrides?: Partial<ContainerConfig>): ContainerConfig;
  sandbox(overrides?: Partial<SandboxConfig>): Promise<Sandbox>;
  /** Creates a busybox container (in a new sandbox unless given one) and starts it unless told not to. */
  start(config: Partial<ContainerConfig>, options?: { sandbox?: Sandbox; begin?: boolean }): Promise<string>;
  exited(id: string): Promise<ContainerStatus>;
  logs(id: string, options?: Partial<LogOptions>): Promise<{ stdout: string; stderr: string }>;
}

/**
 * A DockerTestRuntime made before the file's tests and torn down after them,
 * with helpers to make pods in it.
 *
 * @example
 * const pods = useDockerPods("skiff-test-x");
 * it("runs", async () => expect(await pods.exited(await pods.start({ command: ["true"] }))).toMatchObject({ exitCode: 0 }));
 */
export function useDockerPods(prefix: string): DockerPods {
  let runtime: DockerTestRuntime | undefined;
  beforeAll(async () => {
    runtime = await dockerTestRuntime(prefix);
  });
  afterAll(async () => {
    await runtime?.teardown();
    runtime = undefined;
  });
  const t = (): DockerTestRuntime => {
    if (!runtime) throw new Error("useDockerPods serves tests and hooks registered after it");
    return runtime;
  };

  const pods: DockerPods = {
    get t() {
      return t();
    },
    sandboxConfig(overrides = {}) {
      const pod = { uid: randomUUID(), namespace: t().namespace, name: `pod-${randomUUID().slice(0, 8)}` };
      return {
        pod,
        attempt: 0,
        image: PAUSE,
        hostname: pod.name,
        hostNetwork: false,
        network: t().bridge.name,
        portMappings: [],
        podLabels: { app: "test" },
        ...overrides,
      };
    },
    containerConfig(overrides = {}) {
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
    },
    async sandbox(overrides = {}) {
      const config = pods.sandboxConfig(overrides);
      return { id: await t().runtime.runPodSandbox(config), config };
    },
    async start(config, options = {}) {
      const box = options.sandbox ?? (await pods.sandbox());
      const id = await t().runtime.createContainer(box.id, pods.containerConfig(config), box.config);
      if (options.begin !== false) await t().runtime.startContainer(id);
      return id;
    },
    async exited(id) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const status = await t().runtime.containerStatus(id);
        if (status.state === "exited") return status;
        if (Date.now() > deadline) throw new Error(`container ${id} did not exit`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async logs(id, options = {}) {
      const out = { stdout: "", stderr: "" };
      await t().runtime.containerLogs(
        id,
        { follow: false, timestamps: false, ...options },
        { write: async (stream, chunk) => void (out[stream] += chunk.toString("utf8")) },
        new AbortController().signal,
      );
      return out;
    },
  };
  return pods;
}
