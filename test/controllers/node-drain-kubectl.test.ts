import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNotFound, type ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { rejection } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { createReadyPod, FakeKubelet, nodesRef, nodeUser, podsRef, type NodeObject, type PodObject } from "./node-lifecycle-support.js";

const users = [nodeUser("pi-drain"), nodeUser("pi-other"), { token: "jane-token", name: "jane" }];
const { server, kubectl, ok } = useKubectlServer({ users });
const wait = { timeoutMs: 10_000, intervalMs: 100 };
const daemonSetsRef = { group: "apps", version: "v1", resource: "daemonsets", namespaced: true };

let kubelets: FakeKubelet[] = [];
let finisher: NodeJS.Timeout | undefined;

/** As the node's agent would: a pod of its own marked for deletion is stopped and deleted with grace 0. */
function finishDeletionsOn(kubelet: FakeKubelet): NodeJS.Timeout {
  return setInterval(() => {
    void (async () => {
      const list = await kubelet.client.list<PodObject>(podsRef, undefined, { fieldSelector: `spec.nodeName=${kubelet.name}` });
      for (const pod of list.items) {
        if (pod.metadata.deletionTimestamp === undefined) continue;
        await kubelet.client.delete(podsRef, pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid ?? "" } });
      }
    })().catch(() => undefined);
  }, 200);
}

const podNames = async (node: string): Promise<string[]> => {
  const list = await server().client.list<PodObject>(podsRef, "default", { fieldSelector: `spec.nodeName=${node}` });
  return list.items.map((pod) => pod.metadata.name).sort();
};

beforeAll(async () => {
  kubelets = [new FakeKubelet(server(), "pi-drain"), new FakeKubelet(server(), "pi-other")];
  for (const kubelet of kubelets) {
    await kubelet.register();
    kubelet.startRenewing(2_000);
  }
  finisher = finishDeletionsOn(kubelets[0]!);
});
afterAll(() => {
  if (finisher) clearInterval(finisher);
  for (const kubelet of kubelets) kubelet.close();
});

describe("cordon, uncordon and drain through the real kubectl", () => {
  it("cordon marks the node unschedulable (SchedulingDisabled, the unschedulable taint); uncordon undoes it", async () => {
    expect(await ok(["cordon", "pi-drain"])).toBe("node/pi-drain cordoned\n");
    const node = await server().client.get<NodeObject>(nodesRef, undefined, "pi-drain");
    expect(node.spec?.unschedulable).toBe(true);
    expect(await ok(["get", "nodes", "--no-headers"])).toMatch(/^pi-drain\s+Ready,SchedulingDisabled\s/m);
    await eventually(async () => {
      const tainted = await server().client.get<NodeObject>(nodesRef, undefined, "pi-drain");
      expect(tainted.spec?.taints).toEqual([{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }]);
    }, wait);
    expect(await ok(["uncordon", "pi-drain"])).toBe("node/pi-drain uncordoned\n");
    expect(await ok(["get", "nodes", "--no-headers"])).toMatch(/^pi-drain\s+Ready\s/m);
    await eventually(async () => {
      const untainted = await server().client.get<NodeObject>(nodesRef, undefined, "pi-drain");
      expect(untainted.spec?.unschedulable ?? false).toBe(false);
      expect(untainted.spec?.taints ?? []).toEqual([]);
    }, wait);
  });

  it("drain evicts the node's pods, skips its DaemonSet's pod, and leaves other nodes alone", async () => {
    const client = server().client;
    // The node runs the DaemonSet (its nodeSelector matches), and OnDelete keeps a DaemonSet controller from replacing the hand-made pod.
    await client.patch(nodesRef, undefined, "pi-drain", "merge", { metadata: { labels: { drain: "me" } } });
    const daemonSet = await client.create<ApiObject & { metadata: { uid: string } }>(daemonSetsRef, "default", {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agentish" },
      spec: {
        selector: { matchLabels: { app: "agentish" } },
        updateStrategy: { type: "OnDelete" },
        template: { metadata: { labels: { app: "agentish" } }, spec: { nodeSelector: { drain: "me" }, containers: [{ name: "a", image: "busybox" }] } },
      },
    });
    await client.create(podsRef, "default", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "agentish-pi-drain",
        labels: { app: "agentish" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "agentish", uid: daemonSet.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { nodeName: "pi-drain", containers: [{ name: "a", image: "busybox" }] },
    });
    await createReadyPod(client, "bare", "pi-drain");
    await client.create(podsRef, "default", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "scratch" },
      spec: { nodeName: "pi-drain", volumes: [{ name: "tmp", emptyDir: {} }], containers: [{ name: "a", image: "busybox", volumeMounts: [{ name: "tmp", mountPath: "/tmp" }] }] },
    });
    await createReadyPod(client, "elsewhere", "pi-other");

    // Without --ignore-daemonsets and --force, drain refuses and names the pods in the way.
    const refused = await kubectl(["drain", "pi-drain", "--timeout=20s"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("cannot delete");
    expect(await podNames("pi-drain")).toEqual(["agentish-pi-drain", "bare", "scratch"]);

    const drained = await kubectl(["drain", "pi-drain", "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=30s"]);
    expect(drained.code, drained.stderr).toBe(0);
    // Evicted (the policy/v1 Eviction API), not deleted: kubectl says which.
    expect(drained.stdout).toContain("evicting pod default/bare");
    expect(drained.stdout).toContain("evicting pod default/scratch");
    expect(drained.stdout).toContain("node/pi-drain drained");
    expect(drained.stderr).toContain("ignoring DaemonSet-managed Pods: default/agentish-pi-drain");
    expect(await podNames("pi-drain")).toEqual(["agentish-pi-drain"]);
    expect(await podNames("pi-other")).toEqual(["elsewhere"]);
    expect(await ok(["get", "node", "pi-drain", "--no-headers"])).toMatch(/Ready,SchedulingDisabled/);
  }, 60_000);
});

