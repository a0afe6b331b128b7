import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RuntimeNotFoundError, type SandboxConfig } from "../../agent/runtime/container-runtime.js";
import { DockerRuntime } from "../../agent/runtime/docker/docker-runtime.js";
import { createLogger } from "../../src/log.js";

/*
 * Two agents on one engine (parallel tests, a lab on one host): each node's
 * runtime sees and touches only its own pods, so neither takes the other's
 * for orphans and removes them.
 */

const run = promisify(execFile);
const log = createLogger("silent");
const uid = randomUUID();
let dir = "";
let mine: DockerRuntime;
let theirs: DockerRuntime;

const sandbox: SandboxConfig = {
  pod: { uid, namespace: `nodes-${process.pid}`, name: "owned" },
  attempt: 0,
  image: "skiff-test/pause:1",
  hostname: "owned",
  hostNetwork: false,
  network: "none",
  portMappings: [],
  podLabels: {},
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-runtime-nodes-"));
  mine = new DockerRuntime({ terminationMessageDir: join(dir, "a"), log, node: `a-${process.pid}` });
  theirs = new DockerRuntime({ terminationMessageDir: join(dir, "b"), log, node: `b-${process.pid}` });
});

afterAll(async () => {
  const { stdout } = await run("docker", ["ps", "-aq", "--filter", `label=io.kubernetes.pod.uid=${uid}`]);
  const ids = stdout.split("\n").filter((id) => id !== "");
  if (ids.length > 0) await run("docker", ["rm", "-f", "-v", ...ids]);
  await rm(dir, { recursive: true, force: true });
});

describe("a node's Docker runtime", () => {
  it("labels what it makes with its node, and another node's runtime neither lists nor touches it", async () => {
    const sandboxId = await mine.runPodSandbox(sandbox);
    const containerId = await mine.createContainer(
      sandboxId,
      {
        name: "main",
        attempt: 0,
        specHash: "h",
        image: "skiff-test/busybox:1",
        command: ["sleep", "3600"],
        env: [],
        mounts: [],
        tmpfs: [],
        tty: false,
        stdin: false,
        stdinOnce: false,
        resources: {},
        security: { privileged: false, readOnlyRootFilesystem: false, capabilitiesAdd: [], capabilitiesDrop: [], noNewPrivileges: false },
      },
      sandbox,
    );
    await mine.startContainer(containerId);
    const { stdout } = await run("docker", ["inspect", "-f", '{{index .Config.Labels "skiff.dev/node"}}', sandboxId, containerId]);
    expect(stdout.trim().split("\n")).toEqual([`a-${process.pid}`, `a-${process.pid}`]);

    expect((await mine.listPodSandboxes({ podUid: uid })).map((s) => s.id)).toEqual([sandboxId]);
    expect((await mine.listContainers({ podUid: uid })).map((c) => c.id)).toEqual([containerId]);
    expect(await theirs.listPodSandboxes({ podUid: uid })).toEqual([]);
    expect(await theirs.listContainers({ podUid: uid })).toEqual([]);
    await expect(theirs.containerStatus(containerId)).rejects.toBeInstanceOf(RuntimeNotFoundError);
    await expect(theirs.removeContainer(containerId)).rejects.toBeInstanceOf(RuntimeNotFoundError);
    await theirs.removePodSandbox(sandboxId);

    expect((await mine.containerStatus(containerId)).state).toBe("running");
    expect((await mine.listPodSandboxes({ podUid: uid }))[0]?.state).toBe("ready");
    await mine.removePodSandbox(sandboxId);
    expect(await mine.listPodSandboxes({ podUid: uid })).toEqual([]);
  });
});
