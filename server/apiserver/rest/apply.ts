import { serverSideApply, type ApplyOptions } from "../../../src/apply/apply.js";
import { ApplyError } from "../../../src/apply/apply-error.js";
import { conflictCauses, conflictMessage, type Conflict } from "../../../src/apply/conflicts.js";
import type { JsonObject } from "../../../src/patch/json-value.js";
import { required } from "../../../src/api/validation/field-error.js";
import { badRequest, invalid, notFound, StatusError } from "../../../src/errors/status.js";
import { apiVersionOf } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { createObject } from "./create.js";
import { decodeBody } from "./decode-body.js";
import { ignoredFieldsOf, requestedFieldManager } from "./ownership.js";
import { guardedUpdate } from "./update.js";

/** 409 listing every conflicting field and its manager, as Kubernetes answers a failed apply. */
function applyConflict(conflicts: readonly Conflict[]): StatusError {
  return new StatusError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: conflictMessage(conflicts),
    reason: "Conflict",
    details: { causes: conflictCauses(conflicts) },
    code: 409,
  });
}

function applyOptions(ctx: RestContext, call: ResourceCall): ApplyOptions {
  const manager = requestedFieldManager(call);
  if (manager === undefined) {
    throw invalid({ group: "meta.k8s.io", kind: "PatchOptions" }, "", [required("fieldManager", "is required for apply patch")]);
  }
  const force = call.query.get("force") ?? "false";
  if (force !== "true" && force !== "false") throw badRequest(`force must be true or false (got "${force}")`);
  return {
    type: { apiVersion: apiVersionOf(call.resource), kind: call.resource.kind },
    manager,
    force: force === "true",
    now: ctx.clock.now(),
    subresource: call.info.subresource,
    ignoredFields: ignoredFieldsOf(call),
  };
}

/** The applied object, from the stored one without its resourceVersion (only a configuration naming one makes it a precondition). */
function applyTo(live: StoredObject | undefined, config: unknown, options: ApplyOptions): StoredObject {
  let base: JsonObject | undefined;
  if (live !== undefined) {
    const copy = structuredClone(live);
    delete copy.metadata.resourceVersion;
    base = copy as unknown as JsonObject;
  }
  try {
    const outcome = serverSideApply(base, config, options);
    if (!outcome.ok) throw applyConflict(outcome.conflicts);
    return outcome.object as unknown as StoredObject;
  } catch (error) {
    if (error instanceof ApplyError) throw badRequest(error.message);
    throw error;
  }
}

/**
 * PATCH with `application/apply-patch+yaml`: server-side apply of the body
 * by the request's `fieldManager`, through the same guarded write as every
 * update; creates the object when it does not exist. A conflict with
 * another manager is a 409 unless `force=true`.
 */
export async function applyObject(ctx: RestContext, call: ResourceCall, config: unknown): Promise<RestAnswer> {
  const options = applyOptions(ctx, call);
  const { info, resource } = call;
  for (;;) {
    const current = await call.objects.get(info.namespace, info.name);
    if (current !== undefined) {
      return guardedUpdate(ctx, call, (stored) => decodeBody(resource, applyTo(stored, config, options), call.query), "applied");
    }
    if (info.subresource !== "") throw notFound({ group: resource.group, resource: resource.resource }, info.name);
    const created = applyTo(undefined, config, options);
    const name = created.metadata.name ?? "";
    if (name !== "" && name !== info.name) {
      throw badRequest(`the name of the object (${name}) does not match the name on the URL (${info.name})`);
    }
    created.metadata.name = info.name;
    try {
      return await createObject(ctx, call, created, "applied");
    } catch (error) {
      // Created by someone else meanwhile: apply to theirs.
      if (!(error instanceof StatusError && error.reason === "AlreadyExists")) throw error;
    }
  }
}
