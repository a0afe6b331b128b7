/** Why a container is not running although it should: its status' `state.waiting`. */
export interface WaitingReason {
  reason: string;
  message: string;
}

/** What became of trying to run something: done, or waiting, to be tried again after `retryAfterMs`. */
export type Attempt<T> = { ok: T } | { waiting: WaitingReason; retryAfterMs: number };
