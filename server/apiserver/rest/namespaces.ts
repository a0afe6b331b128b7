import { forbidden, notFound } from "../../../src/errors/status.js";
import type { RestContext } from "./context.js";

/** The namespaces every cluster has from the start. */
export const systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

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
