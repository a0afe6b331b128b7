import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { servedKinds } from "../../src/api/registry.js";
import type { Json } from "./mutate.js";
import type { FuzzTarget } from "./requests.js";

const fixtures = new URL("../fixtures/manifests/valid/", import.meta.url);

/** Kinds no fixture shows: a small valid manifest of our own. */
const fallbacks: Record<string, { [key: string]: Json }> = {
  ReplicaSet: {
    spec: { replicas: 1, selector: { matchLabels: { app: "rs" } }, template: { metadata: { labels: { app: "rs" } }, spec: { containers: [{ name: "c", image: "busybox" }] } } },
  },
};

/** One valid manifest of every served kind, from the fixtures (first of its kind), renamed `seed-<kind>` and without namespace. */
export async function fuzzTargets(): Promise<FuzzTarget[]> {
  const byKind = new Map<string, { [key: string]: Json }>();
  for (const file of (await readdir(fixtures)).filter((f) => f.endsWith(".yaml")).sort()) {
    const text = await readFile(join(fixtures.pathname, file), "utf8");
    for (const document of parseAllDocuments(text)) {
      const value = document.toJSON() as { [key: string]: Json } | null;
      if (value === null || typeof value.kind !== "string" || byKind.has(`${String(value.apiVersion)}|${value.kind}`)) continue;
      byKind.set(`${String(value.apiVersion)}|${value.kind}`, value);
    }
  }
  return servedKinds.map((kind) => {
    const found = byKind.get(`${kind.apiVersion}|${kind.kind}`) ?? { apiVersion: kind.apiVersion, kind: kind.kind, ...(fallbacks[kind.kind] ?? {}) };
    const seedName = `seed-${kind.kind.toLowerCase()}`;
    const { namespace: _ns, ...metadata } = (found.metadata ?? {}) as { [key: string]: Json };
    return {
      group: kind.group,
      version: kind.version,
      resource: kind.resource,
      kind: kind.kind,
      namespaced: kind.namespaced,
      seedName,
      manifest: { ...found, metadata: { ...metadata, name: seedName } },
    };
  });
}
