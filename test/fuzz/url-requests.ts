import type { FuzzRequest } from "./fuzz-client.js";
import { intBelow, mutateDocument, pick } from "./mutate.js";
import { aimedAt, base, collectionPath, decodeSafely, freshName, jsonBody, objectPath, withName, type Generator, type PlannedRequest } from "./targets.js";

// What the URL and headers say: selectors, unknown kinds, odd names, query parameters, tokens, methods.

const badLabelSelectors = ["a in (", "!!", "a=b,", "=", "a==b==c", "a notin b", "a in (b,c", "x".repeat(10_000), `a in (${Array.from({ length: 5000 }, (_, i) => `v${i}`).join(",")})`, "%ff", "a=\u0000", "a>1", "a<b", "a=b=c", "key with space=1", "a/b/c=d", "-a=b", "a=-", "a!", "a,,b", "(a)", "a in ()"];
const badFieldSelectors = ["metadata.name", "spec.replicas=1", "metadata.name==x==", "unknown.field=x", "metadata.name=a,,", "status.phase!=", "=x", "metadata.name in (a)", "metadata.namespace!=a!=b", "x".repeat(5_000), "involvedObject.uid=%00"];

export const selectorRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const label = random() < 0.6;
  const value = label ? pick(random, badLabelSelectors) : pick(random, badFieldSelectors);
  const param = label ? "labelSelector" : "fieldSelector";
  const method = random() < 0.85 ? "GET" : "DELETE";
  const watch = method === "GET" && random() < 0.2 ? "&watch=1&timeoutSeconds=1" : "";
  return { request: { category: "bad selectors", method, path: `${collectionPath(t, ctx.namespace)}?${param}=${encodeURIComponent(value)}${watch}` }, target: aimedAt(t, ctx) };
};

export const unknownKindRequest: Generator = (random, ctx) => {
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

export const pathNameRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const name = pick(random, oddNames);
  const method = pick(random, ["GET", "PUT", "PATCH", "DELETE", "POST"]);
  const body = jsonBody(withName(t.manifest, decodeSafely(name)));
  const contentType = method === "PATCH" ? "application/merge-patch+json" : "application/json";
  const path = random() < 0.8 ? objectPath(t, ctx.namespace, name) : t.namespaced ? `${base(t)}/namespaces/${name}/${t.resource}/${t.seedName}` : objectPath(t, ctx.namespace, `${name}/${name}`);
  return { request: { category: "names with path characters", method, path, ...(method === "GET" || method === "DELETE" ? {} : { body, contentType }) }, target: aimedAt(t, ctx, decodeSafely(name)) };
};

const badQueries = [
  "limit=-1", "limit=abc", "limit=1e99", "limit=99999999999999999999", "limit=0x10", "limit=", "limit=1&limit=2",
  "continue=garbage", "continue=%00", `continue=${Buffer.from('{"v":"meta.k8s.io/v1","rv":-1,"start":"../../"}').toString("base64")}`, `continue=${Buffer.from('{"rv":1e99}').toString("base64url")}`, "limit=1&continue=eyJ9",
  "resourceVersion=-1", "resourceVersion=abc", "resourceVersion=1e20", "resourceVersion=0x1", "resourceVersion=%20", "resourceVersionMatch=Bogus", "resourceVersionMatch=Exact", "resourceVersion=0&resourceVersionMatch=Exact",
  "timeoutSeconds=-1", "timeoutSeconds=abc", "timeoutSeconds=1e99", "watch=maybe", "watch=1&resourceVersion=abc", "watch=1&resourceVersion=-5&timeoutSeconds=1", "watch=1&timeoutSeconds=abc", "watch=1&allowWatchBookmarks=perhaps&timeoutSeconds=1", "watch=1&sendInitialEvents=yes&timeoutSeconds=1",
  "fieldValidation=Bogus", "dryRun=Bogus", "dryRun=All&dryRun=x", "propagationPolicy=Sideways", "gracePeriodSeconds=-5", "gracePeriodSeconds=abc", "orphanDependents=maybe", "fieldManager=%00", `fieldManager=${"f".repeat(300)}`, "force=1", "pretty=%ff", "includeObject=Bogus", "%=%", "a=%zz",
];

export const queryRequest: Generator = (random, ctx) => {
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

export const tokenRequest: Generator = (random, ctx) => {
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
    ...ctx.signedTokens,
  ];
  const token = pick(random, tokens);
  const headers = random() < 0.15 ? { Authorization: pick(random, ["Basic YWRtaW46YWRtaW4=", "Bearer", "bearer", `Token ${ctx.adminToken}`, `Bearer  ${ctx.adminToken} extra`]) } : undefined;
  const method = pick(random, ["GET", "POST", "DELETE", "PATCH"]);
  const request: PlannedRequest["request"] = { category: "bad tokens", method, path: method === "POST" || method === "GET" ? collectionPath(t, ctx.namespace) : objectPath(t, ctx.namespace, t.seedName), token, ...(headers ? { headers } : {}) };
  if (method === "POST") Object.assign(request, { body: jsonBody(withName(t.manifest, freshName(t))), contentType: "application/json" });
  if (method === "PATCH") Object.assign(request, { body: jsonBody({ metadata: { labels: { owned: "yes" } } }), contentType: "application/merge-patch+json" });
  return { request, target: aimedAt(t, ctx, method === "POST" ? undefined : t.seedName) };
};

export const forbiddenRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const method = pick(random, ["POST", "PUT", "PATCH", "DELETE", "DELETECOLLECTION"]);
  const path = method === "POST" || method === "DELETECOLLECTION" ? collectionPath(t, ctx.namespace) : objectPath(t, ctx.namespace, t.seedName);
  const body = method === "PATCH" ? jsonBody({ metadata: { labels: { owned: "yes" } } }) : jsonBody(withName(t.manifest, method === "POST" ? freshName(t) : t.seedName));
  const contentType = method === "PATCH" ? "application/merge-patch+json" : "application/json";
  return { request: { category: "no rights (403)", method: method === "DELETECOLLECTION" ? "DELETE" : method, path, body, contentType, token: ctx.userToken }, target: aimedAt(t, ctx) };
};

export const methodRequest: Generator = (random, ctx) => {
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
