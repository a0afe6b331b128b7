/**
 * What a request asks of the Table output: whether its Accept header wants
 * a `meta.k8s.io` Table (kubectl get sends
 * `application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json`)
 * and what `includeObject` puts into each row.
 */

/** The Table versions served; both have the same shape. */
export type TableVersion = "v1" | "v1beta1";

/** What each row carries: nothing, the object's metadata (default), or the whole object. */
export type IncludeObject = "None" | "Metadata" | "Object";

interface MediaRange {
  type: string;
  subtype: string;
  params: ReadonlyMap<string, string>;
  quality: number;
}

const TABLE_GROUP = "meta.k8s.io";
const TABLE_VERSIONS: ReadonlySet<string> = new Set<TableVersion>(["v1", "v1beta1"]);

/**
 * The Table version the Accept header asks for, or undefined when the
 * preferred acceptable media range is a plain object (or none is a Table).
 * Ranges are taken by quality, then in the order given; a Table range is
 * one with `as=Table;g=meta.k8s.io` and a served `v`, on JSON; other `as=`
 * ranges (PartialObjectMetadata, ...) are not served and are passed over.
 *
 * @example
 * requestedTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"); // "v1"
 * requestedTable("application/json"); // undefined
 */
export function requestedTable(accept: string | undefined): TableVersion | undefined {
  const ranges = parseAccept(accept ?? "")
    .filter((range) => range.quality > 0 && acceptsJson(range))
    .sort((a, b) => b.quality - a.quality);
  for (const range of ranges) {
    const as = range.params.get("as");
    if (as === undefined) return undefined;
    if (as !== "Table" || range.params.get("g") !== TABLE_GROUP) continue;
    const version = range.params.get("v");
    if (version !== undefined && TABLE_VERSIONS.has(version)) return version as TableVersion;
  }
  return undefined;
}

function acceptsJson(range: MediaRange): boolean {
  if (range.type === "*") return range.subtype === "*";
  return range.type === "application" && (range.subtype === "json" || range.subtype === "*");
}

/** Splits an Accept header into media ranges; malformed entries are dropped. */
function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const entry of header.split(",")) {
    const [mediaType = "", ...rawParams] = entry.split(";").map((part) => part.trim());
    const slash = mediaType.indexOf("/");
    if (slash <= 0 || slash === mediaType.length - 1) continue;
    const params = new Map<string, string>();
    let quality = 1;
    for (const raw of rawParams) {
      const eq = raw.indexOf("=");
      if (eq <= 0) continue;
      const key = raw.slice(0, eq).trim().toLowerCase();
      const value = unquote(raw.slice(eq + 1).trim());
      if (key === "q") {
        const q = Number(value);
        quality = Number.isFinite(q) ? q : 0;
      } else {
        params.set(key, value);
      }
    }
    ranges.push({
      type: mediaType.slice(0, slash).toLowerCase(),
      subtype: mediaType.slice(slash + 1).toLowerCase(),
      params,
      quality,
    });
  }
  return ranges;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** The includeObject query parameter, or the message of Kubernetes' 400 for a value it does not know. */
export type IncludeObjectResult = { ok: true; value: IncludeObject } | { ok: false; message: string };

/**
 * Reads the `includeObject` query parameter: `None`, `Metadata` or
 * `Object`; absent or empty means `Metadata`.
 *
 * @example
 * parseIncludeObject(url.searchParams.get("includeObject"));
 */
export function parseIncludeObject(value: string | null | undefined): IncludeObjectResult {
  if (value === null || value === undefined || value === "") return { ok: true, value: "Metadata" };
  if (value === "None" || value === "Metadata" || value === "Object") return { ok: true, value };
  return { ok: false, message: `unrecognized includeObject value: "${value}"` };
}
