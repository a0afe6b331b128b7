import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { toRuntimeError } from "./docker-errors.js";

/**
 * A GET on the engine whose answer is read as a stream, whatever dockerode
 * would have buffered (it buffers `logs` unless following). The signal ends it.
 */
export function dockerGetStream(
  docker: Docker,
  operation: string,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  signal: AbortSignal,
): Promise<Readable> {
  const options: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) options[key] = value;
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${path}?`,
        method: "GET",
        options,
        isStream: true,
        abortSignal: signal,
        statusCodes: { 200: true, 404: "no such container", 500: "server error" },
      },
      (error, result) => (error ? reject(toRuntimeError(operation, error)) : resolve(result as Readable)),
    );
  });
}
