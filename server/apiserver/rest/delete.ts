import { deleteOptionsSchema, validateDeleteOptions, type DeleteOptions } from "../../../src/api/meta/v1/delete-options.js";
import { parseQueryInteger } from "../request/query-integers.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import { badRequest, conflict, invalid, notFound, StatusError, success } from "../../../src/errors/status.js";
import { apiVersionOf } from "../resources/served-resource.js";
import { filterFromQuery } from "./filter.js";
import { isDryRun } from "./dry-run.js";
import { markTerminating, pendingFinalizers } from "../strategy/finalizers.js";
import { defaultGcPolicy, finalizersForDeletion } from "../strategy/gc-finalizers.js";
import { gracefulDeletion } from "../strategy/graceful-delete.js";
import { listMatching } from "./list.js";
import { refuseImmortalNamespaceDeletion } from "./namespaces.js";
import { rfc3339 } from "../strategy/system-metadata.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";

/** DeleteOptions from the body, or from query parameters when there is no body (kubectl sends a body). */
export function readDeleteOptions(body: unknown, query: URLSearchParams): DeleteOptions {
  let input: unknown = body;
  if (input === undefined) {
    const fromQuery: Record<string, unknown> = {};
    const grace = query.get("gracePeriodSeconds");
    if (grace !== null) {
      const seconds = parseQueryInteger(grace, true);
      if (seconds === undefined) throw badRequest(`gracePeriodSeconds must be an integer (got "${grace}")`);
      fromQuery.gracePeriodSeconds = seconds;
    }
    const policy = query.get("propagationPolicy");
    if (policy !== null) fromQuery.propagationPolicy = policy;
    input = fromQuery;
  }
  const parsed = parseWith(deleteOptionsSchema, input, "ignore");
  const errors = parsed.ok ? validateDeleteOptions(parsed.value) : parsed.errors;
  // kubectl puts dryRun in the query even when it sends a body.
  if (parsed.ok && query.getAll("dryRun").length > 0) parsed.value.dryRun = [...(parsed.value.dryRun ?? []), ...query.getAll("dryRun")];
  if (!parsed.ok || errors.length > 0) throw invalid({ group: "meta.k8s.io", kind: "DeleteOptions" }, "", errors);
  return parsed.value;
}

export type DeleteOutcome = { deleted: true; object: StoredObject } | { deleted: false; object: StoredObject };

/**
 * Deletes one object. A pod that runs on a node is only marked
 * (deletionTimestamp, deletionGracePeriodSeconds): its node stops it and
 * then deletes it with grace period 0. With finalizers (its own or the
 * policy's) the object is only marked; it goes when the last finalizer is
 * removed. Otherwise it is deleted at the revision it was read at.
 */
