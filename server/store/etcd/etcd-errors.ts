import { ClientClosedError, GRPCDeadlineExceededError, GRPCUnavailableError } from "etcd3";
import { StoreUnavailableError } from "../errors.js";

// etcd answers both with gRPC OutOfRange; only the text tells them apart.
const compactedText = "required revision has been compacted";
const futureRevisionText = "required revision is a future revision";

/** etcd refused a read or compaction because the revision was compacted. */
export function isCompactedRevision(error: unknown): boolean {
  return error instanceof Error && error.message.includes(compactedText);
}

/** etcd refused a read or compaction because the revision is ahead of it. */
export function isFutureRevision(error: unknown): boolean {
  return error instanceof Error && error.message.includes(futureRevisionText);
}

/**
 * Any other failure of an etcd call, as the store's one "backend unusable"
 * error, naming the endpoints so the operator knows which etcd to look at.
 */
export function storeUnavailable(
  error: unknown,
  endpoints: readonly string[],
  timeoutMs: number,
): StoreUnavailableError {
  const target = endpoints.join(",");
  if (error instanceof StoreUnavailableError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof GRPCDeadlineExceededError) {
    return new StoreUnavailableError(target, `etcd did not answer within ${timeoutMs} ms`, { cause: error });
  }
  if (error instanceof GRPCUnavailableError) {
    return new StoreUnavailableError(target, `cannot reach etcd: ${detail}`, { cause: error });
  }
  if (error instanceof ClientClosedError) {
    return new StoreUnavailableError(target, "the etcd store is closed", { cause: error });
  }
  return new StoreUnavailableError(target, `etcd failed: ${detail}`, { cause: error });
}
