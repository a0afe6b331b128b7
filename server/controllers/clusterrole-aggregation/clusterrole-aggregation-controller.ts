import { isNotFound, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { clusterRoleSchema, type ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import { semanticEqual } from "../../../src/api/validation/common.js";
import { rbacResources } from "../../auth/rbac/informer-policy.js";
import type { Controller, ControllerContext } from "../controller.js";
import { aggregatedRules } from "./aggregate-rules.js";

/**
 * Keeps every ClusterRole with an aggregationRule holding the union of the
 * rules of the ClusterRoles its selectors match (how `admin`, `edit` and
 * `view` grow when a ClusterRole labelled aggregate-to-view appears). Any
 * ClusterRole change may change any aggregate, so each change queues every
 * aggregating role; the queue collapses the repeats.
 */
export const clusterRoleAggregationController: Controller = {
  name: "clusterrole-aggregation",
  async run({ client, informer: makeInformer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
    const informer = makeInformer<ClusterRole & ApiObject>(rbacResources.clusterRoles, {
      transform: (object) => {
        const parsed = parseWith(clusterRoleSchema, object, "ignore");
        // Only this server's validated objects come through; one that does not parse aggregates nothing.
        return (parsed.ok ? parsed.value : { ...object, rules: [], aggregationRule: undefined }) as ClusterRole & ApiObject;
      },
    });
    const queue = new RateLimitingQueue<string>();
    const enqueueAggregates = (): void => {
      for (const role of informer.lister.list()) if (role.aggregationRule) queue.add(role.metadata.name ?? "");
    };
    informer.addEventHandler({ onAdd: enqueueAggregates, onUpdate: enqueueAggregates, onDelete: enqueueAggregates });
    await runController({
      informers: [informer],
      queue,
      log,
      signal,
      async sync(name) {
        const role = informer.lister.get(undefined, name);
        if (!role) return;
        const rules = aggregatedRules(role, informer.lister.list());
        if (rules === undefined || semanticEqual(rules, role.rules)) return;
        // A stale resourceVersion is refused (409) and the key retried with the newer cache.
        await client
          .update(rbacResources.clusterRoles, undefined, { ...structuredClone(role), rules }, { fieldManager: "clusterrole-aggregation-controller" })
          .catch((error: unknown) => {
            if (!isNotFound(error)) throw error;
          });
      },
    });
  },
};
