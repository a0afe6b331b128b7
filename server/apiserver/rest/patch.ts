import { metaForKind } from "../../../src/patch/strategic-merge-meta.js";
import { strategicMergePatch } from "../../../src/patch/strategic-merge-patch.js";
import { applyJsonPatch } from "../../../src/patch/json-patch.js";
import { jsonMergePatch } from "../../../src/patch/json-merge-patch.js";
import { PatchError } from "../../../src/patch/patch-error.js";
import { isJsonObject, type JsonValue } from "../../../src/patch/json-value.js";
import { badRequest, invalid, requestEntityTooLarge, StatusError } from "../../../src/errors/status.js";
import { maxBodyBytes, type PatchType } from "../http/body.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { applyObject } from "./apply.js";
import { decodeBody } from "./decode-body.js";
import { guardedUpdate } from "./update.js";

function patchFailure(call: ResourceCall, error: PatchError): StatusError {
  switch (error.reason) {
    case "BadRequest":
      return badRequest(error.message);
    case "RequestEntityTooLarge":
      return requestEntityTooLarge(maxBodyBytes);
    case "Invalid":
      return invalid({ group: call.resource.group, kind: call.resource.kind }, call.info.name, [
        { type: "FieldValueInvalid", field: error.path ?? "", detail: error.message },
      ]);
  }
}

/** The stored object as a patch sees it: without resourceVersion, so only a patch that names one makes it a precondition. */
function patchBase(current: StoredObject): JsonValue {
  const copy = structuredClone(current) as StoredObject;
  delete copy.metadata.resourceVersion;
  return copy as unknown as JsonValue;
}

/**
 * A JSON patch sees the stored resourceVersion, as in Kubernetes (kubectl
 * replaces it to make its move of managedFields conditional); one the patch
 * leaves as it was is no precondition.
 */
function withoutUnchangedResourceVersion(patched: JsonValue, current: StoredObject): JsonValue {
  if (isJsonObject(patched) && isJsonObject(patched.metadata) && patched.metadata.resourceVersion === current.metadata.resourceVersion) {
    delete patched.metadata.resourceVersion;
  }
  return patched;
}

function applyPatch(call: ResourceCall, type: Exclude<PatchType, "apply">, current: StoredObject, patch: JsonValue): unknown {
  const base = patchBase(current);
  try {
    switch (type) {
      case "json":
        return withoutUnchangedResourceVersion(applyJsonPatch(structuredClone(current) as unknown as JsonValue, patch), current);
      case "merge":
        return jsonMergePatch(base, patch);
      case "strategic": {
        const meta = metaForKind(call.resource.group, call.resource.kind);
        // Kinds without strategic metadata (none today) merge as JSON merge patch would.
        return strategicMergePatch(base, patch, meta ?? {});
      }
    }
  } catch (error) {
    if (error instanceof PatchError) throw patchFailure(call, error);
    throw error;
  }
}

/**
 * PATCH of an object or its status: the patch is applied to the stored object
 * at every attempt of the guarded write, so a concurrent writer's change is
 * never lost; the result is validated as a whole object.
 */
export function patchObject(ctx: RestContext, call: ResourceCall, type: PatchType, patch: unknown): Promise<RestAnswer> {
  if (type === "apply") return applyObject(ctx, call, patch);
  if (call.query.has("force")) throw badRequest("force is only allowed for apply patches");
  return guardedUpdate(ctx, call, (current) => decodeBody(call.resource, applyPatch(call, type, current, patch as JsonValue), call.query));
}
