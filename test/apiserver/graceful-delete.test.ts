import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { useKubectlServer } from "../support/server-hooks.js";

const { server, kubectl, ok } = useKubectlServer();
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

interface DeletedPod extends ApiObject {
  metadata: { name: string; deletionTimestamp?: string; deletionGracePeriodSeconds?: number; finalizers?: string[] };
}

const pod = (name: string, nodeName?: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, ...metadata },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: "main", image: "busybox:1" }], ...spec },
});

const exists = async (name: string): Promise<boolean> =>
  server()
    .client.get(pods, "default", name)
    .then(
      () => true,
      (error: unknown) => {
        if (error instanceof StatusError && error.code === 404) return false;
        throw error;
      },
    );

/** Seconds from now until an RFC 3339 time (the API keeps whole seconds). */
const secondsUntil = (time: string | undefined): number => (Date.parse(time ?? "") - Date.now()) / 1000;

describe("graceful pod deletion", () => {
  it("only marks a pod bound to a node, with its terminationGracePeriodSeconds (30 by default)", async () => {
    const { client } = server();
    await client.create(pods, "default", pod("bound", "n1"));
    const marked = await client.delete<DeletedPod>(pods, "default", "bound");
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(secondsUntil(marked.metadata.deletionTimestamp)).toBeGreaterThan(28);
    expect(secondsUntil(marked.metadata.deletionTimestamp)).toBeLessThanOrEqual(30);
    expect(await exists("bound")).toBe(true);
    // The node reports status while it stops the pod: that write ends nothing.
    await client.patch(pods, "default", "bound", "merge", { status: { phase: "Running" } }, { subresource: "status" });
    expect(await exists("bound")).toBe(true);

    await client.create(pods, "default", pod("short", "n1", { terminationGracePeriodSeconds: 5 }));
    const short = await client.delete<DeletedPod>(pods, "default", "short");
    expect(short.metadata.deletionGracePeriodSeconds).toBe(5);
  });

  it("lets a later DELETE shorten the grace period but never lengthen it, and goes at 0", async () => {
    const { client } = server();
    await client.create(pods, "default", pod("shorten", "n1"));
    const first = await client.delete<DeletedPod>(pods, "default", "shorten");
    const shortened = await client.delete<DeletedPod>(pods, "default", "shorten", { gracePeriodSeconds: 10 });
    expect(shortened.metadata.deletionGracePeriodSeconds).toBe(10);
    expect(Date.parse(shortened.metadata.deletionTimestamp ?? "")).toBe(Date.parse(first.metadata.deletionTimestamp ?? "") - 20_000);
    for (const options of [{ gracePeriodSeconds: 60 }, { gracePeriodSeconds: 10 }, {}]) {
      const unchanged = await client.delete<DeletedPod>(pods, "default", "shorten", options);
      expect(unchanged.metadata).toMatchObject({ deletionGracePeriodSeconds: 10, deletionTimestamp: shortened.metadata.deletionTimestamp });
    }
    await client.delete(pods, "default", "shorten", { gracePeriodSeconds: 0 });
    expect(await exists("shorten")).toBe(false);
  });

  it("deletes at once a pod that runs nowhere, one that has finished, and any pod with grace period 0", async () => {
    const { client } = server();
    await client.create(pods, "default", pod("unbound"));
    await client.delete(pods, "default", "unbound");
    expect(await exists("unbound")).toBe(false);

    await client.create(pods, "default", pod("finished", "n1"));
    await client.patch(pods, "default", "finished", "merge", { status: { phase: "Succeeded" } }, { subresource: "status" });
    await client.delete(pods, "default", "finished");
    expect(await exists("finished")).toBe(false);

    await client.create(pods, "default", pod("forced", "n1"));
    await client.delete(pods, "default", "forced", { gracePeriodSeconds: 0 });
    expect(await exists("forced")).toBe(false);
  });

  it("keeps a pod whose finalizers are pending after its grace period is cut to 0", async () => {
    const { client } = server();
    await client.create(pods, "default", pod("held", "n1", {}, { finalizers: ["example.com/hold"] }));
    expect((await client.delete<DeletedPod>(pods, "default", "held")).metadata.deletionGracePeriodSeconds).toBe(30);
    const held = await client.delete<DeletedPod>(pods, "default", "held", { gracePeriodSeconds: 0 });
    expect(held.metadata).toMatchObject({ deletionGracePeriodSeconds: 0, finalizers: ["example.com/hold"] });
    expect(await exists("held")).toBe(true);
    await client.patch(pods, "default", "held", "merge", { metadata: { finalizers: null } });
    expect(await exists("held")).toBe(false);
  });

  it("changes nothing on a dry run", async () => {
    const { client } = server();
    await client.create(pods, "default", pod("dry", "n1"));
    await client.request({
      method: "DELETE",
      path: "/api/v1/namespaces/default/pods/dry?dryRun=All",
      body: JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1" }),
      contentType: "application/json",
    });
    const stored = await client.get<DeletedPod>(pods, "default", "dry");
    expect(stored.metadata.deletionTimestamp).toBeUndefined();
  });

  it("shows a marked pod as Terminating in kubectl, and kubectl delete --grace-period=0 --force removes it", async () => {
    await server().client.create(pods, "default", pod("kube", "n1"));
    expect(await ok(["delete", "pod", "kube", "--wait=false"])).toBe('pod "kube" deleted\n');
    expect(await ok(["get", "pod", "kube", "--no-headers"])).toMatch(/^kube\s+0\/1\s+Terminating\s/);
    const forced = await kubectl(["delete", "pod", "kube", "--grace-period=0", "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('pod "kube" force deleted\n');
    expect(await exists("kube")).toBe(false);
  });
});
