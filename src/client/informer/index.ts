/** Informers: list + watch into an indexed local cache, with ordered change handlers (client-go's tools/cache). */
export { SharedInformer, type InformerOptions } from "./shared-informer.js";
export { resourceInformer } from "./resource-informer.js";
export type { EventHandler, HandlerRegistration } from "./event-handler.js";
export { Lister } from "./lister.js";
export { Indexer } from "./indexer.js";
export {
  byControllerOwner,
  byLabel,
  byNamespace,
  controllerIndex,
  defaultIndexFunctions,
  labelIndex,
  labelsOf,
  namespaceIndex,
  type IndexFunction,
} from "./index-functions.js";
export { keyOf, objectKey, splitKey, uidOf } from "./object-key.js";
export {
  MalformedListError,
  resourceListerWatcher,
  type ListerWatcher,
  type ListPage,
  type ResourceSelection,
} from "./lister-watcher.js";
export { defaultBackoff, type BackoffOptions } from "./backoff.js";
