/**
 * Callbacks for an informer's changes. Each handler gets its calls one at a
 * time, in the order of the changes (an async handler is awaited before its
 * next call); a handler that throws or rejects is logged and gets the next
 * change all the same.
 *
 * The objects are the cache's own: copy one before changing it.
 */
export interface EventHandler<T> {
  /** An object appeared: listed at the start, created, or moved into the selection. */
  onAdd?(object: T): void | Promise<void>;
  /**
   * An object changed. Also called with the same object twice on a periodic
   * resync, and after a re-list for objects that changed while the watch was
   * down (only the latest state is known then).
   */
  onUpdate?(oldObject: T, newObject: T): void | Promise<void>;
  /**
   * An object went. `finalStateUnknown` (client-go's DeletedFinalStateUnknown)
   * says the deletion was found by a re-list, not watched: `object` is then
   * the last state the cache had, and the real final state was never seen.
   */
  onDelete?(object: T, info: { finalStateUnknown: boolean }): void | Promise<void>;
}

/** One change for one handler. */
export type Notification<T> =
  | { type: "add"; object: T }
  | { type: "update"; oldObject: T; newObject: T }
  | { type: "delete"; object: T; finalStateUnknown: boolean };

/** A handler added to an informer. */
export interface HandlerRegistration {
  /** Stops further calls; a call under way finishes. */
  remove(): void;
}
