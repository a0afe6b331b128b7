import type { ContainerRuntime } from "../runtime/container-runtime.js";
import { RuntimeNotFoundError } from "../runtime/container-runtime.js";
import { failed, type StreamStatus } from "../../src/tunnel/stream-status.js";

/** What serving logs and exec needs of the runtime, and nothing more. */
export type StreamRuntime = Pick<ContainerRuntime, "listContainers" | "containerLogs" | "exec">;

/** A runtime failure as the status that ends the stream. */
export function runtimeFailure(error: unknown): StreamStatus {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RuntimeNotFoundError) return failed(404, "NotFound", message);
  return failed(500, "InternalError", message);
}
