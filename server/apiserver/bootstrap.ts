import type { Clock } from "../../src/clock.js";
import { systemNamespaces } from "./rest/namespaces.js";
import type { ObjectStore } from "./storage/object-store.js";
import { prepareForCreate } from "./strategy/strategy.js";
import { fillSystemMetadataForCreate } from "./strategy/system-metadata.js";
import type { ServedResource } from "./resources/served-resource.js";

/**
 * Creates the namespaces every cluster starts with, when missing. Safe to run
 * at every start and from several servers at once: an existing one is left
 * as it is.
 */
export async function ensureSystemNamespaces(namespaces: ServedResource, objects: ObjectStore, clock: Clock): Promise<void> {
  for (const name of systemNamespaces) {
    if (await objects.get("", name)) continue;
    const decoded = namespaces.decode({ apiVersion: "v1", kind: "Namespace", metadata: { name } }, "strict");
    if (!decoded.ok) throw new Error(`built-in namespace ${name} does not validate: ${JSON.stringify(decoded.errors)}`);
    const object = decoded.object;
    fillSystemMetadataForCreate(object, clock.now());
    prepareForCreate(namespaces, object);
    await objects.create(object);
  }
}
