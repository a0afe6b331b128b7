import type { RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";

/** What every controller of the server is given. */
export interface ControllerContext {
  /** A client of the server's own API with the loopback identity. */
  client: RestClient;
  log: Logger;
}

/**
 * A control loop of the server: list + watch into informers, and a
 * level-triggered reconcile per work-queue key (src/client). `run` keeps
 * going until `signal` aborts, then resolves once its work in flight is done.
 */
export interface Controller {
  readonly name: string;
  run(context: ControllerContext, signal: AbortSignal): Promise<void>;
}
