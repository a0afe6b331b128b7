import type { KeyValue, StoreEvent } from "../../store/store.js";
import type { StoredObject } from "./object-store.js";

/** A change to one object, decoded from a store event. */
export type ObjectEvent =
  | { type: "ADDED"; object: StoredObject; revision: number }
  | { type: "MODIFIED"; object: StoredObject; previous: StoredObject; revision: number }
  | { type: "DELETED"; object: StoredObject; previous: StoredObject; revision: number };

/** Reads a stored value back into an object carrying its resourceVersion. */
export function decodeStored(kv: KeyValue): StoredObject {
  const object = JSON.parse(kv.value) as StoredObject;
  object.metadata = { ...object.metadata, resourceVersion: String(kv.modRevision) };
  return object;
}

export function toObjectEvent(event: StoreEvent): ObjectEvent {
  switch (event.type) {
    case "create":
      return { type: "ADDED", object: decodeStored(event.kv), revision: event.kv.modRevision };
    case "update":
      return {
        type: "MODIFIED",
        object: decodeStored(event.kv),
        previous: decodeStored(event.prev),
        revision: event.kv.modRevision,
      };
    case "delete": {
      // A deleted object is reported as it was, at the delete's revision.
      const last = decodeStored(event.prev);
      last.metadata.resourceVersion = String(event.kv.modRevision);
      return { type: "DELETED", object: last, previous: decodeStored(event.prev), revision: event.kv.modRevision };
    }
  }
}

