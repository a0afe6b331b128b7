import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
  type V1Deployment,
  type V1Pod,
} from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server-hooks.js";

// The official JavaScript client (@kubernetes/client-node), a second client
// no one here wrote, against a real skiff server through its admin kubeconfig.
const { kubeconfig } = useTestServer();
let config: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  config = new KubeConfig();
  config.loadFromFile(kubeconfig());
  core = config.makeApiClient(CoreV1Api);
  apps = config.makeApiClient(AppsV1Api);
});

/** Each test works in a namespace of its own, so none sees another's objects. */
async function namespace(name: string): Promise<string> {
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

const pod = (name: string, labels: Record<string, string> = {}): V1Pod => ({
  metadata: { name, labels },
  spec: { containers: [{ name: "main", image: "skiff-test/busybox:1" }] },
});

const deployment = (name: string): V1Deployment => ({
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: "main", image: "skiff-test/busybox:1", env: [{ name: "MODE", value: "a" }] }] },
    },
  },
});

/** Resolves once `predicate` holds, polling the way a test waits for a callback-driven client. */
async function eventually(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("@kubernetes/client-node against skiff", () => {
  it("creates pods and lists them, whole and by label", async () => {
    const ns = await namespace("cn-list");
    const created = await core.createNamespacedPod({ namespace: ns, body: pod("web-1", { app: "web" }) });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.namespace).toBe(ns);
    expect(created.spec?.restartPolicy).toBe("Always");
    expect(created.spec?.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
    // The client turns timestamps into Dates: a malformed one would be an Invalid Date.
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(Number.isNaN(created.metadata?.creationTimestamp?.getTime())).toBe(false);
    await core.createNamespacedPod({ namespace: ns, body: pod("db-1", { app: "db" }) });

    const all = await core.listNamespacedPod({ namespace: ns });
    expect(all.items.map((p) => p.metadata?.name).sort()).toEqual(["db-1", "web-1"]);
    expect(Number(all.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata?.resourceVersion));

    const web = await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" });
    expect(web.items.map((p) => p.metadata?.name)).toEqual(["web-1"]);
    const paged = await core.listNamespacedPod({ namespace: ns, limit: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.metadata?._continue).toBeTruthy();
  });

  it("reports a missing object as an ApiException carrying a NotFound Status", async () => {
    const error = await core.readNamespacedPod({ namespace: "default", name: "nowhere" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    const apiError = error as ApiException<string>;
    expect(apiError.code).toBe(404);
    const status = JSON.parse(apiError.body) as { kind: string; reason: string; message: string };
    expect(status).toMatchObject({ kind: "Status", reason: "NotFound", message: 'pods "nowhere" not found' });
  });

  it("creates, reads and patches a deployment with each patch type", async () => {
    const ns = await namespace("cn-apps");
    const created = await apps.createNamespacedDeployment({ namespace: ns, body: deployment("shop") });
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.strategy?.type).toBe("RollingUpdate");

    const read = await apps.readNamespacedDeployment({ namespace: ns, name: "shop" });
    expect(read.metadata?.uid).toBe(created.metadata?.uid);

    const merged = await apps.patchNamespacedDeployment(
      { namespace: ns, name: "shop", body: { spec: { replicas: 3 } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    expect(merged.spec?.replicas).toBe(3);
    expect(merged.metadata?.generation).toBe(2);

    // Strategic merge: the container is found by name and only its image changes.
    const strategic = await apps.patchNamespacedDeployment(
      {
        namespace: ns,
        name: "shop",
        body: { spec: { template: { spec: { containers: [{ name: "main", image: "skiff-test/busybox:2" }] } } } },
      },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    const container = strategic.spec?.template.spec?.containers[0];
    expect(container?.image).toBe("skiff-test/busybox:2");
    expect(container?.env).toEqual([{ name: "MODE", value: "a" }]);

    const jsonPatched = await apps.patchNamespacedDeployment(
      {
        namespace: ns,
        name: "shop",
        body: [
          { op: "test", path: "/spec/replicas", value: 3 },
          { op: "add", path: "/metadata/labels", value: { tier: "web" } },
        ],
      },
      setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    );
    expect(jsonPatched.metadata?.labels).toEqual({ tier: "web" });
    // Only the spec changes above bumped the generation.
    expect(jsonPatched.metadata?.generation).toBe(3);
  });

  it("watches pods and receives ADDED, MODIFIED and DELETED in order", async () => {
    const ns = await namespace("cn-watch");
    const list = await core.listNamespacedPod({ namespace: ns });
    const events: string[] = [];
    let ended: unknown = "open";
    const watch = new Watch(config);
    // Not awaited before the writes: the events come from the listed version on, whenever the stream opens.
    const request = watch.watch(
      `/api/v1/namespaces/${ns}/pods`,
      { resourceVersion: list.metadata?.resourceVersion },
      (type, object: V1Pod) => events.push(`${type} ${object.metadata?.name} ${object.metadata?.labels?.stage ?? "-"}`),
      (error: unknown) => {
        ended = error;
      },
    );
    try {
      await core.createNamespacedPod({ namespace: ns, body: pod("w-1") });
      await core.patchNamespacedPod(
        { namespace: ns, name: "w-1", body: { metadata: { labels: { stage: "two" } } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
      await core.deleteNamespacedPod({ namespace: ns, name: "w-1" });
      await eventually(() => events.length >= 3, "three watch events");
      expect(events).toEqual(["ADDED w-1 -", "MODIFIED w-1 two", "DELETED w-1 two"]);
      expect(ended).toBe("open");
    } finally {
      (await request).abort();
    }
  });

  it("runs an informer that syncs the existing pods and follows changes", async () => {
    const ns = await namespace("cn-informer");
    await core.createNamespacedPod({ namespace: ns, body: pod("before", { app: "web" }) });
    const informer = makeInformer(config, `/api/v1/namespaces/${ns}/pods`, () => core.listNamespacedPod({ namespace: ns }));
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on("add", (p) => seen.push(`add ${p.metadata?.name}`));
    informer.on("update", (p) => seen.push(`update ${p.metadata?.name} ${p.metadata?.labels?.app}`));
    informer.on("delete", (p) => seen.push(`delete ${p.metadata?.name}`));
    informer.on("error", (error) => errors.push(error));
    // start() resolves once its watch is open; the cache is synced as soon as the list is in.
    const started = informer.start();
    try {
      await eventually(() => seen.includes("add before"), "the listed pod's add");
      expect(informer.list(ns).map((p) => p.metadata?.name)).toEqual(["before"]);

      await core.createNamespacedPod({ namespace: ns, body: pod("after") });
      await eventually(() => informer.get("after", ns) !== undefined, "the new pod in the cache");
      await core.patchNamespacedPod(
        { namespace: ns, name: "before", body: { metadata: { labels: { app: "api" } } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
      await eventually(() => informer.get("before", ns)?.metadata?.labels?.app === "api", "the label change in the cache");
      await core.deleteNamespacedPod({ namespace: ns, name: "after" });
      await eventually(() => informer.get("after", ns) === undefined, "the deleted pod to leave the cache");

      expect(seen).toEqual(["add before", "add after", "update before api", "delete after"]);
      expect(errors).toEqual([]);
    } finally {
      await started;
      await informer.stop();
    }
  });
});
