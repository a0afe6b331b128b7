import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { startTestServer, type TestServer } from "../support/server.js";

const namespaces = { group: "", version: "v1", resource: "namespaces", namespaced: false };
const serviceAccounts = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };
const pods = { group: "", version: "v1", resource: "pods", namespaced: true };
const mountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

interface Mount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
interface Container {
  name: string;
  volumeMounts?: Mount[];
}
interface PodObject extends ApiObject {
  spec: {
    serviceAccountName?: string;
    serviceAccount?: string;
    automountServiceAccountToken?: boolean;
    volumes?: Array<{ name: string; [source: string]: unknown }>;
    containers: Container[];
    initContainers?: Container[];
    imagePullSecrets?: Array<{ name: string }>;
  };
}

describe("ServiceAccount admission of pods", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const createPod = (spec: Record<string, unknown>, name: string, namespace = "default") =>
    server.client.create<PodObject>(pods, namespace, { apiVersion: "v1", kind: "Pod", metadata: { name }, spec });
  const app = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: "busybox", ...extra });

  it("runs a pod as default and mounts the token volume read-only in every container and init container", async () => {
    const pod = await createPod({ initContainers: [app("init")], containers: [app("a"), app("b")] }, "mounted");
    expect(pod.spec.serviceAccountName).toBe("default");
    expect(pod.spec.serviceAccount).toBe("default");
    const volumes = pod.spec.volumes ?? [];
    expect(volumes).toHaveLength(1);
    const volume = volumes[0]!;
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume).toEqual({
      name: volume.name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
        ],
      },
    });
    for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      expect(container.volumeMounts).toEqual([{ name: volume.name, mountPath, readOnly: true }]);
    }
  });

  it("leaves a container that already mounts something at the path as it is", async () => {
    const own = { name: "own", mountPath };
    const pod = await createPod(
      { volumes: [{ name: "own", emptyDir: {} }], containers: [app("keeps", { volumeMounts: [own] }), app("gets")] },
      "own-mount",
    );
    expect(pod.spec.containers[0]!.volumeMounts).toEqual([own]);
    expect(pod.spec.containers[1]!.volumeMounts?.[0]?.name).toMatch(/^kube-api-access-/);
    expect(pod.spec.volumes?.map((v) => v.name.replace(/-[a-z0-9]{5}$/, "-*"))).toEqual(["own", "kube-api-access-*"]);
  });

  it("mounts nothing when the pod or its ServiceAccount turns automounting off", async () => {
    const byPod = await createPod({ automountServiceAccountToken: false, containers: [app("a")] }, "no-mount");
    expect(byPod.spec.volumes ?? []).toEqual([]);
    expect(byPod.spec.containers[0]!.volumeMounts ?? []).toEqual([]);

    await server.client.create(serviceAccounts, "default", {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "quiet" },
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: "registry" }],
    });
    const bySa = await createPod({ serviceAccountName: "quiet", containers: [app("a")] }, "quiet-pod");
    expect(bySa.spec.volumes ?? []).toEqual([]);
    expect(bySa.spec.imagePullSecrets).toEqual([{ name: "registry" }]);

    const podWins = await createPod({ serviceAccountName: "quiet", automountServiceAccountToken: true, containers: [app("a")] }, "pod-wins");
    expect(volumeNamesOf(podWins)).toEqual(["kube-api-access-*"]);
  });

  it("refuses a pod naming a ServiceAccount that does not exist, as Kubernetes words it", async () => {
    const error = await createPod({ serviceAccountName: "ghost", containers: [app("a")] }, "haunted").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(403);
    expect((error as StatusError).message).toBe(
      'pods "haunted" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    );
    await expect(server.client.get(pods, "default", "haunted")).rejects.toMatchObject({ code: 404 });
  });

  it("admits a pod in a namespace made a moment ago, before its default ServiceAccount exists", async () => {
    await server.client.create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "fresh" } });
    const pod = await createPod({ containers: [app("a")] }, "early", "fresh");
    expect(pod.spec.serviceAccountName).toBe("default");
    expect(volumeNamesOf(pod)).toEqual(["kube-api-access-*"]);
  });
});

function volumeNamesOf(pod: PodObject): string[] {
  return (pod.spec.volumes ?? []).map((v) => v.name.replace(/-[a-z0-9]{5}$/, "-*"));
}
