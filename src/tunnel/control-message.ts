import { z } from "zod";
import { streamStatusSchema } from "./stream-status.js";

/**
 * The tunnel's text messages, one JSON object each. Every one names the
 * stream it is about; `open` also says what the stream is for.
 */
const streamId = z.number().int().min(1).max(0xffffffff);

const podContainer = {
  namespace: z.string().min(1),
  pod: z.string().min(1),
  /** The pod's uid, so the agent never serves a newer pod of the same name. */
  uid: z.string(),
  container: z.string().min(1),
};

/** A container's log, with kubectl's options (already validated by the server). */
export const logRequestSchema = z.object({
  kind: z.literal("log"),
  ...podContainer,
  follow: z.boolean(),
  previous: z.boolean(),
  timestamps: z.boolean(),
  sinceSeconds: z.number().int().min(1).optional(),
  /** RFC 3339, whole seconds, UTC. */
  sinceTime: z.string().optional(),
  tailLines: z.number().int().min(0).optional(),
  limitBytes: z.number().int().min(1).optional(),
});
export type LogRequest = z.infer<typeof logRequestSchema>;

/** A command to run in a container; stdin/stdout/stderr say which channels are used. */
export const execRequestSchema = z.object({
  kind: z.literal("exec"),
  ...podContainer,
  command: z.array(z.string()).min(1),
  stdin: z.boolean(),
  stdout: z.boolean(),
  stderr: z.boolean(),
  tty: z.boolean(),
});
export type ExecRequest = z.infer<typeof execRequestSchema>;

/**
 * A watch the agent asks for, served as `GET path?watch=1&...` from the node
 * identity would be: the collection's path (namespace included) and the
 * watch parameters of the REST API.
 */
export const watchRequestSchema = z.object({
  kind: z.literal("watch"),
  /** e.g. `/api/v1/pods` or `/api/v1/namespaces/default/configmaps`, without a query. */
  path: z.string().regex(/^\/apis?\/[^?#]*$/, "an API path (/api/... or /apis/...) without a query"),
  resourceVersion: z.string().optional(),
  labelSelector: z.string().optional(),
  fieldSelector: z.string().optional(),
  allowWatchBookmarks: z.boolean().optional(),
  timeoutSeconds: z.number().int().min(0).optional(),
});
export type WatchRequest = z.infer<typeof watchRequestSchema>;

/** What the server asks of the agent. */
export type AgentStreamRequest = LogRequest | ExecRequest;

export type StreamRequest = AgentStreamRequest | WatchRequest;

const openSchema = z.discriminatedUnion("kind", [
  logRequestSchema.extend({ type: z.literal("open"), id: streamId }),
  execRequestSchema.extend({ type: z.literal("open"), id: streamId }),
  watchRequestSchema.extend({ type: z.literal("open"), id: streamId }),
]);

export const controlMessageSchema = z.discriminatedUnion("type", [
  openSchema,
  /** The sender may send `bytes` more payload bytes on the stream. */
  z.object({ type: z.literal("window"), id: streamId, bytes: z.number().int().min(1).max(0xffffffff) }),
  /** The sender's stdin has ended. */
  z.object({ type: z.literal("eof"), id: streamId }),
  /** The stream is over at both ends; no answer follows. */
  z.object({ type: z.literal("close"), id: streamId, status: streamStatusSchema }),
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;

/** Parses one text message; an error says what is wrong with it. */
export function parseControlMessage(text: string): { ok: true; message: ControlMessage } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = controlMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error).replace(/\n/g, "; ") };
  return { ok: true, message: parsed.data };
}
