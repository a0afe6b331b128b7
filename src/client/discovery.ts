import { z } from "zod";
import type { RestClient } from "./rest/rest-client.js";
import type { ResourceRef } from "./rest/paths.js";

/**
 * What the server serves, read from legacy discovery (/api/v1, /apis,
 * /apis/<g>/<v>) once and kept: how a client turns a manifest's kind, or a
 * name the user typed (`deploy`, `pods`, `deployments.apps`), into a path.
 */

const apiResourceListSchema = z.object({
  groupVersion: z.string(),
  resources: z.array(
    z.object({
      name: z.string(),
      singularName: z.string().optional(),
      namespaced: z.boolean(),
      kind: z.string(),
      verbs: z.array(z.string()).optional(),
      shortNames: z.array(z.string()).optional(),
      categories: z.array(z.string()).optional(),
    }),
  ),
});

const apiGroupListSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      preferredVersion: z.object({ groupVersion: z.string(), version: z.string() }).optional(),
      versions: z.array(z.object({ groupVersion: z.string(), version: z.string() })),
    }),
  ),
});

export interface DiscoveredResource extends ResourceRef {
  kind: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  verbs: string[];
}

/** A kind or resource name the server does not serve. */
export class UnknownResourceError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "UnknownResourceError";
  }
}

export class Discovery {
  private resources: DiscoveredResource[] | undefined;

  constructor(private readonly client: RestClient) {}

  /** Every served resource (subresources left out), read once. */
  async all(): Promise<DiscoveredResource[]> {
    if (this.resources) return this.resources;
    const groupVersions: Array<{ group: string; version: string; preferred: boolean }> = [{ group: "", version: "v1", preferred: true }];
    const groups = apiGroupListSchema.parse(await this.client.request({ method: "GET", path: "/apis" }));
    for (const g of groups.groups) {
      for (const v of g.versions) {
        groupVersions.push({ group: g.name, version: v.version, preferred: g.preferredVersion?.version === v.version });
      }
    }
    const found: DiscoveredResource[] = [];
    for (const gv of groupVersions) {
      const path = gv.group === "" ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`;
      const list = apiResourceListSchema.parse(await this.client.request({ method: "GET", path }));
      for (const r of list.resources) {
        if (r.name.includes("/")) continue;
        found.push({
          group: gv.group,
          version: gv.version,
          resource: r.name,
          namespaced: r.namespaced,
          kind: r.kind,
          singular: r.singularName || r.kind.toLowerCase(),
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs ?? [],
        });
      }
    }
    this.resources = found;
    return found;
  }

  /** The resource of a manifest's `apiVersion` and `kind`. */
  async forKind(apiVersion: string, kind: string): Promise<DiscoveredResource> {
    const [group, version] = apiVersion.includes("/") ? (apiVersion.split("/", 2) as [string, string]) : ["", apiVersion];
    const match = (await this.all()).find((r) => r.group === group && r.version === version && r.kind === kind);
    if (!match) throw new UnknownResourceError(`no matches for kind "${kind}" in version "${apiVersion}"`);
    return match;
  }

  /**
   * The resource a user named, as kubectl resolves it: plural, singular, short
   * name or kind, optionally qualified by group (`deployments.apps`).
   */
  async forName(typed: string): Promise<DiscoveredResource> {
    const text = typed.toLowerCase();
    const dot = text.indexOf(".");
    const name = dot < 0 ? text : text.slice(0, dot);
    const group = dot < 0 ? undefined : text.slice(dot + 1);
    const candidates = (await this.all()).filter(
      (r) =>
        (group === undefined || r.group === group) &&
        (r.resource === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name),
    );
    const chosen = candidates.find((r) => r.group === "") ?? candidates[0];
    if (!chosen) throw new UnknownResourceError(`the server doesn't have a resource type "${typed}"`);
    return chosen;
  }
}
