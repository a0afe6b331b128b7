import { badRequest } from "../../../src/errors/status.js";
import { parseQueryInteger } from "../request/query-integers.js";
import { apiVersionOf } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer } from "./context.js";
import { filterFromQuery, type ObjectFilter } from "./filter.js";

export interface ListPage {
  items: StoredObject[];
  revision: number;
  continue?: string;
}

function positiveInt(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === "") return undefined;
  const value = parseQueryInteger(text);
  if (value === undefined) throw badRequest(`${name} must be a non-negative integer (got "${text}")`);
  return value;
}

/**
 * The revision a list reads at. "" and "0" mean the latest state; N with
 * resourceVersionMatch=Exact reads that revision; N otherwise means "not
 * older than N", which the latest state satisfies (the store refuses a
 * revision it has not reached).
 */
function readRevision(query: URLSearchParams): number | undefined {
  const rv = query.get("resourceVersion") ?? "";
  const match = query.get("resourceVersionMatch") ?? "";
  if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
    throw badRequest(`resourceVersionMatch must be Exact or NotOlderThan (got "${match}")`);
  }
  if (rv === "" || rv === "0") {
    if (match === "Exact") throw badRequest("resourceVersionMatch=Exact requires a resourceVersion other than 0");
    return undefined;
  }
  const revision = parseQueryInteger(rv);
  if (revision === undefined) throw badRequest(`invalid resourceVersion "${rv}"`);
  return match === "Exact" ? revision : undefined;
}

/**
 * Reads matching objects page by page from the store until `limit` are
 * found or the collection ends. Each store page is asked for no more than
 * the matches still wanted, so the store's continue token always points just
 * past the last object returned.
 */
export async function listMatching(
  call: ResourceCall,
  filter: ObjectFilter,
  options: { limit?: number; continue?: string; revision?: number },
): Promise<ListPage> {
  const limit = options.limit ?? 0;
  const items: StoredObject[] = [];
  let token = options.continue;
  let revision = options.revision;
  for (;;) {
    const wanted = limit > 0 ? limit - items.length : 0;
    const request: { limit?: number; continue?: string; revision?: number } = {};
    if (wanted > 0) request.limit = wanted;
    if (token !== undefined) request.continue = token;
    else if (revision !== undefined) request.revision = revision;
    const page = await call.objects.list(call.info.namespace, request);
    revision = page.revision;
    for (const item of page.items) if (filter(item)) items.push(item);
    if (page.continue === undefined) return { items, revision };
    if (limit > 0 && items.length >= limit) return { items, revision, continue: page.continue };
    token = page.continue;
  }
}

/** GET of a collection: `PodList` and friends. */
export async function listObjects(call: ResourceCall): Promise<RestAnswer> {
  const filter = filterFromQuery(call.resource, call.query);
  const options: { limit?: number; continue?: string; revision?: number } = {};
  const limit = positiveInt(call.query, "limit");
  if (limit !== undefined) options.limit = limit;
  const token = call.query.get("continue");
  if (token) {
    const rv = call.query.get("resourceVersion");
    if (rv !== null && rv !== "" && rv !== "0") {
      throw badRequest("specifying resource version is not allowed when using continue");
    }
    options.continue = token;
  } else {
    const revision = readRevision(call.query);
    if (revision !== undefined) options.revision = revision;
  }
  const page = await listMatching(call, filter, options);
  const metadata: { resourceVersion: string; continue?: string } = { resourceVersion: String(page.revision) };
  if (page.continue !== undefined) metadata.continue = page.continue;
  return {
    code: 200,
    body: { kind: `${call.resource.kind}List`, apiVersion: apiVersionOf(call.resource), metadata, items: page.items },
  };
}
