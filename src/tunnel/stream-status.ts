import { z } from "zod";

/**
 * How a stream ended, in the shape of Kubernetes' Status without its type
 * fields: what the server relays to kubectl on the exec error channel, and
 * the Status a log request fails with.
 */
export const streamStatusSchema = z.object({
  status: z.enum(["Success", "Failure"]),
  code: z.number().int().min(100).max(599).optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  details: z
    .object({
      causes: z
        .array(z.object({ reason: z.string().optional(), message: z.string().optional(), field: z.string().optional() }))
        .optional(),
    })
    .optional(),
});
export type StreamStatus = z.infer<typeof streamStatusSchema>;

export const succeeded: StreamStatus = { status: "Success" };

/** A failed stream, e.g. `failed(404, "NotFound", 'container "web" not found')`. */
export function failed(code: number, reason: string, message: string): StreamStatus {
  return { status: "Failure", code, reason, message };
}

/**
 * The end of an exec: Success for exit code 0, else the Failure kubectl reads
 * as the command's exit code (reason NonZeroExitCode, cause ExitCode), worded
 * as Kubernetes' apiserver words it.
 */
export function exitCodeStatus(code: number): StreamStatus {
  if (code === 0) return succeeded;
  return {
    status: "Failure",
    reason: "NonZeroExitCode",
    message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}
