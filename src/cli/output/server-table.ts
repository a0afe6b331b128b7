import { z } from "zod";
import { resourcePath, withQuery, type ResourceRef } from "../../client/rest/paths.js";
import type { RestClient } from "../../client/rest/rest-client.js";

/**
 * The `meta.k8s.io` Tables the server renders for `get`, as the CLI reads
 * them: the server decides the columns and cells, the CLI only lays them out.
 */

/** What kubectl get asks for: a v1 Table, a v1beta1 one, or else the plain object. */
export const tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

const columnSchema = z.object({
  name: z.string(),
  type: z.string(),
  format: z.string().default(""),
  description: z.string().default(""),
  priority: z.number().int().default(0),
});

const rowSchema = z.object({
  cells: z.array(z.unknown()),
  // PartialObjectMetadata by default: where the namespace of a row comes from.
  object: z
    .looseObject({ metadata: z.looseObject({ namespace: z.string().optional(), name: z.string().optional() }).optional() })
    .optional(),
});

export const tableSchema = z.object({
  kind: z.literal("Table"),
  apiVersion: z.string(),
  metadata: z.looseObject({ resourceVersion: z.string().optional(), continue: z.string().optional() }).default({}),
  // Watch events after the first carry no column definitions: the last ones still hold.
  columnDefinitions: z
    .array(columnSchema)
    .nullish()
    .transform((columns) => columns ?? []),
  rows: z
    .array(rowSchema)
    .nullish()
    .transform((rows) => rows ?? []),
});

export type Table = z.output<typeof tableSchema>;
export type TableColumn = Table["columnDefinitions"][number];
export type TableRow = Table["rows"][number];

/** An answer that should have been a Table and is not. */
export class NotATableError extends Error {
  constructor(what: string, detail: string) {
    super(`the server did not answer ${what} with a Table: ${detail}`);
    this.name = "NotATableError";
  }
}

/** Parses a value the server sent as a Table. */
export function parseTable(value: unknown, what: string): Table {
  const parsed = tableSchema.safeParse(value);
  if (!parsed.success) throw new NotATableError(what, z.prettifyError(parsed.error));
  return parsed.data;
}

export interface TableQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

// Pages as kubectl's --chunk-size default: big lists arrive in parts, each its own Table.
const pageSize = 500;

/** The Table of one object. */
export async function getTable(client: RestClient, ref: ResourceRef, namespace: string | undefined, name: string): Promise<Table> {
  const path = resourcePath(ref, namespace, name);
  return parseTable(await client.request({ method: "GET", path, accept: tableAccept }), path);
}

/**
 * The Table of a collection (every namespace when `namespace` is undefined),
 * its pages joined into one; the resourceVersion is the first page's, the
 * version a watch continues from.
 */
export async function listTable(client: RestClient, ref: ResourceRef, namespace: string | undefined, query: TableQuery = {}): Promise<Table> {
  let joined: Table | undefined;
  let next: string | undefined;
  do {
    const path = withQuery(resourcePath(ref, namespace), {
      labelSelector: query.labelSelector || undefined,
      fieldSelector: query.fieldSelector || undefined,
      limit: pageSize,
      continue: next,
    });
    const page = parseTable(await client.request({ method: "GET", path, accept: tableAccept }), path);
    if (joined === undefined) joined = page;
    else joined.rows.push(...page.rows);
    next = page.metadata.continue || undefined;
  } while (next !== undefined);
  return joined;
}
