import { brokenJson, brokenYaml, intBelow, mutateDocument, pick, type Json } from "./mutate.js";
import { aimedAt, collectionPath, freshName, jsonBody, objectPath, withName, type Generator } from "./targets.js";

// Bodies that are not what they claim: broken JSON and YAML, wrong types, huge and deeply nested documents.

export const brokenJsonRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const text = brokenJson(random, jsonBody(withName(t.manifest, freshName(t))));
  if (random() < 0.6) return { request: { category: "broken JSON", method: "POST", path: collectionPath(t, ctx.namespace), body: text, contentType: "application/json" }, target: aimedAt(t, ctx) };
  const method = pick(random, ["PUT", "PATCH"]);
  const contentType = method === "PUT" ? "application/json" : pick(random, ["application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json"]);
  return { request: { category: "broken JSON", method, path: objectPath(t, ctx.namespace, t.seedName), body: text, contentType }, target: aimedAt(t, ctx, t.seedName) };
};

export const brokenYamlRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets);
  const body = brokenYaml(random);
  if (random() < 0.5) return { request: { category: "broken YAML", method: "POST", path: collectionPath(t, ctx.namespace), body, contentType: "application/yaml" }, target: aimedAt(t, ctx) };
  const path = `${objectPath(t, ctx.namespace, t.seedName)}?fieldManager=fuzz`;
  return { request: { category: "broken YAML", method: "PATCH", path, body, contentType: "application/apply-patch+yaml" }, target: aimedAt(t, ctx, t.seedName) };
};

export const wrongTypesRequest: Generator = (random, ctx) => {
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
export const hugeBodyRequest: Generator = (random, ctx) => {
  const t = pick(random, ctx.targets.filter((x) => x.kind === "ConfigMap"));
  const size = pick(random, [3 * mib - 4096, 3 * mib + 1, 3 * mib + 4096, 4 * mib]);
  const name = freshName(t);
  const body = jsonBody({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { big: "" } }).replace('"big":""', `"big":"${"x".repeat(size)}"`);
  return { request: { category: "huge bodies", method: "POST", path: collectionPath(t, ctx.namespace), body, contentType: "application/json" }, target: aimedAt(t, ctx) };
};

export const deepRequest: Generator = (random, ctx) => {
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
