import type { z } from "zod";
import type { SharedInformer } from "../../../src/client/informer/index.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { clusterRoleBindingSchema, type ClusterRoleBinding } from "../../../src/api/rbac/v1/cluster-role-binding.js";
import { clusterRoleSchema, type ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import { roleBindingSchema, type RoleBinding } from "../../../src/api/rbac/v1/role-binding.js";
import { roleSchema, type Role } from "../../../src/api/rbac/v1/role.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import type { Logger } from "../../../src/log.js";
import type { Controller, ControllerContext } from "../../controllers/controller.js";
import type { RbacPolicy } from "./rbac-policy.js";

const rbacRef = (resource: string, namespaced: boolean): ResourceRef => ({ group: "rbac.authorization.k8s.io", version: "v1", resource, namespaced });
export const rbacResources = {
  roles: rbacRef("roles", true),
  clusterRoles: rbacRef("clusterroles", false),
  roleBindings: rbacRef("rolebindings", true),
  clusterRoleBindings: rbacRef("clusterrolebindings", false),
} as const;

type Informers = {
  roles: SharedInformer<Role & ApiObject>;
  clusterRoles: SharedInformer<ClusterRole & ApiObject>;
  roleBindings: SharedInformer<RoleBinding & ApiObject>;
  clusterRoleBindings: SharedInformer<ClusterRoleBinding & ApiObject>;
};

/**
 * Reads an object off the watch with its kind's schema. One that does not
 * parse (it cannot come from this server, which validates every write) is
 * kept by name with nothing in it — no rules, no subjects — so it grants
 * nothing: the cache fails closed. managedFields are dropped to save memory.
 */
function parsedOrEmpty<T extends { metadata: { managedFields?: unknown } }>(schema: z.ZodType<T>, empty: Partial<T>, log: Logger) {
  return (object: ApiObject): T & ApiObject => {
    const parsed = parseWith(schema, object, "ignore");
    if (parsed.ok) {
      delete parsed.value.metadata.managedFields;
      return parsed.value as T & ApiObject;
    }
    log.error({ name: object.metadata?.name, namespace: object.metadata?.namespace, kind: object.kind }, "unreadable RBAC object ignored");
    return { ...object, ...empty } as T & ApiObject;
  };
}

/**
 * The RBAC policy kept in memory by four informers through the server's
 * loopback client. Chosen over reading the store directly because it is the
 * same list + watch path every other client uses (watch cache, resume after
 * a cut, re-list on 410), so the authorizer sees exactly what the API
 * serves, through no second, private channel. It runs as one of the
 * server's controllers, which gives it the loopback client and its stop.
 */
export class InformerRbacPolicy implements RbacPolicy, Controller {
  readonly name = "rbac-policy-cache";
  private informers: Informers | undefined;

  hasSynced(): boolean {
    const informers = this.informers;
    return informers !== undefined && runnables(informers).every((informer) => informer.hasSynced());
  }

  role(namespace: string, name: string): Role | undefined {
    return this.informers?.roles.lister.get(namespace, name);
  }

  clusterRole(name: string): ClusterRole | undefined {
    return this.informers?.clusterRoles.lister.get(undefined, name);
  }

  roleBindings(namespace: string): readonly RoleBinding[] {
    return this.informers?.roleBindings.lister.list(namespace) ?? [];
  }

  clusterRoleBindings(): readonly ClusterRoleBinding[] {
    return this.informers?.clusterRoleBindings.lister.list() ?? [];
  }

  async run({ informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
    if (this.informers) throw new Error("the RBAC policy cache is already running");
    this.informers = makeInformers(informer, log);
    await Promise.all(runnables(this.informers).map((informer) => informer.run(signal)));
  }

  /** Resolves true once every informer has listed (false when stopped first). */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const informers = this.informers;
    if (!informers) return false;
    const synced = await Promise.all(runnables(informers).map((informer) => informer.waitForSync(signal)));
    return synced.every(Boolean);
  }
}

/** The four informers as what they share, whatever their object type. */
const runnables = (informers: Informers): Array<Pick<SharedInformer<ApiObject>, "run" | "waitForSync" | "hasSynced">> => [
  informers.roles,
  informers.clusterRoles,
  informers.roleBindings,
  informers.clusterRoleBindings,
];

function makeInformers(informer: ControllerContext["informer"], log: Logger): Informers {
  const options = { log };
  return {
    roles: informer(rbacResources.roles, { ...options, transform: parsedOrEmpty(roleSchema, { rules: [] }, log) }),
    clusterRoles: informer(rbacResources.clusterRoles, {
      ...options,
      transform: parsedOrEmpty(clusterRoleSchema, { rules: [] }, log),
    }),
    roleBindings: informer(rbacResources.roleBindings, {
      ...options,
      transform: parsedOrEmpty(roleBindingSchema, { subjects: [] }, log),
    }),
    clusterRoleBindings: informer(rbacResources.clusterRoleBindings, {
      ...options,
      transform: parsedOrEmpty(clusterRoleBindingSchema, { subjects: [] }, log),
    }),
  };
}
