import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultServiceAccountIssuer } from "../../server/auth/serviceaccount/claims.js";
import { createTokenIssuer } from "../../server/auth/serviceaccount/issue-token.js";
import { ensureServiceAccountSigningKey } from "../../server/auth/serviceaccount/signing-key.js";
import { FakeClock } from "../../src/clock.js";
import { collectionPrefix, objectKey } from "../../server/apiserver/storage/keys.js";
import type { StoreEvent } from "../../server/store/store.js";
import { seededRandom } from "../support/seeded-random.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { FuzzClient, type FuzzAnswer } from "./fuzz-client.js";
import { OutcomeTable } from "./outcome-table.js";
import { rawScenarios } from "./raw-sockets.js";
import { nextRequest, type FuzzContext, type PlannedRequest } from "./requests.js";
import { fuzzTargets } from "./seeds.js";
import { StoreChanges } from "./store-changes.js";

// Mutated requests against a real server (SQLite): never a 5xx, the server
// keeps answering, and no rejected request changes the store.
// FUZZ_SEED=n replays a run; FUZZ_REQUESTS=n changes its length.
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const requestCount = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const rawCount = 160;
const batchSize = 64;
const connections = 8;
const namespace = "fuzz";
const user = { token: "fuzz-nobody-token", name: "nobody" };

type Done = { planned: PlannedRequest; answer?: FuzzAnswer; error?: string };

const isWrite = (method: string): boolean => ["POST", "PUT", "PATCH", "DELETE"].includes(method);
const accepted = (d: Done): boolean => d.answer !== undefined && d.answer.status >= 200 && d.answer.status < 300;
const describeRequest = (d: Done): string =>
  `${d.planned.request.category}: ${d.planned.request.method} ${d.planned.request.path.slice(0, 160)} ${d.planned.request.contentType ?? ""} body=${String(d.planned.request.body ?? "").slice(0, 200)} → ${d.answer ? `${d.answer.status} ${d.answer.body.toString("utf8").slice(0, 300)}` : d.error}`;

/** Kubernetes answers 504 Timeout for a resourceVersion the store has not reached: an answer, not a failure. */
const expected5xx = (answer: FuzzAnswer): boolean => answer.status === 504 && answer.reason === "Timeout";

