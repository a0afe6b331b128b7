import type { ResourceKeySpace } from "../../server/apiserver/storage/keys.js";
import type { FuzzRequest } from "./fuzz-client.js";
import { brokenJson, brokenYaml, intBelow, mutateDocument, pick, wrongValue, type Json, type Random } from "./mutate.js";

/** A served kind with a valid manifest to start from and an object of it already in the store. */
export interface FuzzTarget extends ResourceKeySpace {
  version: string;
  kind: string;
  /** A valid manifest without namespace, named `seedName`. */
  manifest: { [key: string]: Json };
  seedName: string;
}

export interface FuzzContext {
  targets: FuzzTarget[];
  /** The namespace every namespaced seed lives in. */
  namespace: string;
  /** A static user with no rights. */
  userToken: string;
  /** The admin token, for tokens that are almost it. */
  adminToken: string;
}

/** A request and what it may change if accepted: the object (or collection) it aims at. */
export interface PlannedRequest {
  request: FuzzRequest;
  target?: { keySpace: ResourceKeySpace; namespace: string; name?: string };
}

type Generator = (random: Random, ctx: FuzzContext) => PlannedRequest;

const base = (t: FuzzTarget): string => (t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`);
const collectionPath = (t: FuzzTarget, ns: string): string => (t.namespaced ? `${base(t)}/namespaces/${ns}/${t.resource}` : `${base(t)}/${t.resource}`);
const objectPath = (t: FuzzTarget, ns: string, name: string): string => `${collectionPath(t, ns)}/${name}`;

function aimedAt(t: FuzzTarget, ctx: FuzzContext, name?: string): PlannedRequest["target"] {
  return { keySpace: { group: t.group, resource: t.resource, namespaced: t.namespaced }, namespace: t.namespaced ? ctx.namespace : "", ...(name !== undefined ? { name } : {}) };
}

let serial = 0;
/** A fresh name, so accepted creates do not collide. */
const freshName = (t: FuzzTarget): string => `${t.seedName.slice(0, 40)}-f${(serial++).toString(36)}`;

function withName(manifest: FuzzTarget["manifest"], name: string): FuzzTarget["manifest"] {
  const metadata = (manifest.metadata ?? {}) as { [key: string]: Json };
  return { ...manifest, metadata: { ...metadata, name } };
}

const jsonBody = (value: Json): string => JSON.stringify(value);

const brokenJsonRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const text = brokenJson(random, jsonBody(withName(t.manifest, freshName(t))));
  if (random() < 0.6) return { request: { category: "broken JSON", method: "POST", path: collectionPath(t, ctx.namespace), body: text, contentType: "application/json" }, target: aimedAt(t, ctx) };
  const method = pick(random, ["PUT", "PATCH"]);
  const contentType = method === "PUT" ? "application/json" : pick(random, ["application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json"]);
  return { request: { category: "broken JSON", method, path: objectPath(t, ctx.namespace, t.seedName), body: text, contentType }, target: aimedAt(t, ctx, t.seedName) };
};

const brokenYamlRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const body = brokenYaml(random);
  if (random() < 0.5) return { request: { category: "broken YAML", method: "POST", path: collectionPath(t, ctx.namespace), body, contentType: "application/yaml" }, target: aimedAt(t, ctx) };
  const path = `${objectPath(t, ctx.namespace, t.seedName)}?fieldManager=fuzz`;
  return { request: { category: "broken YAML", method: "PATCH", path, body, contentType: "application/apply-patch+yaml" }, target: aimedAt(t, ctx, t.seedName) };
};

const wrongTypesRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const count = 1 + intBelow(random, 3);
  if (random() < 0.6) {
    const name = freshName(t);
    const body = jsonBody(mutateDocument(random, withName(t.manifest, name), count));
    return { request: { category: "wrong types", method: "POST", path: collectionPath(t, ctx.namespace), body, contentType: "application/json" }, target: aimedAt(t, ctx) };
  }
  const body = jsonBody(mutateDocument(random, t.manifest, count));
  return { request: { category: "wrong types", method: "PUT", path: objectPath(t, ctx.namespace, t.seedName), body, contentType: "application/json" }, target: aimedAt(t, ctx, t.seedName) };
};

const mib = 1024 * 1024;
const hugeBodyRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets.filter((x) => x.kind === "ConfigMap"));
  const size = pick(random, [3 * mib - 4096, 3 * mib + 1, 3 * mib + 4096, 4 * mib]);
  const name = freshName(t);
  const body = jsonBody({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { big: "" } }).replace('"big":""', `"big":"${"x".repeat(size)}"`);
  return { request: { category: "huge bodies", method: "POST", path: collectionPath(t, ctx.namespace), body, contentType: "application/json" }, target: aimedAt(t, ctx) };
};

const deepRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const depth = pick(random, [100, 1_000, 10_000, 100_000]);
  // Written as text: too deep for JSON.stringify itself.
  const [open, close] = random() < 0.5 ? ["[", "]"] : ['{"a":', "}"];
  const nested = `${open.repeat(depth)}"bottom"${close.repeat(depth)}`;
  const name = freshName(t);
  const spot = pick(random, ["labels", "annotations", "spec", "data", "root"]);
  const manifest = withName(t.manifest, name);
  const placeholder = "deep-nesting-goes-here";
  const doc: Json =
    spot === "root" ? placeholder : spot === "spec" || spot === "data" ? { ...manifest, [spot]: placeholder } : { ...manifest, metadata: { ...(manifest.metadata as { [key: string]: Json }), [spot]: placeholder } };
  const body = jsonBody(doc).replace(`"${placeholder}"`, nested);
  const method = pick(random, ["POST", "PATCH"]);
  if (method === "POST") return { request: { category: "deep nesting", method, path: collectionPath(t, ctx.namespace), body, contentType: "application/json" }, target: aimedAt(t, ctx) };
  const contentType = pick(random, ["application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"]);
  const path = `${objectPath(t, ctx.namespace, t.seedName)}${contentType.includes("apply") ? "?fieldManager=fuzz" : ""}`;
  return { request: { category: "deep nesting", method, path, body, contentType }, target: aimedAt(t, ctx, t.seedName) };
};

const badLabelSelectors = ["a in (", "!!", "a=b,", "=", "a==b==c", "a notin b", "a in (b,c", "x".repeat(10_000), `a in (${Array.from({ length: 5000 }, (_, i) => `v${i}`).join(",")})`, "%ff", "a=\u0000", "a>1", "a<b", "a=b=c", "key with space=1", "a/b/c=d", "-a=b", "a=-", "a!", "a,,b", "(a)", "a in ()"];
const badFieldSelectors = ["metadata.name", "spec.replicas=1", "metadata.name==x==", "unknown.field=x", "metadata.name=a,,", "status.phase!=", "=x", "metadata.name in (a)", "metadata.namespace!=a!=b", "x".repeat(5_000), "involvedObject.uid=%00"];

const selectorRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const label = random() < 0.6;
  const value = label ? pick(random, badLabelSelectors) : pick(random, badFieldSelectors);
  const param = label ? "labelSelector" : "fieldSelector";
  const method = random() < 0.85 ? "GET" : "DELETE";
  const watch = method === "GET" && random() < 0.2 ? "&watch=1&timeoutSeconds=1" : "";
  return { request: { category: "bad selectors", method, path: `${collectionPath(t, ctx.namespace)}?${param}=${encodeURIComponent(value)}${watch}` }, target: aimedAt(t, ctx) };
};

const jsonPatches: Array<(random: Random) => Json> = [
  () => ({ op: "add", path: "/metadata/labels/a", value: "b" }),
  () => [{ op: "bogus", path: "/metadata" }],
  () => [{ path: "/metadata/labels" }],
  () => [{ op: "add" }],
  () => [{ op: "add", path: "metadata/labels/x", value: "y" }],
  () => [{ op: "replace", path: "", value: {} }],
  () => [{ op: "replace", path: "/metadata/name", value: "renamed" }],
  () => [{ op: "replace", path: "/metadata/namespace", value: "elsewhere" }],
  () => [{ op: "replace", path: "/spec/template/spec/containers/99/image", value: "x" }],
  () => [{ op: "add", path: "/~2x", value: 1 }],
  () => [{ op: "add", path: "/metadata/labels/a~", value: "b" }],
  () => [{ op: "replace", path: "/metadata/finalizers/-", value: "x" }],
  () => [{ op: "add", path: "/metadata/finalizers/99999999999999999999", value: "x" }],
  () => [{ op: "add", path: "/metadata/finalizers/-1", value: "x" }],
  () => [{ op: "test", path: "/metadata/name", value: "not-the-name" }, { op: "remove", path: "/metadata" }],
  () => [{ op: "move", from: "/nowhere", path: "/metadata/labels" }],
  () => [{ op: "copy", from: "/metadata", path: "/metadata/labels/x" }],
  () => [{ op: "remove", path: "/metadata" }],
  () => [{ op: "remove", path: "/kind" }],
  () => [{ op: "add", path: "/metadata/uid", value: "forged" }],
  () => [{ op: "add", path: "/metadata/resourceVersion", value: "1" }],
  () => [{ op: "add", path: `/${Array(1000).fill("a").join("/")}`, value: 1 }],
  () => [{ op: "add", path: "/metadata/labels", value: { "bad key!": "v" } }],
  (random) => [{ op: "add", path: "/metadata/annotations", value: wrongValue(random, {}) }],
  (random) => Array.from({ length: 1 + intBelow(random, 5000) }, () => ({ op: "add", path: "/metadata/labels/n", value: "v" })),
  (random) => [{ op: pick(random, ["add", "replace", "remove", "test", "move", "copy"]), path: pick(random, ["/spec", "/data", "/metadata/labels", "/status", "/apiVersion"]), value: wrongValue(random, null), from: pick(random, ["/spec", "", "/x"]) }],
];

const strategicPatches: Array<(random: Random) => Json> = [
  () => ({ $patch: "bogus" }),
  () => ({ $patch: "delete" }),
  () => ({ spec: { template: { spec: { containers: [{ $patch: "delete" }] } } } }),
  () => ({ spec: { template: { spec: { containers: [{ name: null }] } } } }),
  () => ({ metadata: { labels: { $patch: "replace" } } }),
  () => ({ metadata: { labels: { $patch: 7 } } }),
  () => ({ $retainKeys: "x" }),
  () => ({ spec: { $retainKeys: [1, 2] } }),
  () => ({ spec: { strategy: { $retainKeys: ["type"], type: "Bogus" } } }),
  () => ({ spec: { template: { spec: { "$setElementOrder/containers": [{ name: 1 }] } } } }),
  () => ({ "$setElementOrder/finalizers": "x" }),
  () => ({ metadata: { "$deleteFromPrimitiveList/finalizers": "x" } }),
  () => ({ metadata: { "$deleteFromPrimitiveList/finalizers": [{}] } }),
  () => ({ spec: { template: { spec: { containers: "not a list" } } } }),
  () => ({ spec: { ports: [{ port: "http", $patch: "merge" }] } }),
  () => ({ metadata: { $unknownDirective: true } }),
  () => ({ subsets: [{ addresses: [{ $patch: "replace" }] }] }),
  () => ({ rules: [{ $patch: "delete", verbs: 1 }] }),
];

function patchRequest(category: string, contentType: string, documents: Array<(random: Random) => Json>): Generator {
  return (random, ctx) => {
    const t = pick(random, ctx.targets);
    const body: Json =
      random() < 0.6 ? pick(random, documents)(random) : random() < 0.5 ? mutateDocument(random, t.manifest, 1 + intBelow(random, 3)) : pick(random, [[], 1, "x", null, true]);
    const name = random() < 0.9 ? t.seedName : freshName(t);
    return { request: { category, method: "PATCH", path: objectPath(t, ctx.namespace, name), body: jsonBody(body), contentType }, target: aimedAt(t, ctx, name) };
  };
}

const applyRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const variants: Array<() => { query: string; body: string }> = [
    () => ({ query: "", body: jsonBody(t.manifest) }),
    () => ({ query: "?fieldManager=fuzz", body: jsonBody(mutateDocument(random, t.manifest, 1 + intBelow(random, 3))) }),
    () => ({ query: "?fieldManager=fuzz&force=maybe", body: jsonBody(t.manifest) }),
    () => ({ query: `?fieldManager=${"m".repeat(200)}`, body: jsonBody(t.manifest) }),
    () => ({ query: "?fieldManager=fuzz", body: jsonBody({ ...t.manifest, kind: "Widget" }) }),
    () => ({ query: "?fieldManager=fuzz", body: jsonBody({ ...t.manifest, apiVersion: "nope/v9" }) }),
    () => ({ query: "?fieldManager=fuzz", body: jsonBody(withName(t.manifest, "other-name")) }),
    () => ({ query: "?fieldManager=fuzz", body: brokenYaml(random) }),
    () => ({ query: "?fieldManager=fuzz", body: `apiVersion: ${t.group ? `${t.group}/` : ""}${t.version}\nkind: ${t.kind}\nmetadata:\n  name: ${t.seedName}\n  managedFields: 7\n` }),
  ];
  const { query, body } = pick(random, variants)();
  const path = `${objectPath(t, ctx.namespace, t.seedName)}${query}`;
  return { request: { category: "patch: apply YAML", method: "PATCH", path, body, contentType: "application/apply-patch+yaml" }, target: aimedAt(t, ctx, t.seedName) };
};

const unknownKindRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const paths = [
    `/apis/widgets.example.com/v1/namespaces/${ctx.namespace}/widgets`,
    `/api/v2/namespaces/${ctx.namespace}/pods`,
    `/apis/apps/v9/namespaces/${ctx.namespace}/deployments`,
    `/apis/apps/v1/namespaces/${ctx.namespace}/pods`,
    `/api/v1/namespaces/${ctx.namespace}/deployments`,
    `/apis/${t.group ? `${t.group}.example` : "core"}/${t.version}/${t.resource}`,
    `/apis//v1/${t.resource}`,
    `/api/v1/namespaces/${ctx.namespace}/${t.resource}x`,
    `${collectionPath(t, ctx.namespace)}/${t.seedName}/nosuchsubresource`,
    `${collectionPath(t, ctx.namespace)}/${t.seedName}/status/extra`,
    `/api/v1/namespaces/${ctx.namespace}/pods/a/b/c/d/e`,
    `/apis/${"g".repeat(300)}/v1/things`,
  ];
  const bodies = [
    jsonBody({ ...t.manifest, kind: "Widget" }),
    jsonBody({ ...t.manifest, apiVersion: "widgets.example.com/v1" }),
    jsonBody({ ...t.manifest, apiVersion: `${t.group ? `${t.group}/` : ""}v9` }),
    jsonBody({ ...t.manifest, kind: pick(random, ctx.targets).kind }),
    jsonBody({ ...t.manifest, apiVersion: null }),
    jsonBody({ ...t.manifest, kind: "" }),
  ];
  if (random() < 0.5) {
    const method = pick(random, ["GET", "POST", "PUT", "PATCH", "DELETE"]);
    return { request: { category: "unknown kinds", method, path: pick(random, paths), body: jsonBody(withName(t.manifest, freshName(t))), contentType: method === "PATCH" ? "application/merge-patch+json" : "application/json" } };
  }
  return { request: { category: "unknown kinds", method: "POST", path: collectionPath(t, ctx.namespace), body: pick(random, bodies), contentType: "application/json" }, target: aimedAt(t, ctx) };
};

