import { notFound } from "../../../src/errors/status.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer } from "./context.js";

/** The stored object a call names, or 404. */
export async function getExisting(call: ResourceCall): Promise<StoredObject> {
  const object = await call.objects.get(call.info.namespace, call.info.name);
  if (!object) throw notFound({ group: call.resource.group, resource: call.resource.resource }, call.info.name);
  return object;
}

/** GET of one object. */
export async function getObject(call: ResourceCall): Promise<RestAnswer> {
  return { code: 200, body: await getExisting(call) };
}
