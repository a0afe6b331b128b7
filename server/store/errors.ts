/**
 * The only exceptions a store throws. Everything expected (exists, conflict,
 * not found) is a result instead; see store.ts.
 */

/** A read or watch asked for history that compaction already removed. */
export class CompactedError extends Error {
  constructor(
    readonly requestedRevision: number,
    readonly compactedRevision: number,
  ) {
    super(`revision ${requestedRevision} has been compacted (oldest available: ${compactedRevision})`);
    this.name = "CompactedError";
  }
}

/** The backend (a file, an etcd cluster) cannot be reached or used. */
export class StoreUnavailableError extends Error {
  constructor(
    /** The file path or address that failed. */
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${target}: ${message}`, options);
    this.name = "StoreUnavailableError";
  }
}

/** A continue token that this store did not issue, or that was tampered with. */
export class InvalidContinueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidContinueError";
  }
}

/**
 * A read or compaction asked for a revision the store has not reached yet
 * (Kubernetes answers a too-new resourceVersion on a read with a timeout or
 * 504; the API layer decides, the store only says so).
 */
export class FutureRevisionError extends Error {
  constructor(
    readonly requestedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`revision ${requestedRevision} is in the future (current: ${currentRevision})`);
    this.name = "FutureRevisionError";
  }
}