export async function deleteOne(ctx: RestContext, call: ResourceCall, name: string, options: DeleteOptions): Promise<DeleteOutcome> {
  const qualified = { group: call.resource.group, resource: call.resource.resource };
  const { namespace } = call.info;
  const dryRun = isDryRun(options.dryRun ?? []);
  if (call.resource.group === "" && call.resource.resource === "namespaces") refuseImmortalNamespaceDeletion(name);
  for (;;) {
    const current = await call.objects.get(namespace, name);
    if (!current) throw notFound(qualified, name);
    checkPreconditions(call, options, current);
    await ctx.admit({
      operation: "delete",
      user: call.user,
      resource: call.resource,
      subresource: "",
      namespace,
      name,
      oldObject: current,
      ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
      dryRun,
    });
    // The propagation policy becomes the garbage collector's finalizer (`orphan` or `foregroundDeletion`).
    const before = current.metadata.finalizers ?? [];
    const finalizers = finalizersForDeletion(before, options, defaultGcPolicy(call.resource));
    const changed = finalizers.length !== before.length || finalizers.some((f, i) => f !== before[i]);

    const graceful = gracefulDeletion(call.resource, current, options.gracePeriodSeconds, ctx.clock.now());
    if (graceful.kind === "pending") return { deleted: false, object: current };
    let marked: StoredObject | undefined;
    // Marked with a grace period, the object waits for its node; at grace 0 it goes unless finalizers hold it.
    if (graceful.kind === "mark" && (graceful.gracePeriodSeconds > 0 || finalizers.length > 0)) {
      marked = structuredClone(current);
      marked.metadata.deletionTimestamp = graceful.deletionTimestamp;
      marked.metadata.deletionGracePeriodSeconds = graceful.gracePeriodSeconds;
    } else if (graceful.kind === "immediate" && pendingFinalizers({ ...current, metadata: { ...current.metadata, finalizers } }).length > 0) {
      if (current.metadata.deletionTimestamp !== undefined && !changed) return { deleted: false, object: current };
      marked = structuredClone(current);
      markTerminating(marked);
      marked.metadata.deletionTimestamp ??= rfc3339(ctx.clock.now());
      marked.metadata.deletionGracePeriodSeconds ??= 0;
    }
    if (marked !== undefined) {
      if (finalizers.length > 0) marked.metadata.finalizers = finalizers;
      else delete marked.metadata.finalizers;
      if (dryRun) return { deleted: false, object: marked };
      const written = await call.objects.update(marked, Number(current.metadata.resourceVersion));
      if (written.ok) return { deleted: false, object: written.object };
      if (written.current === undefined) throw notFound(qualified, name);
      continue;
    }

    if (dryRun) return { deleted: true, object: current };
    const deleted = await call.objects.delete(namespace, name, Number(current.metadata.resourceVersion));
    if (deleted.ok) return { deleted: true, object: deleted.object };
    if (deleted.current === undefined) throw notFound(qualified, name);
    // Changed since it was read: look again (its finalizers may have changed).
  }
}

/** DELETE of one object: a Success Status when it is gone, 202 with the object when it is only marked. */
export async function deleteObject(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const outcome = await deleteOne(ctx, call, call.info.name, readDeleteOptions(body, call.query));
  if (!outcome.deleted) return { code: 202, body: outcome.object };
  const details: { name: string; kind: string; uid?: string; group?: string } = { name: call.info.name, kind: call.resource.resource };
  if (call.resource.group) details.group = call.resource.group;
  if (outcome.object.metadata.uid) details.uid = outcome.object.metadata.uid;
  return { code: 200, body: success(details) };
}

/**
 * DELETE of a collection: every object the selectors match, each deleted as
 * a single DELETE would; the answer lists them as they were left.
 */
export async function deleteCollection(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const options = readDeleteOptions(body, call.query);
  const page = await listMatching(call, filterFromQuery(call.resource, call.query), {});
  const items: StoredObject[] = [];
  for (const object of page.items) {
    try {
      items.push((await deleteOne(ctx, call, object.metadata.name ?? "", options)).object);
    } catch (error) {
      // Gone meanwhile: someone else deleted it, which is what was asked.
      if (!(error instanceof StatusError && error.code === 404)) throw error;
    }
  }
  return { code: 200, body: { kind: `${call.resource.kind}List`, apiVersion: apiVersionOf(call.resource), metadata: {}, items } };
}

function checkPreconditions(call: ResourceCall, options: DeleteOptions, current: StoredObject): void {
  const wanted = options.preconditions;
  if (!wanted) return;
  const qualified = { group: call.resource.group, resource: call.resource.resource };
  if (wanted.uid !== undefined && wanted.uid !== current.metadata.uid) {
    throw conflict(qualified, call.info.name, `Precondition failed: UID in precondition: ${wanted.uid}, UID in object meta: ${current.metadata.uid ?? ""}`);
  }
  if (wanted.resourceVersion !== undefined && wanted.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      qualified,
      call.info.name,
      `Precondition failed: ResourceVersion in precondition: ${wanted.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ""}`,
    );
  }
}