describe("the pods/eviction subresource", () => {
  const evict = (name: string, body: Record<string, unknown> = {}, query = ""): Promise<unknown> =>
    server().client.request({
      method: "POST",
      path: `/api/v1/namespaces/default/pods/${name}/eviction${query}`,
      body: JSON.stringify({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: "default" }, ...body }),
      contentType: "application/json",
    });
  const codeOf = async (promise: Promise<unknown>): Promise<number> => {
    const error = await rejection(promise);
    return error instanceof StatusError ? error.code : -1;
  };

  it("is in discovery as kubectl drain looks for it: pods/eviction, kind Eviction, policy/v1", async () => {
    const list = await server().client.request<{ resources: Array<{ name: string; group?: string; version?: string; kind: string; verbs: string[] }> }>({
      method: "GET",
      path: "/api/v1",
    });
    expect(list.resources.find((r) => r.name === "pods/eviction")).toEqual({
      name: "pods/eviction",
      singularName: "",
      namespaced: true,
      group: "policy",
      version: "v1",
      kind: "Eviction",
      verbs: ["create"],
    });
  });

  it("deletes with the Eviction's options: dry run, grace period, preconditions; 404 for no pod, 400 for a name mismatch", async () => {
    const pod = await createReadyPod(server().client, "evictee", "pi-other");
    expect(await evict("evictee", {}, "?dryRun=All")).toMatchObject({ kind: "Status", status: "Success", code: 201 });
    expect((await server().client.get<PodObject>(podsRef, "default", "evictee")).metadata.deletionTimestamp).toBeUndefined();
    expect(await codeOf(evict("evictee", { deleteOptions: { preconditions: { uid: "not-its-uid" } } }))).toBe(409);
    expect(await codeOf(evict("nobody"))).toBe(404);
    const mismatch = server().client.request({
      method: "POST",
      path: "/api/v1/namespaces/default/pods/evictee/eviction",
      body: JSON.stringify({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "other" } }),
      contentType: "application/json",
    });
    expect(await codeOf(mismatch)).toBe(400);
    await evict("evictee", { deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } } });
    const gone = await rejection(server().client.get(podsRef, "default", "evictee"));
    expect(isNotFound(gone)).toBe(true);
  });

  it("is allowed to edit (and admin), not to view", async () => {
    await ok(["create", "rolebinding", "jane-edit", "--clusterrole=edit", "--user=jane", "-n", "default"]);
    await eventually(async () => {
      const answer = await kubectl(["--token", "jane-token", "auth", "can-i", "create", "pods", "--subresource=eviction", "-n", "default"]);
      expect(answer.stdout.trim()).toBe("yes");
    }, wait);
    const notInKubeSystem = await kubectl(["--token", "jane-token", "auth", "can-i", "create", "pods", "--subresource=eviction", "-n", "kube-system"]);
    expect(notInKubeSystem.stdout.trim()).toBe("no");
  });
});

describe("DefaultTolerationSeconds through kubectl", () => {
  const manifest = JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "applied", namespace: "default" },
    spec: { containers: [{ name: "app", image: "busybox" }] },
  });

  it("adds the tolerations to an applied pod, and a second server-side apply without them keeps them", async () => {
    await ok(["apply", "--server-side", "-f", "-"], manifest);
    await ok(["apply", "--server-side", "-f", "-"], manifest);
    const seconds = await ok(["get", "pod", "applied", "-o", "jsonpath={range .spec.tolerations[*]}{.key}={.tolerationSeconds} {end}"]);
    expect(seconds.trim()).toBe("node.kubernetes.io/not-ready=300 node.kubernetes.io/unreachable=300");
  });
});
