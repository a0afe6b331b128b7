import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NodePodResources } from "../../agent/kubelet/config/pod-resources.js";
import { VolumeSetupError } from "../../agent/kubelet/pod-dependencies.js";
import { MapObjectSource } from "../../agent/kubelet/testing/map-object-source.js";
import { restTokenRequester } from "../../agent/kubelet/volumes/rest-token-requester.js";
import type { ConfigMap } from "../../src/api/core/v1/config-map.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { RestClient } from "../../src/client/rest/rest-client.js";
import { realClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { useKubectlServer } from "../support/server-hooks.js";

/*
 * The agent's token volume against the real server: the node's own
 * credential asks the TokenRequest API for a token bound to its pod, the
 * file authenticates as the pod's ServiceAccount, and stops doing so once
 * the pod is gone.
 */
const { server, kubectl } = useKubectlServer({ users: [{ token: "pi-1", name: "system:node:pi-1", groups: ["system:nodes"] }] });
const ref = (resource: string): ResourceRef => ({ group: "", version: "v1", resource, namespaced: true });

let root: string;
let node: RestClient;
let resources: NodePodResources;
const objects = new MapObjectSource();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "skiff-satoken-volume-"));
  node = new RestClient({ ...server().admin, token: "pi-1" }, { retry: { attempts: 1 } });
  resources = new NodePodResources({
    root,
    objects,
    events: { event: () => undefined },
    clock: realClock,
    log: createLogger("silent"),
    requestToken: restTokenRequester(node),
  });
  // The CA ConfigMap as the agent's cache would hold it, once the server's controller has published it.
  const caConfigMap = await vi.waitFor(() => server().client.get<ConfigMap>(ref("configmaps"), "default", "kube-root-ca.crt"), { timeout: 10_000 });
  objects.configMaps.set("default/kube-root-ca.crt", caConfigMap);
});
afterAll(async () => {
  node.close();
  await rm(root, { recursive: true, force: true });
});

async function boundPod(name: string, nodeName: string, spec: object = {}): Promise<Pod> {
  return server().client.create<Pod>(ref("pods"), "default", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { nodeName, containers: [{ name: "app", image: "skiff-test/busybox:1" }], ...spec },
  });
}

const run = promisify(execFile);
/** Reads the volume's token in a throwaway busybox container as `user`, the volume mounted where the pod's containers have it. */
async function readTokenInContainer(dir: string, user: number): Promise<string> {
  const mount = `${dir}:/var/run/secrets/kubernetes.io/serviceaccount:ro`;
  const args = ["run", "--rm", "--label", "skiff.dev/test=satoken-volume", "-u", String(user), "-v", mount, "skiff-test/busybox:1"];
  const script = "cat /var/run/secrets/kubernetes.io/serviceaccount/token 2>&1 || echo refused";
  const { stdout } = await run("docker", [...args, "sh", "-c", script], { timeout: 30_000 });
  return stdout.trim();
}

/** The admission-made `kube-api-access-*` volume's directory on the node. */
function apiAccessDir(pod: Pod): string {
  const volume = (pod.spec.volumes ?? []).find((v) => v.name.startsWith("kube-api-access-"));
  expect(volume?.projected).toBeDefined();
  return path.join(root, "pods", pod.metadata.uid ?? "", "volumes", "kubernetes.io~projected", volume?.name ?? "");
}

async function whoami(token: string): Promise<{ code: number; out: string }> {
  const result = await kubectl(["auth", "whoami", `--token=${token}`, "-o", "jsonpath={.status.userInfo.username}"]);
  return { code: result.code, out: result.code === 0 ? result.stdout : result.stderr };
}

describe("the projected ServiceAccount token of a pod bound to the node", () => {
  it("is requested as the node, written with the CA and the namespace, and works only while the pod exists", async () => {
    const pod = await boundPod("with-token", "pi-1");
    // The node authorizer learns of the binding from its own watch; until then the request is refused and prepare retried.
    await vi.waitFor(() => resources.prepare(pod), { timeout: 10_000, interval: 100 });

    const dir = apiAccessDir(pod);
    const token = await readFile(path.join(dir, "token"), "utf8");
    expect((await stat(path.join(dir, "token"))).mode & 0o777).toBe(0o644);
    expect(await readFile(path.join(dir, "namespace"), "utf8")).toBe("default");
    expect(await readFile(path.join(dir, "ca.crt"), "utf8")).toBe(server().admin.caPem);
    expect(await whoami(token)).toEqual({ code: 0, out: "system:serviceaccount:default:default" });

    // A later sync keeps the same token: it is far from its renewal.
    await resources.prepare(pod);
    expect(await readFile(path.join(dir, "token"), "utf8")).toBe(token);

    await server().client.delete(ref("pods"), "default", "with-token", { gracePeriodSeconds: 0 });
    await vi.waitFor(async () => expect((await whoami(token)).out).toMatch(/Unauthorized/), { timeout: 10_000, interval: 200 });
    await resources.release(pod.metadata.uid ?? "");
  });

  it("belongs to the user the pod's containers run as, who alone reads it in a container", async () => {
    const pod = await boundPod("runs-as-1000", "pi-1", { securityContext: { runAsUser: 1000 } });
    await vi.waitFor(() => resources.prepare(pod), { timeout: 10_000, interval: 100 });
    const dir = apiAccessDir(pod);
    const stats = await stat(path.join(dir, "token"));
    expect([stats.mode & 0o777, stats.uid]).toEqual([0o600, 1000]);
    const token = await readFile(path.join(dir, "token"), "utf8");
    expect(await readTokenInContainer(dir, 1000)).toBe(token);
    expect(await readTokenInContainer(dir, 1001)).toMatch(/Permission denied[\s\S]*refused/);
    await resources.release(pod.metadata.uid ?? "");
  });

  it("is refused for a pod bound to another node, as the pod's FailedMount says", async () => {
    // A ServiceAccount no pod of pi-1 uses: the node authorizer finds no path from pi-1 to it.
    await server().client.create(ref("serviceaccounts"), "default", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "far" } });
    const pod = await boundPod("elsewhere", "pi-2", { serviceAccountName: "far" });
    const error: unknown = await resources.prepare(pod).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VolumeSetupError);
    const volume = (error as VolumeSetupError).volume;
    expect(volume).toMatch(/^kube-api-access-/);
    expect((error as VolumeSetupError).message).toBe(
      `MountVolume.SetUp failed for volume "${volume}" : failed to fetch token: serviceaccounts "far" is forbidden: ` +
        `User "system:node:pi-1" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default": ` +
        "no relationship found between node 'pi-1' and this object",
    );
    await resources.release(pod.metadata.uid ?? "");
  });
});
