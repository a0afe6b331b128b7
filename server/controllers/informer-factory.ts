import { SharedInformer } from "../../src/client/informer/index.js";
import type { ResourceSelection } from "../../src/client/informer/lister-watcher.js";
import type { ListerWatcher } from "../../src/client/informer/lister-watcher.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { ControllerContext, InformerChoice } from "./controller.js";

/** Where an informer's objects come from, for a resource and a selection. */
export type SourceFor = <T extends ApiObject>(ref: ResourceRef, selection: Omit<ResourceSelection, "protocol">) => ListerWatcher<T>;

/**
 * client-go's SharedInformerFactory for the server's controllers: every
 * controller asking for the same resource and selection gets one informer,
 * so 30,000 pods are cached once, not once per controller. An informer that
 * transforms its objects or sets its own timing is the asker's alone.
 * Extra indexes are added to the shared cache, so their names must be
 * unique (controllers prefix them with their own name).
 */
export function sharedInformerFactory(source: SourceFor): ControllerContext["informer"] {
  const shared = new Map<string, SharedInformer<ApiObject>>();
  return <T extends ApiObject>(ref: ResourceRef, choice: InformerChoice<T> = {}): SharedInformer<T> => {
    const { labelSelector, fieldSelector, indexers, ...informerOptions } = choice;
    const selection = { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
    const ownSettings = informerOptions.transform ?? informerOptions.resyncPeriodMs ?? informerOptions.pageSize ?? informerOptions.clock;
    if (ownSettings !== undefined) {
      return new SharedInformer<T>({ ...informerOptions, ...(indexers ? { indexers } : {}), source: source<T>(ref, selection) });
    }
    const key = `${ref.group}/${ref.version}/${ref.resource}?${labelSelector ?? ""}&${fieldSelector ?? ""}`;
    let informer = shared.get(key) as SharedInformer<T> | undefined;
    if (informer === undefined) {
      informer = new SharedInformer<T>({ ...informerOptions, source: source<T>(ref, selection) });
      shared.set(key, informer as unknown as SharedInformer<ApiObject>);
    }
    for (const [name, fn] of Object.entries(indexers ?? {})) informer.addIndex(name, fn);
    return informer;
  };
}
