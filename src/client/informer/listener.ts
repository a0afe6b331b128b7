import type { Logger } from "../../log.js";
import type { EventHandler, Notification } from "./event-handler.js";

/**
 * Delivers one handler's notifications in order, one at a time (client-go's
 * processorListener). Notifications wait in an unbounded queue, so a slow
 * handler holds up only itself, never the cache or the other handlers.
 * Delivery starts on a later microtask, never inside `enqueue`: a change to
 * the cache is complete before any handler sees it.
 */
export class Listener<T> {
  private readonly queue: Notification<T>[] = [];
  private delivering: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly handler: EventHandler<T>,
    private readonly log: Logger,
  ) {}

  enqueue(notification: Notification<T>): void {
    if (this.stopped) return;
    this.queue.push(notification);
    this.delivering ??= Promise.resolve().then(() => this.deliverAll());
  }

  /** Drops what is queued; resolves once the call under way (if any) has returned. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await this.delivering;
  }

  /** Resolves when every notification queued so far has been delivered. */
  async idle(): Promise<void> {
    while (this.delivering) await this.delivering;
  }

  private async deliverAll(): Promise<void> {
    for (let next = this.queue.shift(); next && !this.stopped; next = this.queue.shift()) {
      try {
        await this.deliver(next);
      } catch (error) {
        this.log.error({ err: error, event: next.type }, "informer event handler failed");
      }
    }
    this.delivering = undefined;
  }

  private deliver(notification: Notification<T>): void | Promise<void> {
    switch (notification.type) {
      case "add":
        return this.handler.onAdd?.(notification.object);
      case "update":
        return this.handler.onUpdate?.(notification.oldObject, notification.newObject);
      case "delete":
        return this.handler.onDelete?.(notification.object, { finalStateUnknown: notification.finalStateUnknown });
    }
  }
}
