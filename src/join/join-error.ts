/**
 * Why joining failed:
 * - `ca-mismatch`: the server's CA is not the one the token pins (nothing secret was sent);
 * - `refused`: the server turned the token or the node name down (`status` is its HTTP code);
 * - `unreachable`: no answer from the server;
 * - `bad-answer`: the server answered something that is not what joining expects;
 * - `credential-file`: the stored credential cannot be read, written or used.
 */
export type JoinFailure = "ca-mismatch" | "refused" | "unreachable" | "bad-answer" | "credential-file";

/** A failed join, with a message meant for the operator. */
export class JoinError extends Error {
  /** The server's HTTP status, for `refused`. */
  readonly status: number | undefined;

  constructor(
    readonly failure: JoinFailure,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "JoinError";
    this.status = options?.status;
  }
}
