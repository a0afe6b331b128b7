import { request as httpsRequest, Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/server.js";
import { cellsOf, podPathOf, type Cell, type MatrixResource } from "./cells.js";
import { admin, boundUser, node, unbound, viewer, type Expectation } from "./expectations.js";
import { matrixNamespace, matrixObjects } from "./fixtures.js";

/**
 * The access matrix of issue 4: every verb on every resource the server
 * serves, for each identity — admin, a bound and an unbound user, a node on
 * its own and on another node's objects, a bound and an unbound
 * ServiceAccount — compared with each identity's policy written out by hand.
 * Writes are dry runs, so the matrix changes nothing.
 */
interface Identity {
  label: string;
  token: () => string;
  side: 1 | 2;
  expected: Expectation;
}

interface Outcome {
  cell: Cell;
  code: number;
  message: string;
}

const jane = { token: "jane-token", name: "jane", groups: ["developers"] };
const bob = { token: "bob-token", name: "bob", groups: [] };
const pi1 = { token: "pi-1-token", name: "system:node:pi-1", groups: ["system:nodes"] };

describe("access matrix", () => {
  let server: TestServer;
  let agent: Agent;
  const tokens = new Map<string, string>();

  const send = (token: string, method: string, path: string, body?: string, contentType?: string): Promise<{ code: number; text: string }> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, server.admin.server);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
      if (body !== undefined) headers["content-type"] = contentType ?? "application/json";
      const req = httpsRequest(url, { method, headers, agent, ca: server.admin.caPem }, (res) => {
        const code = res.statusCode ?? 0;
        // A watch that was allowed streams on: its status line is the answer.
        if (path.includes("watch=1") && code === 200) {
          res.destroy();
          resolve({ code, text: "" });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ code, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });

  const asAdmin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await send(server.admin.token, method, path, body === undefined ? undefined : JSON.stringify(body));
    if (answer.code >= 300) throw new Error(`${method} ${path}: ${answer.code} ${answer.text}`);
    return JSON.parse(answer.text) as unknown;
  };

  /** Waits until an identity's caches (RBAC, the node graph) let it make a request. */
  const untilAllowed = async (token: string, path: string): Promise<void> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await send(token, "GET", path)).code !== 403) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`GET ${path} is still forbidden`);
  };

  let resources: Array<{ resource: MatrixResource; mainKind: string }> = [];
  beforeAll(async () => {
    // Its fixtures write Endpoints by hand: the endpoints controllers would write them first.
    server = await startTestServer({ users: [jane, bob, pi1], controllers: ["*", "-scheduler", "-endpoints", "-endpointslice"] });
    agent = new Agent({ keepAlive: true, maxSockets: 8, ca: server.admin.caPem });
    resources = await discoveredResources();
    await asAdmin("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: matrixNamespace } });
    for (const object of matrixObjects) {
      const served = resources.find(({ resource }) => resource.kind === object.kind && !resource.name.includes("/"))?.resource;
      if (!served) throw new Error(`the server does not serve ${object.kind}`);
      const base = `${served.group ? `/apis/${served.group}` : "/api"}/${served.version}`;
      await asAdmin("POST", `${base}${object.metadata.namespace ? `/namespaces/${object.metadata.namespace}` : ""}/${served.name}`, object);
    }

    await asAdmin("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${matrixNamespace}/roles`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "jane-role" },
      rules: [
        { apiGroups: [""], resources: ["pods", "configmaps"], verbs: ["*"] },
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["get", "update", "patch"] },
        { apiGroups: [""], resources: ["secrets"], resourceNames: ["secret-1"], verbs: ["get"] },
      ],
    });
    await bind("jane-binding", { kind: "Role", name: "jane-role" }, { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" });
    await asAdmin("POST", `/api/v1/namespaces/${matrixNamespace}/serviceaccounts`, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "reader" } });
    await bind("reader-binding", { kind: "ClusterRole", name: "view" }, { kind: "ServiceAccount", name: "reader", namespace: matrixNamespace });
    for (const account of ["reader", "default"]) tokens.set(account, await serviceAccountToken(account));

    await untilAllowed(jane.token, `/api/v1/namespaces/${matrixNamespace}/pods`);
    await untilAllowed(tokens.get("reader") ?? "", `/api/v1/namespaces/${matrixNamespace}/pods`);
    await untilAllowed(pi1.token, `/api/v1/namespaces/${matrixNamespace}/secrets/secret-1`);
  }, 60_000);
  afterAll(async () => {
    agent?.destroy();
    await server?.stop();
  });

  async function bind(name: string, roleRef: { kind: string; name: string }, subject: Record<string, string>): Promise<void> {
    await asAdmin("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${matrixNamespace}/rolebindings`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
      subjects: [subject],
    });
  }

  async function serviceAccountToken(account: string): Promise<string> {
    // The ServiceAccount controller makes `default`; wait for it.
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await send(
        server.admin.token,
        "POST",
        `/api/v1/namespaces/${matrixNamespace}/serviceaccounts/${account}/token`,
        JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { audiences: [] } }),
      );
      if (answer.code === 201 || answer.code === 200) return (JSON.parse(answer.text) as { status: { token: string } }).status.token;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no token for ServiceAccount ${account}`);
  }

  /** Every resource and subresource discovery lists, with the kind of its main resource. */
  async function discoveredResources(): Promise<Array<{ resource: MatrixResource; mainKind: string }>> {
    const groupVersions: Array<{ group: string; version: string }> = [{ group: "", version: "v1" }];
    const groups = (await asAdmin("GET", "/apis")) as { groups: Array<{ name: string; preferredVersion: { version: string } }> };
    for (const g of groups.groups) groupVersions.push({ group: g.name, version: g.preferredVersion.version });
    const all: Array<{ resource: MatrixResource; mainKind: string }> = [];
    for (const { group, version } of groupVersions) {
      const list = (await asAdmin("GET", group ? `/apis/${group}/${version}` : `/api/${version}`)) as {
        resources: Array<{ name: string; kind: string; namespaced: boolean; verbs: string[] }>;
      };
      const kinds = new Map(list.resources.filter((r) => !r.name.includes("/")).map((r) => [r.name, r.kind]));
      for (const r of list.resources) {
        const mainKind = kinds.get(r.name.split("/")[0] ?? "") ?? r.kind;
        all.push({ resource: { group, version, name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs }, mainKind });
      }
    }
    return all;
  }

  it("answers every verb on every resource as each identity's policy says", async () => {
    const identities: Identity[] = [
      { label: "admin (system:masters)", token: () => server.admin.token, side: 1, expected: admin },
      { label: "user bound to a Role (jane)", token: () => jane.token, side: 1, expected: boundUser },
      { label: "user bound to nothing (bob)", token: () => bob.token, side: 1, expected: unbound },
      { label: "ServiceAccount bound to view", token: () => tokens.get("reader") ?? "", side: 1, expected: viewer },
      { label: "ServiceAccount `default`, unbound", token: () => tokens.get("default") ?? "", side: 1, expected: unbound },
      { label: "node pi-1 on its own objects", token: () => pi1.token, side: 1, expected: node },
      { label: "node pi-1 on pi-2's objects", token: () => pi1.token, side: 2, expected: node },
    ];
    const stored = new Map<string, unknown>();
    const current = (path: string): unknown => stored.get(path);
    // Bodies of updates: the objects as stored now; the pods' uids for bound token requests.
    for (const side of [1, 2] as const) {
      stored.set(podPathOf(side), await asAdmin("GET", podPathOf(side)));
      for (const { resource, mainKind } of resources) {
        for (const cell of cellsOf(resource, mainKind, side, () => undefined)) {
          if (cell.verb !== "update") continue;
          const target = cell.path.replace(/\?.*$/, "");
          const objectPath = cell.resource.name.endsWith("/scale") ? target : target.replace(/\/(status|finalize)$/, "");
          if (!stored.has(objectPath)) stored.set(objectPath, await asAdmin("GET", objectPath));
        }
      }
    }

    const rows: string[] = [];
    const mismatches: string[] = [];
    const serverErrors: string[] = [];
    let total = 0;
    for (const identity of identities) {
      const cells = resources.flatMap(({ resource, mainKind }) => cellsOf(resource, mainKind, identity.side, current));
      const outcomes = await runAll(cells, (cell) => send(identity.token(), cell.method, cell.path, cell.body, cell.contentType));
      let allowed = 0;
      let denied = 0;
      for (const { cell, code, message } of outcomes) {
        total++;
        const wasAllowed = code !== 403 && code !== 401;
        if (wasAllowed) allowed++;
        else denied++;
        const describe = `${identity.label}: ${cell.verb} ${cell.resource.group || "core"}/${cell.resource.name} ${cell.namespace}/${cell.name}`;
        if (code === 401) mismatches.push(`${describe}: 401 ${message}`);
        else if (wasAllowed !== identity.expected(cell)) mismatches.push(`${describe}: expected ${identity.expected(cell) ? "allowed" : "denied"}, got ${code} ${message}`);
        const streams = cell.resource.name === "pods/log" || cell.resource.name === "pods/exec";
        if (code >= 500 && !streams) serverErrors.push(`${describe}: ${code} ${message}`);
      }
      rows.push(`| ${identity.label} | ${outcomes.length} | ${allowed} | ${denied} |`);
    }
    console.log(["", `access matrix: ${total} requests`, "| identity | requests | allowed | denied (403) |", "|---|--:|--:|--:|", ...rows].join("\n"));
    expect(serverErrors).toEqual([]);
    expect(mismatches).toEqual([]);
  }, 120_000);
});

/** Sends the cells eight at a time; each outcome keeps the code and the Status message. */
async function runAll(cells: Cell[], send: (cell: Cell) => Promise<{ code: number; text: string }>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cells.length) {
      const cell = cells[next++];
      if (cell === undefined) return;
      const { code, text } = await send(cell);
      let message = "";
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? "";
      } catch {
        message = text.slice(0, 200);
      }
      outcomes.push({ cell, code, message });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return outcomes;
}
