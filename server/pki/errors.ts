/**
 * What went wrong with a file or folder of the server's PKI. The path is in
 * the message, and the message says what to do, because these errors end the
 * server's start and the operator reads them as its last line.
 */
export type PkiProblem =
  /** The data dir (or a folder in it) exists but is not a directory. */
  | "not-a-directory"
  /** The data dir cannot be written (permissions, read-only mount). */
  | "not-writable"
  /** A file exists but cannot be read. */
  | "unreadable"
  /** A file's content is not what it must be (not PEM, wrong key type, key and certificate do not match). */
  | "corrupt"
  /** Part of a set is missing, e.g. a CA certificate without its key. */
  | "incomplete"
  /** The CA certificate is past its end date. */
  | "expired"
  /** Writing a file failed (disk full, I/O error). */
  | "write-failed";

/** A PKI file or folder that the server cannot use; names the path. */
export class PkiFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: PkiProblem,
    /** What is wrong and what to do, without the path. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${detail}`, options);
    this.name = "PkiFileError";
  }
}

/** A `--tls-san` value that is neither an IP address nor a DNS name. */
export class InvalidTlsSanError extends Error {
  constructor(readonly value: string) {
    super(
      `invalid --tls-san ${JSON.stringify(value)}: must be an IP address or a DNS name ` +
        `(lowercase letters, digits, '-' and '.', optionally starting with "*.")`,
    );
    this.name = "InvalidTlsSanError";
  }
}