const oddNames = ["a%2Fb", "..", "%2e%2e", "a/../b", "%2E%2E%2F%2E%2E", "a%20b", "%00", "a%00b", "%252F", ".", "%2e", "UPPER", "-lead", "trail-", "a..b", "%F0%9F%98%80", "%ff%fe", "x".repeat(300), "a;b", "a%3Fwatch%3D1", "a%23frag", "~user", "a%5Cb"];

const pathNameRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const name = pick(random, oddNames);
  const method = pick(random, ["GET", "PUT", "PATCH", "DELETE", "POST"]);
  const body = jsonBody(withName(t.manifest, decodeSafely(name)));
  const contentType = method === "PATCH" ? "application/merge-patch+json" : "application/json";
  const path = random() < 0.8 ? objectPath(t, ctx.namespace, name) : t.namespaced ? `${base(t)}/namespaces/${name}/${t.resource}/${t.seedName}` : objectPath(t, ctx.namespace, `${name}/${name}`);
  return { request: { category: "names with path characters", method, path, ...(method === "GET" || method === "DELETE" ? {} : { body, contentType }) }, target: aimedAt(t, ctx, decodeSafely(name)) };
};

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const badQueries = [
  "limit=-1", "limit=abc", "limit=1e99", "limit=99999999999999999999", "limit=0x10", "limit=", "limit=1&limit=2",
  "continue=garbage", "continue=%00", `continue=${Buffer.from('{"v":"meta.k8s.io/v1","rv":-1,"start":"../../"}').toString("base64")}`, `continue=${Buffer.from('{"rv":1e99}').toString("base64url")}`, "limit=1&continue=eyJ9",
  "resourceVersion=-1", "resourceVersion=abc", "resourceVersion=1e20", "resourceVersion=0x1", "resourceVersion=%20", "resourceVersionMatch=Bogus", "resourceVersionMatch=Exact", "resourceVersion=0&resourceVersionMatch=Exact",
  "timeoutSeconds=-1", "timeoutSeconds=abc", "timeoutSeconds=1e99", "watch=maybe", "watch=1&resourceVersion=abc", "watch=1&resourceVersion=-5&timeoutSeconds=1", "watch=1&timeoutSeconds=abc", "watch=1&allowWatchBookmarks=perhaps&timeoutSeconds=1", "watch=1&sendInitialEvents=yes&timeoutSeconds=1",
  "fieldValidation=Bogus", "dryRun=Bogus", "dryRun=All&dryRun=x", "propagationPolicy=Sideways", "gracePeriodSeconds=-5", "gracePeriodSeconds=abc", "orphanDependents=maybe", "fieldManager=%00", `fieldManager=${"f".repeat(300)}`, "force=1", "pretty=%ff", "includeObject=Bogus", "%=%", "a=%zz",
];

const queryRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const query = pick(random, badQueries);
  const variants: Array<() => PlannedRequest> = [
    () => ({ request: { category: "bad query parameters", method: "GET", path: `${collectionPath(t, ctx.namespace)}?${query}` } }),
    () => ({ request: { category: "bad query parameters", method: "GET", path: `${objectPath(t, ctx.namespace, t.seedName)}?${query}` } }),
    () => ({ request: { category: "bad query parameters", method: "POST", path: `${collectionPath(t, ctx.namespace)}?${query}`, body: jsonBody(withName(t.manifest, freshName(t))), contentType: "application/json" }, target: aimedAt(t, ctx) }),
    () => ({ request: { category: "bad query parameters", method: "PATCH", path: `${objectPath(t, ctx.namespace, t.seedName)}?${query}`, body: jsonBody({ metadata: { labels: { fuzz: "q" } } }), contentType: "application/merge-patch+json" }, target: aimedAt(t, ctx, t.seedName) }),
    () => ({ request: { category: "bad query parameters", method: "DELETE", path: `${objectPath(t, ctx.namespace, `absent-${t.seedName}`)}?${query}` }, target: aimedAt(t, ctx, `absent-${t.seedName}`) }),
  ];
  return pick(random, variants)();
};

const tokenRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const jwt = `${b64({ alg: "RS256", kid: "x" })}.${b64({ iss: "kubernetes/serviceaccount", sub: "system:serviceaccount:default:default", exp: 1 })}.${Buffer.from("not a signature").toString("base64url")}`;
  const tokens: Array<string | null> = [
    null,
    "",
    "garbage",
    ctx.adminToken.slice(0, Math.max(1, ctx.adminToken.length - 1 - intBelow(random, ctx.adminToken.length - 1))),
    `${ctx.adminToken}x`,
    ctx.adminToken.toUpperCase(),
    jwt,
    `${b64({ alg: "none" })}.${b64({ sub: "system:admin", groups: ["system:masters"] })}.`,
    "a".repeat(8_000),
    "system:admin",
    " ",
  ];
  const token = pick(random, tokens);
  const headers = random() < 0.15 ? { Authorization: pick(random, ["Basic YWRtaW46YWRtaW4=", "Bearer", "bearer", `Token ${ctx.adminToken}`, `Bearer  ${ctx.adminToken} extra`]) } : undefined;
  const method = pick(random, ["GET", "POST", "DELETE", "PATCH"]);
  const request: PlannedRequest["request"] = { category: "bad tokens", method, path: method === "POST" || method === "GET" ? collectionPath(t, ctx.namespace) : objectPath(t, ctx.namespace, t.seedName), token, ...(headers ? { headers } : {}) };
  if (method === "POST") Object.assign(request, { body: jsonBody(withName(t.manifest, freshName(t))), contentType: "application/json" });
  if (method === "PATCH") Object.assign(request, { body: jsonBody({ metadata: { labels: { owned: "yes" } } }), contentType: "application/merge-patch+json" });
  return { request, target: aimedAt(t, ctx, method === "POST" ? undefined : t.seedName) };
};

const forbiddenRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const method = pick(random, ["POST", "PUT", "PATCH", "DELETE", "DELETECOLLECTION"]);
  const path = method === "POST" || method === "DELETECOLLECTION" ? collectionPath(t, ctx.namespace) : objectPath(t, ctx.namespace, t.seedName);
  const body = method === "PATCH" ? jsonBody({ metadata: { labels: { owned: "yes" } } }) : jsonBody(withName(t.manifest, method === "POST" ? freshName(t) : t.seedName));
  const contentType = method === "PATCH" ? "application/merge-patch+json" : "application/json";
  return { request: { category: "no rights (403)", method: method === "DELETECOLLECTION" ? "DELETE" : method, path, body, contentType, token: ctx.userToken }, target: aimedAt(t, ctx) };
};

const methodRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const variants: Array<() => FuzzRequest> = [
    () => ({ category: "odd methods and subresources", method: pick(random, ["OPTIONS", "TRACE", "HEAD", "PROPFIND"]), path: objectPath(t, ctx.namespace, t.seedName) }),
    () => ({ category: "odd methods and subresources", method: "PUT", path: collectionPath(t, ctx.namespace), body: jsonBody(t.manifest), contentType: "application/json" }),
    () => ({ category: "odd methods and subresources", method: "POST", path: objectPath(t, ctx.namespace, t.seedName), body: jsonBody(t.manifest), contentType: "application/json" }),
    () => ({ category: "odd methods and subresources", method: pick(random, ["POST", "PUT", "PATCH", "DELETE"]), path: `${objectPath(t, ctx.namespace, t.seedName)}/${pick(random, ["status", "scale", "binding", "log", "exec", "finalize", "eviction"])}`, body: jsonBody(mutateDocument(random, t.manifest, 1)), contentType: random() < 0.5 ? "application/json" : "application/merge-patch+json" }),
    () => ({ category: "odd methods and subresources", method: "POST", path: collectionPath(t, ctx.namespace), body: jsonBody(t.manifest), contentType: pick(random, ["text/plain", "application/xml", "application/vnd.kubernetes.protobuf", "multipart/form-data; boundary=x", "application/json; charset=utf-16"]) }),
    () => ({ category: "odd methods and subresources", method: "POST", path: collectionPath(t, ctx.namespace), body: Buffer.from([0x6b, 0x38, 0x73, 0x00, ...Array.from({ length: 200 }, () => intBelow(random, 256))]), contentType: "application/vnd.kubernetes.protobuf" }),
  ];
  return { request: pick(random, variants)(), target: aimedAt(t, ctx) };
};

