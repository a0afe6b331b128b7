import { badRequest } from "../../../src/errors/status.js";
import type { ResourceCall } from "../rest/context.js";
import { apiVersionOf } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { WatchEvent } from "../rest/watch.js";
import { parseIncludeObject, requestedTable } from "./accept.js";
import { buildTable, buildWatchEventTable } from "./table.js";
import type { Table } from "./table-types.js";

/**
 * Turns GET, list and watch answers into meta.k8s.io Tables when the
 * request's Accept header asks for one (kubectl get does); otherwise returns
 * undefined and the objects go out as they are.
 */
export interface TableRenderer {
  single(object: StoredObject): Table;
  list(list: { items: StoredObject[]; metadata: { resourceVersion: string; continue?: string } }): Table;
  /** For watches: column definitions go with the first event only. */
  watchEvent(event: WatchEvent): WatchEvent;
}

export function tableRenderer(call: ResourceCall, accept: string | undefined, now: () => number): TableRenderer | undefined {
  const tableVersion = requestedTable(accept);
  if (tableVersion === undefined) return undefined;
  const include = parseIncludeObject(call.query.get("includeObject"));
  if (!include.ok) throw badRequest(include.message);
  const common = {
    group: call.resource.group,
    resource: call.resource.resource,
    includeObject: include.value,
    apiVersion: apiVersionOf(call.resource),
    kind: call.resource.kind,
    tableVersion,
  };
  let sentColumns = false;
  return {
    single: (object) =>
      buildTable({ ...common, now: now(), objects: [object], listMeta: { resourceVersion: object.metadata.resourceVersion ?? "" } }),
    list: (list) => buildTable({ ...common, now: now(), objects: list.items, listMeta: list.metadata }),
    watchEvent(event) {
      // Bookmarks and errors carry no row.
      if (event.type === "BOOKMARK" || event.type === "ERROR") return event;
      const table = buildWatchEventTable({ ...common, now: now(), object: event.object, includeColumnDefinitions: !sentColumns });
      sentColumns = true;
      return { type: event.type, object: table };
    },
  };
}
