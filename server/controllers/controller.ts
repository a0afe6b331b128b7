import type { InformerOptions, SharedInformer } from "../../src/client/informer/index.js";
import type { ResourceSelection } from "../../src/client/informer/lister-watcher.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";

/** How a controller asks for an informer: the selection and the informer's own settings. */
export type InformerChoice<T extends ApiObject> = Omit<ResourceSelection, "protocol"> & Omit<InformerOptions<T>, "source">;

/** What every controller of the server is given. */
export interface ControllerContext {
  /** A client of the server's own API with the loopback identity: every write goes through it. */
  client: RestClient;
  /** An informer on one resource in all namespaces, fed by list + watch of the server's own store and watch cache. */
  informer<T extends ApiObject>(ref: ResourceRef, choice?: InformerChoice<T>): SharedInformer<T>;
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
