import type { KindInfo } from "./kind.js";
import { servedKinds, subresourceKinds, type KubeObject } from "./kinds.js";

export { servedKinds, subresourceKinds, type KubeObject } from "./kinds.js";

const byTypeKey = new Map<string, KindInfo<KubeObject>>();
for (const info of [...servedKinds, ...subresourceKinds]) byTypeKey.set(`${info.apiVersion}|${info.kind}`, info);
const byResourceKey = new Map<string, KindInfo<KubeObject>>();
for (const info of servedKinds) byResourceKey.set(`${info.group}|${info.resource}`, info);

/** The kind an object names with apiVersion and kind (`"apps/v1"`, `"Deployment"`). */
export function kindFor(apiVersion: string, kind: string): KindInfo<KubeObject> | undefined {
  return byTypeKey.get(`${apiVersion}|${kind}`);
}

/** The served kind behind a REST resource: group "" and "pods", "apps" and "deployments". */
export function kindForResource(group: string, resource: string): KindInfo<KubeObject> | undefined {
  return byResourceKey.get(`${group}|${resource}`);
}

/** Whether any kind is registered under this apiVersion. */
export function isKnownApiVersion(apiVersion: string): boolean {
  return [...servedKinds, ...subresourceKinds].some((info) => info.apiVersion === apiVersion);
}

/**
 * The served kind a user means by a name as kubectl accepts it: the plural,
 * the singular, a short name or the kind, any case, optionally qualified
 * by group (`deployments.apps`, `deploy`, `Pod`).
 */
export function resolveResourceName(name: string): KindInfo<KubeObject> | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf(".");
  const base = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  return servedKinds.find(
    (info) =>
      (group === undefined || info.group === group) &&
      (info.resource === base || info.singular === base || info.kind.toLowerCase() === base || info.shortNames.includes(base)),
  );
}
