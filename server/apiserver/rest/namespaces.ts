import { forbidden, notFound } from "../../../src/errors/status.js";
import type { RestContext } from "./context.js";

/** The namespaces every cluster has from the start. */
export const systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** Namespaces that may never be deleted (Kubernetes' NamespaceLifecycle "immortal" namespaces). */
const immortalNamespaces: ReadonlySet<string> = new Set(["default", "kube-system", "kube-public"]);

/** Refuses the deletion of `default`, `kube-system` and `kube-public`, as Kubernetes' NamespaceLifecycle admission does. */
export function refuseImmortalNamespaceDeletion(name: string): void {
  if (immortalNamespaces.has(name)) throw forbidden({ group: "", resource: "namespaces" }, name, "this namespace may not be deleted");
}

/**
 * A namespaced object may only be created in a namespace that exists and is
 * not being deleted (Kubernetes' NamespaceLifecycle admission).
 */
export async function requireLiveNamespace(
  ctx: RestContext,
  namespace: string,
  creating: { group: string; resource: string; name: string },
): Promise<void> {
  const resource = ctx.resources.find("", "v1", "namespaces");
  if (!resource) return;
  const ns = await ctx.objectsOf(resource).get("", namespace);
  if (!ns) throw notFound({ group: "", resource: "namespaces" }, namespace);
  if (ns.metadata.deletionTimestamp !== undefined) {
    throw forbidden(
      { group: creating.group, resource: creating.resource },
      creating.name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
}