/** Each category with its share of the requests. */
export const categories: Array<{ name: string; weight: number; generate: Generator }> = [
  { name: "broken JSON", weight: 10, generate: brokenJsonRequest },
  { name: "broken YAML", weight: 6, generate: brokenYamlRequest },
  { name: "wrong types", weight: 22, generate: wrongTypesRequest },
  { name: "huge bodies", weight: 0.2, generate: hugeBodyRequest },
  { name: "deep nesting", weight: 3, generate: deepRequest },
  { name: "bad selectors", weight: 6, generate: selectorRequest },
  { name: "patch: merge", weight: 6, generate: patchRequest("patch: merge", "application/merge-patch+json", [() => ({ metadata: { name: "renamed" } }), () => ({ metadata: { namespace: "elsewhere" } }), () => ({ metadata: { uid: "forged", resourceVersion: "1" } })]) },
  { name: "patch: JSON", weight: 7, generate: patchRequest("patch: JSON", "application/json-patch+json", jsonPatches) },
  { name: "patch: strategic", weight: 7, generate: patchRequest("patch: strategic", "application/strategic-merge-patch+json", strategicPatches) },
  { name: "patch: apply YAML", weight: 6, generate: applyRequest },
  { name: "unknown kinds", weight: 5, generate: unknownKindRequest },
  { name: "names with path characters", weight: 5, generate: pathNameRequest },
  { name: "bad query parameters", weight: 6, generate: queryRequest },
  { name: "bad tokens", weight: 5, generate: tokenRequest },
  { name: "no rights (403)", weight: 3, generate: forbiddenRequest },
  { name: "odd methods and subresources", weight: 3, generate: methodRequest },
];

/** The next request: a category by weight, then that category's generator. */
export function nextRequest(random: Random, ctx: FuzzContext): PlannedRequest {
  const total = categories.reduce((sum, c) => sum + c.weight, 0);
  let roll = random() * total;
  for (const category of categories) {
    roll -= category.weight;
    if (roll < 0) return category.generate(random, ctx);
  }
  return categories[0]!.generate(random, ctx);
}
