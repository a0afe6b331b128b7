import { isDeepStrictEqual } from "node:util";
import type { Node, Taint } from "../../src/api/core/v1/node.js";
import { isConflict, type RestClient } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import type { Logger } from "../../src/log.js";
import { nodesRef } from "./node-refs.js";

export interface NodeRegistration {
  name: string;
  labels: Record<string, string>;
  /** Set when the Node is created only: a node may not change its taints afterwards. */
  taints: Taint[];
}

const alreadyExists = (error: unknown): boolean => isConflict(error) && error instanceof StatusError && error.reason === "AlreadyExists";

/**
 * Registers the Node, as the kubelet's registerWithAPIServer: creates it
 * with its labels and taints, or, when it exists (the agent restarted, or
 * joined again under the same name), adopts it and brings its labels up to
 * date with a merge PATCH (labels others added stay; taints stay as they are).
 * Returns the Node as the server has it.
 */
export async function registerNode(client: Pick<RestClient, "create" | "get" | "patch">, registration: NodeRegistration, log: Logger): Promise<Node> {
  const { name, labels, taints } = registration;
  const node = { apiVersion: "v1", kind: "Node", metadata: { name, labels }, spec: taints.length > 0 ? { taints } : {} };
  try {
    const created = await client.create<Node>(nodesRef, undefined, node, { fieldManager: "skiff-agent" });
    log.info({ node: name }, "registered the node");
    return created;
  } catch (error) {
    if (!alreadyExists(error)) throw error;
  }
  const existing = await client.get<Node>(nodesRef, undefined, name);
  const current = existing.metadata.labels ?? {};
  const stale = Object.fromEntries(Object.entries(labels).filter(([key, value]) => current[key] !== value));
  log.info({ node: name }, "the node exists: adopting it");
  if (isDeepStrictEqual(stale, {})) return existing;
  return client.patch<Node>(nodesRef, undefined, name, "merge", { metadata: { labels: stale } }, { fieldManager: "skiff-agent" });
}
