import { statusSchema } from "../../api/meta/v1/status.js";
import { StatusError } from "../../errors/status.js";

/**
 * The client's side of Kubernetes' `v5.channel.k8s.io` remote-command
 * protocol: every WebSocket message is binary, its first byte the channel.
 */
export const EXEC_SUBPROTOCOL = "v5.channel.k8s.io";

export const ExecChannel = {
  Stdin: 0,
  Stdout: 1,
  Stderr: 2,
  /** The final Status, as JSON. */
  Error: 3,
  /** `{"Width":W,"Height":H}` */
  Resize: 4,
  /** `[255, n]`: the sender will write no more on channel n. */
  Close: 255,
} as const;
export type ExecChannel = (typeof ExecChannel)[keyof typeof ExecChannel];

/** One message: the channel byte, then the payload. */
export function encodeFrame(channel: ExecChannel, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from([channel]), payload]);
}

/** The message that ends our stdin (v5's close of channel 0). */
export const stdinClosedFrame = encodeFrame(ExecChannel.Close, Buffer.from([ExecChannel.Stdin]));

/** A received message split into channel and payload; undefined for an empty one (v5 uses it as a keep-alive). */
export function decodeFrame(message: Buffer): { channel: number; payload: Buffer } | undefined {
  if (message.length === 0) return undefined;
  return { channel: message[0]!, payload: message.subarray(1) };
}

/** How a remote command ended. */
export type ExecOutcome =
  | { kind: "succeeded" }
  /** The command ran and exited with a non-zero code. */
  | { kind: "exited"; code: number }
  /** The command could not run, or the session broke. */
  | { kind: "failed"; error: StatusError };

// The error channel's Status carries no type fields (`{"metadata":{},"status":"Success"}`).
const channelStatusSchema = statusSchema.omit({ kind: true, apiVersion: true });

/**
 * Reads the Status that ends a session, as kubectl does: Success is 0,
 * NonZeroExitCode with an ExitCode cause is that exit code, anything else
 * is a failure with the server's reason and message.
 */
export function execOutcomeOf(payload: Buffer): ExecOutcome {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = channelStatusSchema.safeParse(value);
  if (!parsed.success) {
    return failedWith(500, "InternalError", `error stream protocol error: not a Status: ${JSON.stringify(payload.toString("utf8").slice(0, 200))}`);
  }
  const status = parsed.data;
  if (status.status === "Success") return { kind: "succeeded" };
  if (status.reason === "NonZeroExitCode") {
    const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
    const code = Number(cause?.message);
    if (Number.isInteger(code) && code > 0) return { kind: "exited", code };
  }
  return failedWith(status.code ?? 500, status.reason ?? "InternalError", status.message ?? "the remote command failed", status.details);
}

/** A failed outcome with a Status made here (a broken session has none from the server). */
export function failedWith(code: number, reason: string, message: string, details?: StatusError["status"]["details"]): ExecOutcome {
  const status: StatusError["status"] = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code, reason, message };
  if (details) status.details = details;
  return { kind: "failed", error: new StatusError(status) };
}
