import { setMaxListeners } from "node:events";
import type { RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";
import type { Controller, ControllerContext } from "./controller.js";

export interface RunningControllers {
  /** Stops every controller and waits for them to finish. */
  stop(): Promise<void>;
}

/** Starts the given controllers side by side; one that fails is logged and the others go on. */
export function startControllers(
  controllers: readonly Controller[],
  client: RestClient,
  informer: ControllerContext["informer"],
  log: Logger,
): RunningControllers {
  const abort = new AbortController();
  // Every informer and worker of every controller listens to this one signal.
  setMaxListeners(0, abort.signal);
  const running = controllers.map((controller) => {
    const controllerLog = log.child({ controller: controller.name });
    const context: ControllerContext = {
      client,
      log: controllerLog,
      informer: (ref, choice) => informer(ref, { log: controllerLog, ...choice }),
    };
    return controller.run(context, abort.signal).catch((error: unknown) => {
      controllerLog.error({ err: error }, "controller stopped with an error");
    });
  });
  return {
    async stop() {
      abort.abort();
      await Promise.all(running);
    },
  };
}
