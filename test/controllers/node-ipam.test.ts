import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ApiList, ApiObject } from "../../src/client/rest/rest-client.js";
import { clientWith, rejection } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { startTestServer, type TestServer } from "../support/server.js";

const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };
const wait = { timeoutMs: 10_000, intervalMs: 50 };

interface NodeObject extends ApiObject {
  spec?: { podCIDR?: string; podCIDRs?: string[] };
}

const nodeNamed = (name: string): ApiObject => ({ apiVersion: "v1", kind: "Node", metadata: { name } });

async function podCidrOf(server: TestServer, name: string): Promise<string> {
  return eventually(async () => {
    const node = await server.client.get<NodeObject>(nodesRef, undefined, name);
    expect(node.spec?.podCIDR).toMatch(/^10\.\d+\.\d+\.0\/\d+$/);
    expect(node.spec?.podCIDRs).toEqual([node.spec?.podCIDR]);
    return node.spec!.podCIDR!;
  }, wait);
}

describe("node IPAM against the real server", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("gives two nodes distinct /24s that a restart keeps, and a third node a range neither holds", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "skiff-ipam-"));
    dirs.push(dataDir);
    const users = [{ token: "pi-1-token", name: "system:node:pi-1", groups: ["system:nodes"] }];
    let server = await startTestServer({ dataDir, users });
    // One registers as itself (node restriction applies), one is made by the admin.
    const asNode = clientWith(server, "pi-1-token");
    await asNode.create(nodesRef, undefined, nodeNamed("pi-1"));
    asNode.close();
    await server.client.create(nodesRef, undefined, nodeNamed("pi-2"));
    const first = [await podCidrOf(server, "pi-1"), await podCidrOf(server, "pi-2")];
    expect(new Set(first).size).toBe(2);
    expect(first.every((cidr) => cidr.startsWith("10.42.") && cidr.endsWith("/24"))).toBe(true);
    await server.stop();

    server = await startTestServer({ dataDir, users });
    try {
      await server.client.create(nodesRef, undefined, nodeNamed("pi-3"));
      const third = await podCidrOf(server, "pi-3");
      expect([await podCidrOf(server, "pi-1"), await podCidrOf(server, "pi-2")]).toEqual(first);
      expect(first).not.toContain(third);
    } finally {
      await server.stop();
    }
  });

  it("refuses a node that sets or changes its own range", async () => {
    const server = await startTestServer({ users: [{ token: "pi-9-token", name: "system:node:pi-9", groups: ["system:nodes"] }] });
    try {
      const asNode = clientWith(server, "pi-9-token");
      const chosen = { ...nodeNamed("pi-9"), spec: { podCIDR: "10.42.200.0/24" } };
      expect(String(await rejection(asNode.create(nodesRef, undefined, chosen)))).toMatch(/not allowed to set its pod CIDR/);
      await asNode.create(nodesRef, undefined, nodeNamed("pi-9"));
      const given = await podCidrOf(server, "pi-9");
      const change = asNode.patch(nodesRef, undefined, "pi-9", "merge", { spec: { podCIDR: "10.42.201.0/24", podCIDRs: ["10.42.201.0/24"] } });
      expect(String(await rejection(change))).toMatch(/not allowed to set its pod CIDR/);
      asNode.close();
      expect(await podCidrOf(server, "pi-9")).toBe(given);
    } finally {
      await server.stop();
    }
  });

  it("warns CIDRNotAvailable when the cluster CIDR is full, and allocates the range a deleted node frees", async () => {
    const server = await startTestServer({ clusterCidr: "10.99.0.0/24" });
    try {
      await server.client.create(nodesRef, undefined, nodeNamed("full-1"));
      expect(await podCidrOf(server, "full-1")).toBe("10.99.0.0/24");
      await server.client.create(nodesRef, undefined, nodeNamed("full-2"));
      const warning = await eventually(async () => {
        const events = await server.client.list<ApiObject>(eventsRef, "default", { fieldSelector: "involvedObject.name=full-2" });
        const found = events.items.find((event) => event.reason === "CIDRNotAvailable");
        expect(found).toBeDefined();
        return found!;
      }, wait);
      expect(warning).toMatchObject({ type: "Warning", involvedObject: { kind: "Node", name: "full-2" }, source: { component: "cidrAllocator" } });
      const stillBare = await server.client.get<NodeObject>(nodesRef, undefined, "full-2");
      expect(stillBare.spec?.podCIDR).toBeUndefined();

      await server.client.delete(nodesRef, undefined, "full-1");
      expect(await podCidrOf(server, "full-2")).toBe("10.99.0.0/24");
      const nodes = await server.client.list<NodeObject>(nodesRef, undefined);
      expect((nodes as ApiList<NodeObject>).items.map((node) => node.metadata?.name)).toEqual(["full-2"]);
    } finally {
      await server.stop();
    }
  });
});
