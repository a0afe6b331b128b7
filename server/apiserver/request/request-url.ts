import { badRequest } from "../../../src/errors/status.js";

// A segment that URL parsing would drop or climb out of: ".", "..", or either percent-encoded.
const dotSegment = /^(?:\.|%2e){1,2}$/i;

/**
 * The URL of a request, refusing paths that URL parsing would rewrite into
 * another one: dot segments (`/configmaps/%2e` would become the collection,
 * so a DELETE would remove every object) and backslashes (read as `/`).
 * Kubernetes never serves such paths either: "." and ".." are not valid
 * names, and no name holds a backslash.
 */
export function requestUrl(raw: string | undefined): URL {
  const text = raw ?? "/";
  const query = text.indexOf("?");
  const path = query < 0 ? text : text.slice(0, query);
  if (path.includes("\\") || path.split("/").some((segment) => dotSegment.test(segment))) {
    throw badRequest(`the request path may hold no "." or ".." segments and no backslashes: ${JSON.stringify(path.slice(0, 200))}`);
  }
  return new URL(text, "http://apiserver");
}
