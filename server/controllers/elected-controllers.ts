import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "../../src/clock.js";
import { LeaderElector, type LeaderElectionTiming } from "../../src/client/leader-election/leader-elector.js";
import { LeaseLock } from "../../src/client/leader-election/lease-lock.js";
import type { RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";
import type { Controller } from "./controller.js";
import { startControllers } from "./controller-manager.js";
import { sharedInformerFactory, type SourceFor } from "./informer-factory.js";

/** The Lease that says which server runs the cluster's controllers (kube-controller-manager's is kube-system/kube-controller-manager). */
export const controllerManagerLease = { namespace: "kube-system", name: "skiff-controller-manager" };

export interface LeaderElectionChoice {
  /** Off: this server runs the controllers on its own (one server on SQLite). */
  enabled: boolean;
  timing?: LeaderElectionTiming;
  /** This server's name in the Lease (default: host name and a random id). */
  identity?: string;
}

export interface ElectedControllers {
  /** Whether this server runs the controllers now. */
  isLeader(): boolean;
  /** Stops the controllers; with `release`, hands the Lease over at once instead of letting it run out. */
  stop(options: { release: boolean }): Promise<void>;
}

export interface ElectedControllersOptions {
  controllers: readonly Controller[];
  client: RestClient;
  /** Where informers read from; each term of leadership gets fresh informers (a stopped informer cannot run again). */
  source: SourceFor;
  election: LeaderElectionChoice;
  log: Logger;
  clock?: Clock;
}

/**
 * Runs the controllers that must run once in the cluster: at once when
 * leader election is off, else only while this server holds the
 * controller-manager Lease (src/client/leader-election). Leadership lost,
 * they stop, and the server competes for the Lease again.
 */
export function runElectedControllers(options: ElectedControllersOptions): ElectedControllers {
  const { controllers, client, source, log } = options;
  if (!options.election.enabled) {
    const running = startControllers(controllers, client, sharedInformerFactory(source), log);
    return { isLeader: () => true, stop: () => running.stop() };
  }
  const elector = new LeaderElector({
    lock: new LeaseLock(client, controllerManagerLease.namespace, controllerManagerLease.name),
    identity: options.election.identity ?? `${hostname()}_${randomUUID()}`,
    ...(options.election.timing ? { timing: options.election.timing } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    log: log.child({ component: "leader-election" }),
  });
  const abort = new AbortController();
  let leading = false;
  const electing = elector.run(abort.signal, async (term) => {
    leading = true;
    const running = startControllers(controllers, client, sharedInformerFactory(source), log);
    await new Promise<void>((resolve) => (term.aborted ? resolve() : term.addEventListener("abort", () => resolve(), { once: true })));
    await running.stop();
    leading = false;
  });
  return {
    isLeader: () => leading,
    async stop({ release }) {
      abort.abort();
      await electing;
      if (release) await elector.release();
    },
  };
}
