import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { isNotFound, RestClient } from "../../src/client/rest/rest-client.js";
import { realClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { informerPodSource, nodePodInformer } from "../../agent/kubelet/pods/pod-source.js";
import { PodWorkers } from "../../agent/kubelet/pods/pod-workers.js";
import { FakeHooks, FakeProbes, FakeResources, RecordingEvents } from "../../agent/kubelet/pods/testing/fakes.js";
import { restStatusWriter } from "../../agent/kubelet/status/status-writer.js";
import { FakeRuntime } from "../../agent/runtime/fake/fake-runtime.js";
import { useTestServer } from "../support/server-hooks.js";

const { server } = useTestServer({ users: [{ token: "pi-1-node-token", name: "system:node:pi-1", groups: ["system:nodes"] }] });

const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const namespaces: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };
const ns = "kubelet-it";
const log = createLogger("silent");
const runtime = new FakeRuntime({ podCidr: "10.42.9.0/24" });
const recorder = new RecordingEvents();
const stop = new AbortController();
let node: RestClient;

beforeAll(async () => {
  await server().client.create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  node = new RestClient({ ...server().admin, token: "pi-1-node-token" });
  runtime.images.addLocal("skiff-test/pause:1");
  runtime.images.addLocal("skiff-test/busybox:1");
  const informer = nodePodInformer(node, "pi-1", log);
  const source = informerPodSource(informer, log);
  void informer.run(stop.signal);
  expect(await informer.waitForSync(stop.signal)).toBe(true);
  const workers = new PodWorkers({
    runtime,
    resources: new FakeResources(),
    probes: new FakeProbes(),
    recorder,
    hooks: new FakeHooks(),
    pods: source,
    writer: restStatusWriter(node),
    clock: realClock,
    log,
    nodeName: "pi-1",
    hostIP: "192.168.1.10",
    sandbox: { pauseImage: "skiff-test/pause:1" },
    runtimeName: "docker",
    relistIntervalMs: 500,
  });
  void workers.run(stop.signal);
});

afterAll(() => {
  stop.abort();
  node?.close();
});

const podManifest = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: ns },
  spec: { nodeName: "pi-1", terminationGracePeriodSeconds: 20, containers: [{ name: "main", image: "skiff-test/busybox:1", imagePullPolicy: "IfNotPresent" }] },
});

describe("pod workers against the real server, as node pi-1", () => {
  it("reports a pod bound to the node Running, with container statuses, by PATCH of its status", async () => {
    const created = await server().client.create<Pod>(pods, ns, podManifest("web"));
    await vi.waitFor(
      async () => {
        const pod = await server().client.get<Pod>(pods, ns, "web");
        expect(pod.status?.phase).toBe("Running");
      },
      { timeout: 15_000, interval: 100 },
    );
    const pod = await server().client.get<Pod>(pods, ns, "web");
    const [container] = await runtime.listContainers({ podUid: created.metadata.uid! });
    expect(pod.status).toMatchObject({
      hostIP: "192.168.1.10",
      podIP: "10.42.9.2",
      qosClass: "BestEffort",
      containerStatuses: [{ name: "main", ready: true, started: true, restartCount: 0, containerID: `docker://${container!.id}`, state: { running: {} } }],
    });
    expect(pod.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  });

  it("writes no status and deletes nothing for a uid that is not the pod's", async () => {
    const created = await server().client.create<Pod>(pods, ns, { ...podManifest("other"), spec: { ...podManifest("other").spec, nodeName: "pi-2" } });
    const writer = restStatusWriter(server().client);
    const key = { namespace: ns, name: "other", uid: "not-its-uid" };
    expect(await writer.writeStatus(key, { phase: "Failed" })).toBe(false);
    await writer.finishDeletion(key);
    const pod = await server().client.get<Pod>(pods, ns, "other");
    expect(pod.metadata.uid).toBe(created.metadata.uid);
    expect(pod.status?.phase).not.toBe("Failed");
    expect(await writer.writeStatus({ ...key, uid: created.metadata.uid! }, { phase: "Failed" })).toBe(true);
    expect((await server().client.get<Pod>(pods, ns, "other")).status?.phase).toBe("Failed");
  });

  it("finishes a graceful deletion once the containers are stopped and removed", async () => {
    const pod = await server().client.get<Pod>(pods, ns, "web");
    await server().client.delete(pods, ns, "web");
    await vi.waitFor(
      async () => {
        const gone = await server().client.get(pods, ns, "web").then(
          () => false,
          (error: unknown) => isNotFound(error),
        );
        expect(gone).toBe(true);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(await runtime.listContainers({ podUid: pod.metadata.uid! })).toEqual([]);
    expect(await runtime.listPodSandboxes({ podUid: pod.metadata.uid! })).toEqual([]);
    expect(recorder.reasons()).toContain("Killing");
  });
});
