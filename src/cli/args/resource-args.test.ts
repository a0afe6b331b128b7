import { describe, expect, it } from "vitest";
import { UnknownResourceError, type DiscoveredResource } from "../../client/discovery.js";
import { UsageError } from "../flags.js";
import { parseResourceArgs, resolveTargets } from "./resource-args.js";

describe("parseResourceArgs", () => {
  it("reads TYPE[,TYPE] NAME... as one target per type, each with every name", () => {
    expect(parseResourceArgs(["pods,svc", "web", "db"])).toEqual([
      { type: "pods", names: ["web", "db"] },
      { type: "svc", names: ["web", "db"] },
    ]);
    expect(parseResourceArgs(["deploy"])).toEqual([{ type: "deploy", names: [] }]);
  });

  it("reads TYPE/NAME..., joining neighbours of the same type", () => {
    expect(parseResourceArgs(["deploy/a", "deploy/b", "pod/c", "deploy/d"])).toEqual([
      { type: "deploy", names: ["a", "b"] },
      { type: "pod", names: ["c"] },
      { type: "deploy", names: ["d"] },
    ]);
  });

  it("refuses what kubectl refuses", () => {
    expect(() => parseResourceArgs([])).toThrow(UsageError);
    expect(() => parseResourceArgs(["pods", "pod/web"])).toThrow(/no need to specify a resource type as a separate argument/);
    expect(() => parseResourceArgs(["pod/"])).toThrow(/single resource and name/);
    expect(() => parseResourceArgs(["/web"])).toThrow(/single resource and name/);
    expect(() => parseResourceArgs(["pod/a/b"])).toThrow(/single resource and name/);
    expect(() => parseResourceArgs(["pods,", "web"])).toThrow(/may not be empty/);
  });
});

const resource = (group: string, plural: string, kind: string, categories: string[] = []): DiscoveredResource => ({
  group,
  version: "v1",
  resource: plural,
  namespaced: true,
  kind,
  singular: kind.toLowerCase(),
  shortNames: [],
  categories,
  verbs: [],
});

const pods = resource("", "pods", "Pod", ["all"]);
const deployments = resource("apps", "deployments", "Deployment", ["all"]);
const configmaps = resource("", "configmaps", "ConfigMap");

const discovery = {
  all: async () => [pods, configmaps, deployments],
  forName: async (typed: string) => {
    const found = [pods, configmaps, deployments].find((r) => r.resource === typed || r.kind.toLowerCase() === typed);
    if (!found) throw new UnknownResourceError(`the server doesn't have a resource type "${typed}"`);
    return found;
  },
};

describe("resolveTargets", () => {
  it("expands a category into its resources in discovery order", async () => {
    expect(await resolveTargets(discovery, [{ type: "all", names: [] }])).toEqual([
      { resource: pods, names: [] },
      { resource: deployments, names: [] },
    ]);
  });

  it("looks other names up, and reports one the server does not serve", async () => {
    expect(await resolveTargets(discovery, [{ type: "configmap", names: ["x"] }])).toEqual([{ resource: configmaps, names: ["x"] }]);
    await expect(resolveTargets(discovery, [{ type: "widgets", names: [] }])).rejects.toThrow(UnknownResourceError);
  });
});
