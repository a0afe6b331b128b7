import { badRequest, expired, resourceVersionTooLarge, serviceUnavailable, StatusError } from "../../../src/errors/status.js";
import { CompactedError, FutureRevisionError, InvalidContinueError, StoreUnavailableError } from "../../store/errors.js";

/**
 * The one place where store failures become API answers: a compacted
 * revision is 410 Expired (the client re-lists), a bad continue token 400, an
 * unreachable backend 503. Anything else is passed through unchanged.
 */
export function storeErrorToStatus(error: unknown): unknown {
  if (error instanceof StatusError) return error;
  if (error instanceof CompactedError) {
    return expired(`too old resource version: ${error.requestedRevision} (${error.compactedRevision})`);
  }
  if (error instanceof InvalidContinueError) return badRequest(`invalid continue token: ${error.message}`);
  if (error instanceof FutureRevisionError) {
    return resourceVersionTooLarge(error.requestedRevision, error.currentRevision);
  }
  if (error instanceof StoreUnavailableError) return serviceUnavailable(`storage is unavailable: ${error.message}`);
  return error;
}
