import type { DiscoveredResource, Discovery } from "../../client/discovery.js";
import { UsageError } from "../flags.js";

/** What the user asked for, before the server is asked what the types mean. */
export interface TypedTarget {
  /** As typed: `deploy`, `pods`, `deployments.apps`, `all`. */
  type: string;
  /** Empty: the whole collection. */
  names: string[];
}

/** A resource and the objects of it a command acts on (none named: the whole collection). */
export interface ResourceTarget {
  resource: DiscoveredResource;
  names: string[];
}

/**
 * Reads kubectl's resource arguments: `TYPE[,TYPE...] [NAME...]`, or
 * `TYPE/NAME...` (the two forms cannot be mixed).
 *
 * @example
 * parseResourceArgs(["pods,svc", "web"]); // [{ type: "pods", names: ["web"] }, { type: "svc", names: ["web"] }]
 * parseResourceArgs(["deploy/hello"]); // [{ type: "deploy", names: ["hello"] }]
 */
export function parseResourceArgs(args: readonly string[]): TypedTarget[] {
  if (args.length === 0) throw new UsageError("you must specify the type of resource");
  if (args.some((arg) => arg.includes("/"))) {
    const targets: TypedTarget[] = [];
    for (const arg of args) {
      const slash = arg.indexOf("/");
      if (slash < 0) {
        throw new UsageError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'skiff get resource/<resource_name>' instead of 'skiff get resource resource/<resource_name>')`);
      }
      const type = arg.slice(0, slash);
      const name = arg.slice(slash + 1);
      if (type === "" || name === "" || name.includes("/")) throw new UsageError(`arguments in resource/name form must have a single resource and name: "${arg}"`);
      const last = targets[targets.length - 1];
      if (last?.type === type) last.names.push(name);
      else targets.push({ type, names: [name] });
    }
    return targets;
  }
  const [types = "", ...names] = args;
  const typeList = types.split(",");
  if (typeList.some((type) => type === "")) throw new UsageError(`a resource type may not be empty: "${types}"`);
  return typeList.map((type) => ({ type, names: [...names] }));
}

/**
 * The resources behind typed targets, as kubectl resolves them: a category
 * (`all`) becomes every resource in it, in discovery order; any other name
 * is looked up by plural, singular, short name or kind.
 *
 * @throws UnknownResourceError for a type the server does not serve.
 */
export async function resolveTargets(discovery: Pick<Discovery, "all" | "forName">, targets: readonly TypedTarget[]): Promise<ResourceTarget[]> {
  const resolved: ResourceTarget[] = [];
  const all = await discovery.all();
  for (const target of targets) {
    const category = target.type.toLowerCase();
    const members = target.type.includes(".") ? [] : all.filter((r) => r.categories.includes(category));
    if (members.length > 0) {
      for (const resource of members) resolved.push({ resource, names: [...target.names] });
    } else {
      resolved.push({ resource: await discovery.forName(target.type), names: [...target.names] });
    }
  }
  return resolved;
}
