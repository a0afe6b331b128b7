import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";

/** One object every live namespace must hold (the `default` ServiceAccount, the root CA ConfigMap). */
export interface PerNamespaceObject<T extends ApiObject> {
  controllerName: string;
  ref: ResourceRef;
  objectName: string;
  /** Makes the object right in `namespace`: creates it when `current` is undefined, fixes it when it differs. */
  reconcile(client: RestClient, namespace: string, current: T | undefined): Promise<void>;
}

const namespacesRef: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

interface NamespaceObject extends ApiObject {
  metadata?: ApiObject["metadata"] & { deletionTimestamp?: string };
  status?: { phase?: string };
}

const namespaceOf = (object: ApiObject): string => object.metadata?.namespace ?? "";

/**
 * A controller that keeps one named object in every namespace: namespaces
 * and the objects of that name are listed and watched; the queue holds
 * namespace names; a sync looks at the namespace and the cached object and
 * lets `reconcile` act. A namespace being deleted is left alone (nothing
 * new may be made in it). The object is re-made when deleted or changed.
 */
export function perNamespaceObjectController<T extends ApiObject>(spec: PerNamespaceObject<T>): Controller {
  return {
    name: spec.controllerName,
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const namespaces = informer<NamespaceObject>(namespacesRef);
      const objects = informer<T>(spec.ref, { fieldSelector: `metadata.name=${spec.objectName}` });
      const queue = new RateLimitingQueue<string>();
      namespaces.addEventHandler({
        onAdd: (namespace) => queue.add(namespace.metadata?.name ?? ""),
        onUpdate: (_old, namespace) => queue.add(namespace.metadata?.name ?? ""),
      });
      objects.addEventHandler({
        onAdd: (object) => queue.add(namespaceOf(object)),
        onUpdate: (_old, object) => queue.add(namespaceOf(object)),
        onDelete: (object) => queue.add(namespaceOf(object)),
      });
      await runController({
        informers: [namespaces, objects],
        queue,
        workers: 2,
        log,
        signal,
        sync: async (name) => {
          const namespace = namespaces.lister.get(undefined, name);
          if (!namespace || namespace.metadata?.deletionTimestamp || namespace.status?.phase === "Terminating") return;
          await spec.reconcile(client, name, objects.lister.get(name, spec.objectName));
        },
      });
    },
  };
}
