import { skiffVersion } from "../../src/version.js";
import { apiVersionOf, type ResourceTable, type ServedResource } from "./resources/served-resource.js";

/**
 * Legacy discovery, which kubectl reads when the answer is plain JSON:
 * /api (APIVersions), /apis (APIGroupList), and an APIResourceList per
 * group version.
 */

const objectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

/** Extra subresources beyond `/status`, by resource. */
const scale = { name: "scale", group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] };
const subresources: Record<string, Array<{ name: string; group?: string; version?: string; kind: string; verbs: string[] }>> = {
  "apps/deployments": [scale],
  "apps/replicasets": [scale],
  "/pods": [
    { name: "binding", kind: "Binding", verbs: ["create"] },
    // kubectl drain evicts (rather than deletes) only when it finds this entry, with its group and version.
    { name: "eviction", group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] },
    { name: "exec", kind: "PodExecOptions", verbs: ["create", "get"] },
    { name: "log", kind: "Pod", verbs: ["get"] },
  ],
  "/namespaces": [{ name: "finalize", kind: "Namespace", verbs: ["update"] }],
  "/serviceaccounts": [{ name: "token", group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", verbs: ["create"] }],
};

/** Namespaces are deleted one at a time, as in Kubernetes. */
const verbsOf = (r: ServedResource): string[] =>
  r.group === "" && r.resource === "namespaces" ? objectVerbs.filter((v) => v !== "deletecollection") : objectVerbs;

function resourceEntries(r: ServedResource): ApiResource[] {
  const main: ApiResource = {
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: verbsOf(r),
  };
  if (r.shortNames.length > 0) main.shortNames = r.shortNames;
  if (r.categories.length > 0) main.categories = r.categories;
  const entries = [main];
  if (r.hasStatus) {
    entries.push({ name: `${r.resource}/status`, singularName: "", namespaced: r.namespaced, kind: r.kind, verbs: ["get", "patch", "update"] });
  }
  for (const sub of subresources[`${r.group}/${r.resource}`] ?? []) {
    const entry: ApiResource = { name: `${r.resource}/${sub.name}`, singularName: "", namespaced: r.namespaced, kind: sub.kind, verbs: sub.verbs };
    if (sub.group !== undefined) entry.group = sub.group;
    if (sub.version !== undefined) entry.version = sub.version;
    entries.push(entry);
  }
  return entries;
}

export function apiResourceList(table: ResourceTable, group: string, version: string): unknown | undefined {
  const inVersion = (r: { group: string; version: string }): boolean => r.group === group && r.version === version;
  const served = table.all.filter(inVersion);
  // Virtual resources are create-only: computed answers, never stored.
  const virtual = table.virtual.filter(inVersion).map(
    (r): ApiResource => ({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: ["create"] }),
  );
  if (served.length === 0 && virtual.length === 0) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version }),
    resources: [...served.flatMap(resourceEntries), ...virtual],
  };
}

export function apiVersions(): unknown {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "" }],
  };
}

function groupEntry(group: string, versions: string[]): unknown {
  const list = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(table: ResourceTable): unknown {
  const groups = new Map<string, string[]>();
  for (const { group, version } of table.groupVersions()) {
    if (group === "") continue;
    const versions = groups.get(group) ?? [];
    versions.push(version);
    groups.set(group, versions);
  }
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups].map(([group, versions]) => groupEntry(group, versions)),
  };
}

export function apiGroup(table: ResourceTable, group: string): unknown | undefined {
  const versions = table.groupVersions().filter((gv) => gv.group === group).map((gv) => gv.version);
  if (versions.length === 0) return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...(groupEntry(group, versions) as object) };
}

/** /version, shaped as Kubernetes' version.Info; skiff reports the Kubernetes API level it follows. */
export function versionInfo(): unknown {
  return {
    major: "1",
    minor: "32",
    gitVersion: `v1.32.0-skiff.${skiffVersion}`,
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "",
    goVersion: `node${process.versions.node}`,
    compiler: "node",
    platform: `${process.platform}/${process.arch === "x64" ? "amd64" : process.arch}`,
  };
}

/** The discovery (and probe) answer for a non-resource path, or undefined when there is none. */
export function discoveryAnswer(table: ResourceTable, path: string): unknown | string | undefined {
  switch (path) {
    case "/livez":
    case "/readyz":
    case "/healthz":
      return "ok";
    case "/version":
      return versionInfo();
    case "/api":
      return apiVersions();
    case "/apis":
      return apiGroupList(table);
  }
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "api" && parts.length === 2) return apiResourceList(table, "", parts[1]!);
  if (parts[0] === "apis" && parts.length === 2) return apiGroup(table, parts[1]!);
  if (parts[0] === "apis" && parts.length === 3) return apiResourceList(table, parts[1]!, parts[2]!);
  return undefined;
}
