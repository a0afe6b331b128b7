import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NodePart } from "../../agent/node/node-part.js";
import { realHostReader } from "../../agent/node/host-reader.js";
import { RuntimeError, type RuntimeInfo } from "../../agent/runtime/container-runtime.js";
import { DockerRuntime } from "../../agent/runtime/docker/docker-runtime.js";
import type { Node } from "../../src/api/core/v1/node.js";
import { RestEventRecorder } from "../../src/client/events/rest-event-recorder.js";
import { createLogger } from "../../src/log.js";
import { clientWith, rejection } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";

const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const log = createLogger("silent");
const users = [
  { token: "np-1-token", name: "system:node:np-1", groups: ["system:nodes"] },
  { token: "np-2-token", name: "system:node:np-2", groups: ["system:nodes"] },
];
const { server, ok } = useKubectlServer({ users });
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Docker as it is, unless `down` says the engine stopped answering. */
function switchable(real: RuntimeInfo): RuntimeInfo & { down: boolean } {
  const runtime = {
    down: false,
    version: () => real.version(),
    ping: async () => {
      if (runtime.down) throw new RuntimeError("docker ping", "Cannot connect to the Docker daemon");
      await real.ping();
    },
  };
  return runtime;
}

const readyOf = (node: Node) => node.status?.conditions?.find((condition) => condition.type === "Ready");

describe("the node part against the real server, as the node identity", () => {
  it("registers with the host's facts, goes NotReady while Docker does not answer and Ready again, with Events", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "skiff-node-part-"));
    dirs.push(dataDir);
    const client = clientWith(server(), "np-1-token");
    const runtime = switchable(new DockerRuntime({ terminationMessageDir: join(dataDir, "termination-messages"), log }));
    const recorder = new RestEventRecorder({ client, component: "kubelet", host: "np-1", log });
    const part = new NodePart({
      client,
      nodeName: "np-1",
      labels: { "skiff.dev/lab": "attic" },
      taints: [],
      dataDir,
      runtime,
      host: realHostReader,
      recorder,
      log,
      statusCheckMs: 200,
      leaseRenewMs: 200,
    });
    try {
      await part.start();
      const node = await server().client.get<Node>(nodesRef, undefined, "np-1");
      expect(readyOf(node)).toMatchObject({ status: "True", reason: "KubeletReady" });
      expect(node.status?.nodeInfo).toMatchObject({ operatingSystem: "linux", kubeletVersion: expect.stringMatching(/^v\d/), containerRuntimeVersion: expect.stringMatching(/^docker:\/\//) });
      expect(node.status?.addresses?.[0]?.type).toBe("InternalIP");
      expect(Number(node.status?.capacity?.["ephemeral-storage"])).toBeGreaterThan(0);

      runtime.down = true;
      await eventually(async () => {
        const current = await server().client.get<Node>(nodesRef, undefined, "np-1");
        expect(readyOf(current)).toMatchObject({ status: "False", reason: "KubeletNotReady", message: "container runtime is down" });
      }, { timeoutMs: 10_000, intervalMs: 100 });
      expect((await ok(["get", "node", "np-1"])).split("\n")[1]).toMatch(/^np-1 +NotReady /);
      runtime.down = false;
      await eventually(async () => {
        const current = await server().client.get<Node>(nodesRef, undefined, "np-1");
        expect(readyOf(current)?.status).toBe("True");
      }, { timeoutMs: 10_000, intervalMs: 100 });
      await recorder.flush();
      const described = await ok(["describe", "node", "np-1"]);
      for (const reason of ["Starting", "NodeReady", "NodeNotReady"]) expect(described).toMatch(new RegExp(`Normal +${reason} `));
      expect(described).toMatch(/Labels: +beta\.kubernetes\.io\/arch=/);
      expect(described).toMatch(/skiff\.dev\/lab=attic/);
    } finally {
      await part.stop();
      client.close();
    }
  });

  it("may not touch another node's Node or Lease (node restriction applies)", async () => {
    const asTwo = clientWith(server(), "np-2-token");
    const other = { apiVersion: "v1", kind: "Node", metadata: { name: "np-1" } };
    expect(String(await rejection(asTwo.create(nodesRef, undefined, other)))).toMatch(/forbidden/i);
    expect(String(await rejection(asTwo.patch(nodesRef, undefined, "np-1", "strategic", { status: {} }, { subresource: "status" })))).toMatch(/forbidden/i);
    asTwo.close();
  });
});
