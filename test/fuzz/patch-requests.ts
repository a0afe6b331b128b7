import { brokenYaml, intBelow, mutateDocument, pick, wrongValue, type Json, type Random } from "./mutate.js";
import { aimedAt, freshName, jsonBody, objectPath, withName, type Generator } from "./targets.js";

// Bad documents of the four patch types.

/** Merge patches that try to change what identifies an object (most merge patches are mutated manifests). */
export const mergePatches: Array<(random: Random) => Json> = [
  () => ({ metadata: { name: "renamed" } }),
  () => ({ metadata: { namespace: "elsewhere" } }),
  () => ({ metadata: { uid: "forged", resourceVersion: "1" } }),
  () => ({ metadata: { generation: -1, creationTimestamp: "yesterday" } }),
];

export const jsonPatches: Array<(random: Random) => Json> = [
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

export const strategicPatches: Array<(random: Random) => Json> = [
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

export function patchRequest(category: string, contentType: string, documents: Array<(random: Random) => Json>): Generator {
  return (random, ctx) => {
    const t = pick(random, ctx.targets);
    const body: Json =
      random() < 0.6 ? pick(random, documents)(random) : random() < 0.5 ? mutateDocument(random, t.manifest, 1 + intBelow(random, 3)) : pick(random, [[], 1, "x", null, true]);
    const name = random() < 0.9 ? t.seedName : freshName(t);
    return { request: { category, method: "PATCH", path: objectPath(t, ctx.namespace, name), body: jsonBody(body), contentType }, target: aimedAt(t, ctx, name) };
  };
}

export const applyRequest: Generator = (random, ctx) => {
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
