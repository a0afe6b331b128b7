import { StringDecoder } from "node:string_decoder";
import type { RestClient } from "../rest/rest-client.js";
import { resourcePath, withQuery } from "../rest/paths.js";
import { statusErrorFrom } from "../rest/status-from-response.js";

/** PodLogOptions as the query of `pods/{name}/log` carries them. */
export interface PodLogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  sinceSeconds?: number;
  /** RFC 3339, e.g. `2024-05-01T12:00:00Z`. */
  sinceTime?: string;
  timestamps?: boolean;
  tailLines?: number;
  limitBytes?: number;
}

const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** The log URL path; options left unset (and false flags) stay out of the query, as kubectl leaves them. */
export function podLogPath(namespace: string, pod: string, options: PodLogOptions): string {
  return withQuery(resourcePath(podsRef, namespace, pod, "log"), {
    container: options.container,
    follow: options.follow || undefined,
    limitBytes: options.limitBytes,
    previous: options.previous || undefined,
    sinceSeconds: options.sinceSeconds,
    sinceTime: options.sinceTime,
    tailLines: options.tailLines,
    timestamps: options.timestamps || undefined,
  });
}

/**
 * Streams a container's log to `write` as text, until the server ends it or
 * `signal` aborts (then it resolves quietly: stopping a follow is normal).
 *
 * @throws StatusError when the server refuses (no such pod, bad container, agent away).
 */
export async function streamPodLog(
  client: RestClient,
  namespace: string,
  pod: string,
  options: PodLogOptions,
  write: (text: string) => unknown,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return;
  let response;
  try {
    response = await client.transport.open({ method: "GET", path: podLogPath(namespace, pod, options), accept: "*/*", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  const chunks: Buffer[] = [];
  const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
  // UTF-8 characters may be split across chunks.
  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (!ok) chunks.push(chunk);
      else {
        const text = decoder.write(chunk);
        if (text !== "") write(text);
      }
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  if (!ok) throw statusErrorFrom(response.statusCode ?? 0, Buffer.concat(chunks));
  const rest = decoder.end();
  if (rest !== "") write(rest);
}
