import { badRequest, conflict, invalid, notFound } from "../../../src/errors/status.js";
import { prepareForStatusUpdate, prepareForUpdate } from "../strategy/strategy.js";
import { unchanged } from "../strategy/spec-change.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { decodeBody } from "./decode-body.js";
import { isDryRun } from "./dry-run.js";
import { finishDeletionIfDone } from "./finalize.js";
import { recordWrite, type Attribution } from "./ownership.js";

/**
 * Computes the object to write from the stored one. Called again with a fresh
 * stored object whenever a concurrent writer got there first.
 */
export type Mutation = (current: StoredObject) => StoredObject;

/**
 * The one write path for PUT and PATCH, of the main resource or of
 * `/status`: read, mutate, validate, compare-and-swap, retry on a lost race.
 * A request that named a resourceVersion is never retried: a stale one is a
 * 409, so concurrent writers never lose an update. What changed is recorded
 * in managedFields as the request's field manager's, unless the write is an
 * apply.
 */
export async function guardedUpdate(
  ctx: RestContext,
  call: ResourceCall,
  mutate: Mutation,
  attribution: Attribution = { subresource: call.info.subresource },
): Promise<RestAnswer> {
  const { resource, info, objects } = call;
  const qualified = { group: resource.group, resource: resource.resource };
  const dryRun = isDryRun(call.query.getAll("dryRun"));
  for (;;) {
    const current = await objects.get(info.namespace, info.name);
    if (!current) throw notFound(qualified, info.name);

    const requested = mutate(current);
    const preconditionRv = requested.metadata.resourceVersion;
    if (preconditionRv !== undefined && preconditionRv !== "" && preconditionRv !== current.metadata.resourceVersion) {
      throw conflict(qualified, info.name);
    }
    if (requested.metadata.name !== undefined && requested.metadata.name !== info.name) {
      throw badRequest(`the name of the object (${requested.metadata.name}) does not match the name on the URL (${info.name})`);
    }
    if (resource.namespaced && requested.metadata.namespace && requested.metadata.namespace !== info.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    let next: StoredObject;
    if (info.subresource === "status") {
      next = prepareForStatusUpdate(requested, current);
    } else {
      next = requested;
      prepareForUpdate(resource, next, current);
    }
    await ctx.admit({
      operation: "update",
      user: call.user,
      resource,
      subresource: info.subresource,
      namespace: info.namespace,
      name: info.name,
      object: next,
      oldObject: current,
      dryRun,
    });
    next = recordWrite(ctx, call, current, next, attribution);
    const errors = resource.validateUpdate(current, next);
    if (errors.length > 0) throw invalid({ group: resource.group, kind: resource.kind }, info.name, errors);

    if (unchanged(current, next)) return { code: 200, body: current };
    if (dryRun) return { code: 200, body: { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } } };
    const written = await objects.update(next, Number(current.metadata.resourceVersion));
    if (written.ok) return { code: 200, body: await finishDeletionIfDone(call, written.object) };
    if (preconditionRv) throw conflict(qualified, info.name);
    if (written.current === undefined) throw notFound(qualified, info.name);
    // Lost a race with another writer and no resourceVersion was named: go again.
  }
}

/** PUT: replace the object (or its status) with the body. */
export function replaceObject(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const replacement = decodeBody(call.resource, body, call.query);
  return guardedUpdate(ctx, call, () => structuredClone(replacement));
}

/**
 * PUT namespaces/{name}/finalize: only `spec.finalizers` changes (the
 * namespace controller removes `kubernetes` once the namespace is empty);
 * a deleted namespace with no finalizers left then goes.
 */
export function finalizeNamespace(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const requested = decodeBody(call.resource, body, call.query);
  const finalizers = (requested.spec as { finalizers?: unknown } | undefined)?.finalizers;
  return guardedUpdate(ctx, call, (current) => {
    const next = structuredClone(current);
    next.spec = { ...(next.spec as object | undefined), finalizers: Array.isArray(finalizers) ? finalizers : [] };
    const rv = requested.metadata.resourceVersion;
    if (rv) next.metadata.resourceVersion = rv;
    else delete next.metadata.resourceVersion;
    return next;
  });
}
