import { deleteOptionsSchema, validateDeleteOptions, type DeleteOptions } from "../../../src/api/meta/v1/delete-options.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import { badRequest, conflict, invalid, notFound, success } from "../../../src/errors/status.js";
import { rfc3339 } from "../strategy/system-metadata.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { getExisting } from "./get.js";

/** DeleteOptions from the body, or from query parameters when there is no body (kubectl sends a body). */
export function readDeleteOptions(body: unknown, query: URLSearchParams): DeleteOptions {
  let input: unknown = body;
  if (input === undefined) {
    const fromQuery: Record<string, unknown> = {};
    const grace = query.get("gracePeriodSeconds");
    if (grace !== null) {
      const seconds = Number(grace);
      if (!Number.isInteger(seconds)) throw badRequest(`gracePeriodSeconds must be an integer (got "${grace}")`);
      fromQuery.gracePeriodSeconds = seconds;
    }
    const policy = query.get("propagationPolicy");
    if (policy !== null) fromQuery.propagationPolicy = policy;
    const dryRun = query.getAll("dryRun");
    if (dryRun.length > 0) fromQuery.dryRun = dryRun;
    input = fromQuery;
  }
  const parsed = parseWith(deleteOptionsSchema, input, "ignore");
  const errors = parsed.ok ? validateDeleteOptions(parsed.value) : parsed.errors;
  if (!parsed.ok || errors.length > 0) throw invalid({ group: "meta.k8s.io", kind: "DeleteOptions" }, "", errors);
  return parsed.value;
}

/** Finalizers the propagation policy asks the garbage collector to honour before the object goes. */
function policyFinalizer(options: DeleteOptions): string | undefined {
  if (options.propagationPolicy === "Foreground") return "foregroundDeletion";
  if (options.propagationPolicy === "Orphan" || options.orphanDependents === true) return "orphan";
  return undefined;
}

/**
 * DELETE of one object. With finalizers (its own or the policy's) the object
 * is only marked (deletionTimestamp) and answered 202; it goes when the last
 * finalizer is removed. Otherwise it is deleted at the revision it was read
 * at, and the answer is a Success Status.
 */
export async function deleteObject(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const options = readDeleteOptions(body, call.query);
  const qualified = { group: call.resource.group, resource: call.resource.resource };
  const { namespace, name } = call.info;
  for (;;) {
    const current = await getExisting(call);
    checkPreconditions(call, options, current);
    const finalizers = [...(current.metadata.finalizers ?? [])];
    const extra = policyFinalizer(options);
    if (extra !== undefined && !finalizers.includes(extra)) finalizers.push(extra);

    if (finalizers.length > 0) {
      if (current.metadata.deletionTimestamp !== undefined && finalizers.length === current.metadata.finalizers?.length) {
        return { code: 202, body: current };
      }
      const marked: StoredObject = structuredClone(current);
      marked.metadata.finalizers = finalizers;
      marked.metadata.deletionTimestamp ??= rfc3339(ctx.clock.now());
      marked.metadata.deletionGracePeriodSeconds ??= 0;
      const written = await call.objects.update(marked, Number(current.metadata.resourceVersion));
      if (written.ok) return { code: 202, body: written.object };
      if (written.current === undefined) throw notFound(qualified, name);
      continue;
    }

    const deleted = await call.objects.delete(namespace, name, Number(current.metadata.resourceVersion));
    if (deleted.ok) {
      const details: { name: string; kind: string; uid?: string; group?: string } = { name, kind: call.resource.resource };
      if (call.resource.group) details.group = call.resource.group;
      if (deleted.object.metadata.uid) details.uid = deleted.object.metadata.uid;
      return { code: 200, body: success(details) };
    }
    if (deleted.current === undefined) throw notFound(qualified, name);
    // Changed since it was read: look again (its finalizers may have changed).
  }
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
