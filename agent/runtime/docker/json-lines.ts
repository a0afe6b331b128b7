import type { Readable } from "node:stream";

/**
 * Calls `onLine` for each non-empty line of a stream of JSON lines (Docker's
 * pull progress, its event stream) as it arrives, until the stream ends.
 */
export async function forEachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  let pending = "";
  for await (const chunk of stream) {
    pending += (chunk as Buffer).toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") onLine(line);
  }
  if (pending.trim() !== "") onLine(pending);
}

/** JSON.parse that answers undefined for what is not JSON. */
export function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