function nameAnswered(answer: FuzzAnswer): string | undefined {
  try {
    const name = (JSON.parse(answer.body.toString("utf8")) as { metadata?: { name?: unknown } }).metadata?.name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The store changes no accepted request of the batch accounts for: each belongs to a rejected one (or to nobody). */
/**
 * What the server's own controllers write after accepted requests: a new
 * namespace gets its `default` ServiceAccount and its `kube-root-ca.crt`
 * ConfigMap, and an aggregated ClusterRole (one an accepted request made)
 * gets the rules of the roles it selects; the node IPAM controller gives
 * every new Node a pod CIDR; the node lifecycle controller marks Nodes that
 * never report Unknown and taints them, and the taint eviction controller
 * deletes pods their NoExecute taints evict. Those writes are theirs,
 * whichever batch they land in.
 */
const controllerKeys = [/^\/registry\/core\/serviceaccounts\/[^/]+\/default$/, /^\/registry\/core\/configmaps\/[^/]+\/kube-root-ca\.crt$/];
const aggregatedRoles = /^\/registry\/rbac\.authorization\.k8s\.io\/clusterroles\//;

const nodeKeys = /^\/registry\/core\/nodes\//;

/** JSON with every object's keys sorted: the same value however a write ordered it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The node IPAM controller's write: the Node before and after differ only in the pod CIDR it gave (and the metadata a write moves). */
function byNodeIpam(value: string, previous: string): boolean {
  type NodeValue = { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  const after = JSON.parse(value) as NodeValue;
  const before = JSON.parse(previous) as NodeValue;
  if (before.spec?.podCIDR !== undefined || after.spec?.podCIDR === undefined) return false;
  const strip = ({ metadata, spec, ...rest }: NodeValue) => {
    const { resourceVersion: _rv, managedFields: _mf, generation: _gen, ...meta } = metadata ?? {};
    const { podCIDR: _cidr, podCIDRs: _cidrs, ...restSpec } = spec ?? {};
    return canonical({ meta, restSpec, rest });
  };
  return strip(after) === strip(before);
}

/** The object before and after differ only in the given top-level spec/status fields (and the metadata every write moves). */
function differsOnlyIn(value: string, previous: string, fields: { spec?: string[]; status?: string[] }): boolean {
  type ObjectValue = { metadata?: Record<string, unknown>; spec?: Record<string, unknown>; status?: Record<string, unknown> };
  const strip = ({ metadata, spec, status, ...rest }: ObjectValue) => {
    const { resourceVersion: _rv, managedFields: _mf, generation: _gen, ...meta } = metadata ?? {};
    const keep = (part: Record<string, unknown> | undefined, drop: string[] = []) => Object.fromEntries(Object.entries(part ?? {}).filter(([key]) => !drop.includes(key)));
    return canonical({ meta, spec: keep(spec, fields.spec), status: keep(status, fields.status), rest });
  };
  return strip(JSON.parse(value) as ObjectValue) === strip(JSON.parse(previous) as ObjectValue);
}

const podKeys = /^\/registry\/core\/pods\//;
const eventKeys = /^\/registry\/core\/events\//;
/** The components whose Events the server's own controllers write. */
const controllerComponents = new Set(["node-controller", "taint-eviction-controller"]);

/** A pod the taint eviction controller marked before deleting it (the DisruptionTarget condition it writes first). */
function markedByTaintEviction(value: string): boolean {
  const pod = JSON.parse(value) as { status?: { conditions?: Array<{ type?: string; reason?: string }> } };
  return (pod.status?.conditions ?? []).some((c) => c.type === "DisruptionTarget" && c.reason === "DeletionByTaintManager");
}

function byController(event: StoreEvent): boolean {
  // The taint eviction controller deletes (or, for a bound pod, marks) pods on nodes with NoExecute taints they do not tolerate.
  if (podKeys.test(event.kv.key) && event.type !== "create" && markedByTaintEviction(event.prev.value)) return true;
  if (event.type === "delete") return false;
  if (controllerKeys.some((pattern) => pattern.test(event.kv.key))) return true;
  if (event.type === "update" && nodeKeys.test(event.kv.key) && byNodeIpam(event.kv.value, event.prev.value)) return true;
  // The node lifecycle controller: a silent node's conditions go Unknown, its taints follow its readiness; its pods turn not Ready (and are marked for eviction).
  if (event.type === "update" && nodeKeys.test(event.kv.key) && differsOnlyIn(event.kv.value, event.prev.value, { spec: ["taints"], status: ["conditions"] })) return true;
  if (event.type === "update" && podKeys.test(event.kv.key) && differsOnlyIn(event.kv.value, event.prev.value, { status: ["conditions"] })) return true;
  if (event.type === "create" && eventKeys.test(event.kv.key)) {
    const source = (JSON.parse(event.kv.value) as { source?: { component?: string } }).source?.component;
    if (source !== undefined && controllerComponents.has(source)) return true;
  }
  return event.type === "update" && aggregatedRoles.test(event.kv.key) && (JSON.parse(event.kv.value) as { aggregationRule?: unknown }).aggregationRule !== undefined;
}

/**
 * Tokens made with the server's own signing key that it must refuse all the
 * same: for the real `default` ServiceAccount but expired an hour ago or for
 * another audience, and for a ServiceAccount that never existed.
 */
async function refusedSignedTokens(test: TestServer): Promise<string[]> {
  const { key } = await ensureServiceAccountSigningKey(join(test.dataDir, "tls"));
  const serviceAccounts = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };
  // The ServiceAccount controller makes it just after the server starts.
  let uid: string | undefined;
  for (let attempt = 0; attempt < 200 && uid === undefined; attempt++) {
    const found = await test.client.get(serviceAccounts, "default", "default").then((sa) => sa.metadata?.uid, () => undefined);
    if (typeof found === "string") uid = found;
    if (uid === undefined) await new Promise((done) => setTimeout(done, 25));
  }
  if (uid === undefined) throw new Error("the default ServiceAccount never appeared");
  const hourAgo = new FakeClock(Date.now() - 2 * 3_600_000);
  const account = { namespace: "default", serviceAccount: { name: "default", uid } };
  const expired = await createTokenIssuer({ key, issuer: defaultServiceAccountIssuer, clock: hourAgo }).issue({ ...account, audiences: [], expirationSeconds: 600 });
  const now = createTokenIssuer({ key, issuer: defaultServiceAccountIssuer, clock: new FakeClock(Date.now()) });
  const otherAudience = await now.issue({ ...account, audiences: ["https://elsewhere.example"], expirationSeconds: 3600 });
  const ghost = await now.issue({ namespace: "default", serviceAccount: { name: "ghost", uid: "11111111-1111-1111-1111-111111111111" }, audiences: [], expirationSeconds: 3600 });
  return [expired.token, otherAudience.token, ghost.token];
}

function unexplainedChanges(batch: Done[], events: StoreEvent[]): StoreEvent[] {
  const exact = new Map<string, number>();
  const prefixes: string[] = [];
  for (const done of batch) {
    const target = done.planned.target;
    if (!accepted(done) || !isWrite(done.planned.request.method) || !target) continue;
    const name = target.name ?? (done.planned.request.method === "POST" ? nameAnswered(done.answer!) : undefined);
    if (name === undefined) prefixes.push(collectionPrefix(target.keySpace, target.namespace));
    else {
      const key = objectKey(target.keySpace, target.namespace, name);
      exact.set(key, (exact.get(key) ?? 0) + 1);
    }
  }
  return events.filter((event) => {
    if (byController(event)) return false;
    const left = exact.get(event.kv.key) ?? 0;
    if (left > 0) {
      exact.set(event.kv.key, left - 1);
      return false;
    }
    return !prefixes.some((p) => event.kv.key.startsWith(p));
  });
}

/** Whether a request aimed at the resource a key belongs to (or aimed nowhere known). */
function touches(done: Done, key: string): boolean {
  const target = done.planned.target;
  return target === undefined || key.startsWith(collectionPrefix(target.keySpace, ""));
}

async function runAll<T, R>(items: T[], parallel: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

describe("fuzz", () => {
  it(`survives ${requestCount} mutated requests and ${rawCount} broken connections (seed ${seed})`, async () => {
    console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    // The API is the subject: of the controllers, only those whose writes byController can tell apart run
    // (the workload, endpoints and collector controllers answer accepted requests with writes of their own).
    const controllers = ["serviceaccount", "root-ca-cert-publisher", "clusterrole-aggregation", "node-ipam", "node-lifecycle", "taint-eviction"];
    const test = await startTestServer({ users: [{ token: user.token, name: user.name }], controllers });
    const url = new URL(test.admin.server);
    const client = new FuzzClient(url, test.admin.caPem, test.admin.token, connections);
    const failures: string[] = [];
    const table = new OutcomeTable();
    try {
      const targets = await fuzzTargets();
      const ctx: FuzzContext = { targets, namespace, userToken: user.token, adminToken: test.admin.token, signedTokens: await refusedSignedTokens(test) };
      // Signed by the right key, yet each is refused: 401, not the 403 a valid ServiceAccount without rights gets.
      for (const token of ctx.signedTokens) expect((await client.send({ category: "seed", method: "GET", path: "/api", token })).status).toBe(401);
      const post = (path: string, body: unknown) => client.send({ category: "seed", method: "POST", path, body: JSON.stringify(body), contentType: "application/json" });
      expect((await post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } })).status).toBe(201);
      const reseed = async (): Promise<void> => {
        for (const t of targets) {
          const base = t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
          const collection = t.namespaced ? `${base}/namespaces/${namespace}/${t.resource}` : `${base}/${t.resource}`;
          const found = await client.send({ category: "seed", method: "GET", path: `${collection}/${t.seedName}` });
          if (found.status === 404) {
            const created = await post(collection, t.manifest);
            if (created.status !== 201) throw new Error(`cannot seed ${t.kind}: ${created.status} ${created.body.toString("utf8")}`);
          }
        }
      };
      await reseed();

      const store = test.server.store;
      const changes = new StoreChanges(store, await store.currentRevision());
      const random = seededRandom(seed);
      const planned = Array.from({ length: requestCount }, () => nextRequest(random, ctx));

      for (let at = 0; at < planned.length; at += batchSize) {
        const before = await store.currentRevision();
        const batch = await runAll(planned.slice(at, at + batchSize), connections, async (p): Promise<Done> => {
          try {
            return { planned: p, answer: await client.send(p.request) };
          } catch (error) {
            return { planned: p, error: (error as Error).message };
          }
        });
        const after = await store.currentRevision();
        for (const done of batch) {
          table.add(done.planned.request.category, done.answer ? String(done.answer.status) : "no answer");
          if (!done.answer) failures.push(`no answer: ${describeRequest(done)}`);
          else if (done.answer.status >= 500 && !expected5xx(done.answer)) failures.push(`5xx: ${describeRequest(done)}`);
        }
        for (const event of unexplainedChanges(batch, await changes.between(before, after))) {
          const suspects = batch.filter((d) => isWrite(d.planned.request.method) && touches(d, event.kv.key)).map(describeRequest);
          failures.push(`store changed by a rejected request: ${event.type} ${event.kv.key} at ${event.kv.modRevision}; writes to that resource in the batch:\n  ${suspects.join("\n  ")}`);
        }
        const ready = await client.send({ category: "readyz", method: "GET", path: "/readyz", token: null });
        if (ready.status !== 200) failures.push(`/readyz answered ${ready.status} after request ${at + batchSize}`);
        if (batch.some((d) => accepted(d) && d.planned.request.method === "DELETE")) await reseed();
        if (failures.length > 20) break;
      }

      // Broken connections all at once, while the server must keep answering others.
      const before = await store.currentRevision();
      const scenarios = rawScenarios(random, { host: url.hostname, port: Number(url.port), ca: test.admin.caPem, token: test.admin.token, namespace }, rawCount, 3_000);
      const running = Promise.all(scenarios.map(async (s) => ({ name: s.name, outcome: await s.run() })));
      await new Promise((done) => setTimeout(done, 300));
      const during = await client.send({ category: "readyz", method: "GET", path: "/api/v1/namespaces/fuzz/configmaps?limit=1" });
      if (during.status !== 200) failures.push(`a list answered ${during.status} while broken connections were open`);
      for (const { name, outcome } of await running) {
        table.add(`raw socket: ${name}`, outcome);
        if (/^answered 5/.test(outcome)) failures.push(`raw socket ${name}: ${outcome}`);
      }
      const after = await store.currentRevision();
      const raw = await changes.between(before, after);
      for (const event of raw) if (!byController(event)) failures.push(`store changed by a broken connection: ${event.type} ${event.kv.key}`);
      const ready = await client.send({ category: "readyz", method: "GET", path: "/readyz", token: null });
      if (ready.status !== 200) failures.push(`/readyz answered ${ready.status} after the broken connections`);
      changes.close();
    } finally {
      client.close();
      await test.stop();
    }
    // Client and server share this process: its CPU time is the test's cost on an idle machine.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
    const wall = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${table.total()} requests in ${wall} s (${cpuSeconds} s CPU), ${client.connectionsOpened} connections, seed ${seed}\n${table.render()}`);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 180_000);
});
