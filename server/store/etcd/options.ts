import { z } from "zod";

/** `http://host:port` or `host:port`; TLS endpoints are not supported yet. */
const endpointPattern = /^(http:\/\/)?[^\s/:]+:\d{1,5}$/;

/**
 * How to reach etcd. Parsed with zod because it comes from flags or a config
 * file: a bad value is reported at start, naming the field.
 */
export const etcdStoreOptionsSchema = z.object({
  /** Client URLs of the etcd members, e.g. `["http://127.0.0.1:2379"]`. */
  endpoints: z
    .array(z.string().regex(endpointPattern, "expected http://host:port or host:port"))
    .min(1, "at least one etcd endpoint is required"),
  /**
   * Stored in front of every key, so several skiff installations (or tests)
   * can share one etcd without seeing each other's keys. Empty by default.
   */
  prefix: z.string().default(""),
  /** How long opening the store waits for etcd to answer a first read. */
  dialTimeoutMs: z.number().int().positive().default(5_000),
  /** Deadline of every single etcd call (not of watch streams). */
  requestTimeoutMs: z.number().int().positive().default(5_000),
});

/** What callers pass; absent fields take the defaults above. */
export type EtcdStoreOptions = z.input<typeof etcdStoreOptionsSchema>;
/** Options with every default filled in. */
export type ResolvedEtcdStoreOptions = z.output<typeof etcdStoreOptionsSchema>;

/** The options were malformed; the message names each bad field. */
export class InvalidEtcdStoreOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidEtcdStoreOptionsError";
  }
}

/** Validates options and fills in defaults. */
export function parseEtcdStoreOptions(input: EtcdStoreOptions): ResolvedEtcdStoreOptions {
  const parsed = etcdStoreOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`);
  throw new InvalidEtcdStoreOptionsError(`invalid etcd store options: ${problems.join("; ")}`);
}
