import { RuntimeError, RuntimeNotFoundError } from "../container-runtime.js";

/** What dockerode rejects with: an Error, with the engine's answer when there was one. */
interface DockerodeError {
  statusCode?: number;
  json?: unknown;
  message?: string;
}

function asDockerodeError(error: unknown): DockerodeError {
  return typeof error === "object" && error !== null ? (error as DockerodeError) : { message: String(error) };
}

/** The HTTP status the engine answered with, if it answered. */
export function dockerStatusCode(error: unknown): number | undefined {
  return asDockerodeError(error).statusCode;
}

/** The engine's own message (its JSON `message`), else the error's. */
export function dockerMessage(error: unknown): string {
  const { json, message } = asDockerodeError(error);
  if (typeof json === "object" && json !== null && "message" in json && typeof json.message === "string") {
    return json.message;
  }
  if (Buffer.isBuffer(json) && json.length > 0) return json.toString("utf8").trim();
  return message ?? "unknown error";
}

/** A dockerode failure as the runtime's error: 404 is not found, anything else a RuntimeError. */
export function toRuntimeError(operation: string, error: unknown): RuntimeError {
  if (error instanceof RuntimeError) return error;
  const message = dockerMessage(error);
  if (dockerStatusCode(error) === 404) return new RuntimeNotFoundError(operation, message, { cause: error });
  return new RuntimeError(operation, message, { cause: error });
}

/**
 * Runs one engine call, turning its failure into the runtime's error.
 *
 * @example
 * await dockerCall(`start container ${id}`, () => docker.getContainer(id).start());
 */
export async function dockerCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toRuntimeError(operation, error);
  }
}
