/**
 * RFC 6901 JSON pointers: `/metadata/labels/app`, with `~1` for `/` and `~0`
 * for `~` inside a reference token, and `""` for the whole document.
 */

/** The unescaped reference tokens of `pointer`, or undefined when it is malformed. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const tokens: string[] = [];
  for (const escaped of pointer.slice(1).split("/")) {
    // `~` may only start `~0` or `~1`.
    if (/~(?![01])/.test(escaped)) return undefined;
    tokens.push(escaped.replace(/~[01]/g, (escape) => (escape === "~1" ? "/" : "~")));
  }
  return tokens;
}

/** The pointer for `tokens`, escaped; the inverse of parsePointer. */
export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((token) => "/" + token.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** The array index a token names (`0`, `17`; never `01`, `-1` or `+1`), or undefined. */
export function parseArrayIndex(token: string): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const index = Number(token);
  return Number.isSafeInteger(index) ? index : undefined;
}

/** The token RFC 6902 lets `add` use for "after the last element". */
export const appendToken = "-";
