import type { SharedInformer } from "../../../src/client/informer/index.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, isNotFound, type ApiObject, type RestClient } from "../../../src/client/rest/rest-client.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import { StatusError } from "../../../src/errors/status.js";
import { clusterRoleBindingSchema, type ClusterRoleBinding } from "../../../src/api/rbac/v1/cluster-role-binding.js";
import { clusterRoleSchema, type ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import type { z } from "zod";
import { defaultClusterRoleBindings, defaultClusterRoles } from "../../auth/rbac/default-policy.js";
import { rbacResources } from "../../auth/rbac/informer-policy.js";
import type { Controller, ControllerContext } from "../controller.js";
import { reconcileClusterRole, reconcileClusterRoleBinding } from "./reconcile-default.js";

const fieldManager = "rbac-bootstrap";

/** One kind of default object: where it lives, the defaults, and how one is reconciled. */
interface DefaultKind<T extends { metadata: { name?: string | undefined } }> {
  ref: ResourceRef;
  schema: z.ZodType<T>;
  defaults: readonly T[];
  reconcile(wanted: T, existing: T | undefined): T | undefined;
}

const kinds = {
  clusterroles: { ref: rbacResources.clusterRoles, schema: clusterRoleSchema, defaults: defaultClusterRoles, reconcile: reconcileClusterRole } satisfies DefaultKind<ClusterRole>,
  clusterrolebindings: {
    ref: rbacResources.clusterRoleBindings,
    schema: clusterRoleBindingSchema,
    defaults: defaultClusterRoleBindings,
    reconcile: reconcileClusterRoleBinding,
  } satisfies DefaultKind<ClusterRoleBinding>,
};
type KindName = keyof typeof kinds;

/**
 * Creates the default roles and bindings (default-policy.ts) and keeps
 * them: one deleted is made again, and one marked autoupdate "true" gets
 * back the rules or subjects it lost. Kubernetes does this once per start;
 * skiff keeps watching, so a mistaken `kubectl delete clusterrole view`
 * heals itself. `hasBootstrapped` turns true once every default has been
 * reconciled once: the server is not ready before.
 */
export class RbacBootstrapController implements Controller {
  readonly name = "rbac-bootstrap";
  private readonly pending = new Set<string>([
    ...defaultClusterRoles.map((r) => `clusterroles/${r.metadata.name}`),
    ...defaultClusterRoleBindings.map((b) => `clusterrolebindings/${b.metadata.name}`),
  ]);
  private settle: (done: boolean) => void = () => {};
  /** Resolves true once every default has been reconciled once, false if the controller stops first. */
  readonly bootstrapped = new Promise<boolean>((resolve) => (this.settle = resolve));

  hasBootstrapped(): boolean {
    return this.pending.size === 0;
  }

  async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
    const queue = new RateLimitingQueue<string>();
    const informers = {
      clusterroles: watchDefaults("clusterroles", informer, queue),
      clusterrolebindings: watchDefaults("clusterrolebindings", informer, queue),
    };
    await runController({
      informers: [informers.clusterroles, informers.clusterrolebindings],
      queue,
      log,
      signal,
      onSynced: () => {
        for (const key of this.pending) queue.add(key);
      },
      sync: async (key) => {
        const [kindName, name = ""] = key.split("/") as [KindName, string?];
        if (kindName === "clusterroles") await ensure(client, kinds.clusterroles, informers.clusterroles, name);
        else await ensure(client, kinds.clusterrolebindings, informers.clusterrolebindings, name);
        this.pending.delete(key);
        if (this.pending.size === 0) this.settle(true);
      },
    });
    this.settle(false);
  }
}

function watchDefaults<K extends KindName>(kindName: K, makeInformer: ControllerContext["informer"], queue: RateLimitingQueue<string>) {
  type T = (typeof kinds)[K]["defaults"][number];
  const kind = kinds[kindName] as DefaultKind<T>;
  const names = new Set(kind.defaults.map((d) => d.metadata.name));
  const informer = makeInformer<T & ApiObject>(kind.ref, {
    transform: (object) => {
      const parsed = parseWith(kind.schema, object, "ignore");
      return (parsed.ok ? parsed.value : object) as T & ApiObject;
    },
  });
  const enqueue = (object: ApiObject): void => {
    const name = object.metadata?.name ?? "";
    if (names.has(name)) queue.add(`${kindName}/${name}`);
  };
  informer.addEventHandler({ onAdd: enqueue, onUpdate: (_, next) => enqueue(next), onDelete: enqueue });
  return informer;
}

async function ensure<T extends { metadata: { name?: string | undefined } }>(
  client: RestClient,
  kind: DefaultKind<T>,
  informer: SharedInformer<T & ApiObject>,
  name: string,
): Promise<void> {
  const wanted = kind.defaults.find((d) => d.metadata.name === name);
  if (!wanted) return;
  const existing = informer.lister.get(undefined, name);
  const next = kind.reconcile(wanted, existing);
  if (!next) return;
  try {
    if (existing) await client.update(kind.ref, undefined, next as T & ApiObject, { fieldManager });
    else await client.create(kind.ref, undefined, next as T & ApiObject, { fieldManager });
  } catch (error) {
    // Made or changed meanwhile by someone else: the watch brings the news and the key comes back.
    const raced = isConflict(error) || isNotFound(error) || (error instanceof StatusError && error.reason === "AlreadyExists");
    if (!raced) throw error;
  }
}
