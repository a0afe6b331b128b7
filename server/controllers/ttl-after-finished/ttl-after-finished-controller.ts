import { type Clock, realClock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { objectKey, splitKey } from "../../../src/client/informer/object-key.js";
import { isNotFound, isConflict } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { type JobObject, jobsRef } from "../job/job-sync.js";
import { expiresAtMs } from "./expiry.js";

export interface TtlAfterFinishedOptions {
  clock?: Clock;
}

/**
 * Kubernetes' TTL-after-finished controller: a finished Job with
 * ttlSecondsAfterFinished is deleted that long after it finished, in the
 * foreground (its pods go first) and only if it is still the same Job. The
 * TTL is read again from the server just before: a user may have changed it.
 */
export function ttlAfterFinishedController(options: TtlAfterFinishedOptions = {}): Controller {
  return {
    name: "ttl-after-finished",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const clock = options.clock ?? realClock;
      const jobs = informer<JobObject>(jobsRef);
      const queue = new RateLimitingQueue<string>({ clock });
      const enqueue = (job: JobObject): void => {
        if (expiresAtMs(job) !== undefined) queue.add(objectKey(job));
      };
      jobs.addEventHandler({ onAdd: enqueue, onUpdate: (_old, job) => enqueue(job) });
      await runController({
        informers: [jobs],
        queue,
        workers: 1,
        log,
        signal,
        sync: async (key) => {
          const cached = jobs.lister.getByKey(key);
          if (cached === undefined) return;
          const cachedExpiry = expiresAtMs(cached);
          if (cachedExpiry === undefined) return;
          if (cachedExpiry > clock.now()) {
            queue.addAfter(key, cachedExpiry - clock.now());
            return;
          }
          const { namespace, name } = splitKey(key);
          try {
            const fresh = await client.get<JobObject>(jobsRef, namespace, name);
            const expiry = expiresAtMs(fresh);
            if (expiry === undefined) return;
            if (expiry > clock.now()) {
              queue.addAfter(key, expiry - clock.now());
              return;
            }
            await client.delete(jobsRef, namespace, name, {
              propagationPolicy: "Foreground",
              preconditions: { uid: String(fresh.metadata?.uid ?? "") },
            });
            log.info({ job: key }, "deleted the finished Job: its ttlSecondsAfterFinished passed");
          } catch (error) {
            // Gone already, or changed since it was read: the next event says what to do.
            if (!isNotFound(error) && !isConflict(error)) throw error;
          }
        },
      });
    },
  };
}
