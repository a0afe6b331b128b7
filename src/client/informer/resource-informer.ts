import { createLogger } from "../../log.js";
import type { ResourceRef } from "../rest/paths.js";
import type { ApiObject, RestClient } from "../rest/rest-client.js";
import { type ResourceSelection, resourceListerWatcher } from "./lister-watcher.js";
import { type InformerOptions, SharedInformer } from "./shared-informer.js";

/**
 * An informer for one resource of the API through `client`, in `namespace`
 * or (undefined) in all namespaces, optionally narrowed by selectors.
 *
 * @example
 * const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
 * const informer = resourceInformer<Pod>(client, pods, undefined, { fieldSelector: `spec.nodeName=${node}` });
 */
export function resourceInformer<T extends ApiObject>(
  client: RestClient,
  ref: ResourceRef,
  namespace: string | undefined,
  options: ResourceSelection & Omit<InformerOptions<T>, "source">,
): SharedInformer<T> {
  const { labelSelector, fieldSelector, protocol, watcher, ...rest } = options;
  const selection: ResourceSelection = {};
  if (labelSelector) selection.labelSelector = labelSelector;
  if (fieldSelector) selection.fieldSelector = fieldSelector;
  if (protocol) selection.protocol = protocol;
  if (watcher) selection.watcher = watcher;
  const resource = ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
  const log = (rest.log ?? createLogger().child({ component: "informer" })).child({ resource });
  return new SharedInformer<T>({ ...rest, log, source: resourceListerWatcher<T>(client, ref, namespace, selection) });
}
