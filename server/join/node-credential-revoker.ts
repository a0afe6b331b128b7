import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { runController } from "../../src/client/controller/run-controller.js";
import { RateLimitingQueue } from "../../src/client/workqueue/index.js";
import type { Controller } from "../controllers/controller.js";
import type { Store } from "../store/store.js";
import { nodeCredentialKey } from "./keys.js";

const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };

/**
 * Deleting a Node takes its machine out of the cluster, as in k3s: the node
 * credential issued before the deletion stops working, so a stolen machine
 * cannot register itself again. A machine that joins afresh afterwards (a
 * new join token) keeps its new credential: only credentials written at a
 * store revision before the deletion's are revoked.
 */
export function nodeCredentialRevoker(store: Store): Controller {
  return {
    name: "node-credential-revoker",
    async run({ informer, log }, signal) {
      const nodes = informer<ApiObject>(nodesRef);
      // The store revision each Node was deleted at, by name, until its credential is dealt with.
      const deletedAt = new Map<string, number>();
      const queue = new RateLimitingQueue<string>();
      nodes.addEventHandler({
        onDelete(node, { finalStateUnknown }) {
          const name = node.metadata?.name ?? "";
          const revision = Number(node.metadata?.resourceVersion);
          // Found gone by a re-list, the deletion's revision is unknown: a rejoin's credential could not be told apart. Leave it.
          if (finalStateUnknown || name === "" || !Number.isSafeInteger(revision)) return;
          deletedAt.set(name, Math.max(revision, deletedAt.get(name) ?? 0));
          queue.add(name);
        },
      });
      await runController({
        informers: [nodes],
        queue,
        log,
        signal,
        sync: async (name) => {
          const deletion = deletedAt.get(name);
          if (deletion === undefined) return;
          const stored = await store.get(nodeCredentialKey(name));
          if (stored && stored.modRevision < deletion) {
            const result = await store.delete(stored.key, stored.modRevision);
            // Rewritten meanwhile (a rejoin): look again.
            if (!result.ok && result.current) throw new Error(`the credential of node ${name} changed while being revoked`);
            if (result.ok) log.info({ node: name }, "node deleted: its credential is revoked");
          }
          deletedAt.delete(name);
        },
      });
    },
  };
}
