import { FakeClock } from "../../../clock.js";
import { createLogger } from "../../../log.js";
import type { ResourceRef } from "../../rest/paths.js";
import { RestClient } from "../../rest/rest-client.js";
import type { ResourceSelection } from "../lister-watcher.js";
import { resourceInformer } from "../resource-informer.js";
import type { InformerOptions, SharedInformer } from "../shared-informer.js";
import { deepFreeze } from "./deep-freeze.js";
import { FakeApiServer, type FakePod } from "./fake-api-server.js";

export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** `web/a@7`: which object, at which version. */
export const describePod = (pod: FakePod): string => `${pod.metadata.namespace}/${pod.metadata.name}@${pod.metadata.resourceVersion}`;

/** An informer on pods of a FakeApiServer, on a fake clock, with a handler that records what it is told. */
export interface InformerHarness {
  server: FakeApiServer;
  client: RestClient;
  clock: FakeClock;
  informer: SharedInformer<FakePod>;
  /** `add web/a@2`, `update web/a@2->5`, `delete web/a@5`, `delete web/a@5 (final state unknown)`. */
  seen: string[];
  /** Starts the informer. */
  run(): void;
  /** Stops the informer and waits for run() to resolve. */
  stopInformer(): Promise<void>;
  /** Stops everything the harness started. */
  stop(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<InformerOptions<FakePod>, "source" | "clock">>, ResourceSelection {
  namespace?: string;
  /** Writes to make before the informer starts. */
  seed?: (server: FakeApiServer) => void;
}

export async function startHarness(options: HarnessOptions = {}): Promise<InformerHarness> {
  const { namespace, seed, ...informerOptions } = options;
  const server = new FakeApiServer();
  const url = await server.start();
  seed?.(server);
  const clock = new FakeClock(1_000_000);
  // One attempt per request: the informer's own back-off is what the tests watch.
  const client = new RestClient({ server: url }, { retry: { attempts: 1 }, clock });
  const informer = resourceInformer<FakePod>(client, podsRef, namespace, {
    clock,
    log: createLogger("silent"),
    // Frozen, so a change anyone makes to a cached object throws.
    transform: deepFreeze,
    ...informerOptions,
  });
  const seen: string[] = [];
  informer.addEventHandler({
    onAdd: (pod) => void seen.push(`add ${describePod(pod)}`),
    onUpdate: (old, pod) => void seen.push(`update ${describePod(old)}->${pod.metadata.resourceVersion}`),
    onDelete: (pod, { finalStateUnknown }) =>
      void seen.push(`delete ${describePod(pod)}${finalStateUnknown ? " (final state unknown)" : ""}`),
  });
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  const stopInformer = async (): Promise<void> => {
    abort.abort();
    await running;
  };
  return {
    server,
    client,
    clock,
    informer,
    seen,
    run: () => void (running = informer.run(abort.signal)),
    stopInformer,
    async stop() {
      await stopInformer();
      client.close();
      await server.close();
    },
  };
}
