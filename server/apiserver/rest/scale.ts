import { applyJsonPatch } from "../../../src/patch/json-patch.js";
import { jsonMergePatch } from "../../../src/patch/json-merge-patch.js";
import { PatchError } from "../../../src/patch/patch-error.js";
import type { JsonValue } from "../../../src/patch/json-value.js";
import { selectorFromLabelSelector } from "../../../src/api/labels/index.js";
import { badRequest, invalid, unsupportedMediaType } from "../../../src/errors/status.js";
import type { PatchType } from "../http/body.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { getExisting } from "./get.js";
import { guardedUpdate } from "./update.js";

/**
 * The `scale` subresource (autoscaling/v1 Scale) of Deployments and
 * ReplicaSets: a view of `spec.replicas` and the observed count, as
 * `kubectl scale` and autoscalers use it.
 */
export const scalableResources = new Set(["apps/deployments", "apps/replicasets"]);

interface Scale {
  kind: "Scale";
  apiVersion: "autoscaling/v1";
  metadata: StoredObject["metadata"];
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function scaleOf(object: StoredObject): Scale {
  const spec = record(object.spec);
  const status = record(object.status);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const scale: Scale = {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: typeof spec.replicas === "number" ? spec.replicas : 1 },
    status: { replicas: typeof status.replicas === "number" ? status.replicas : 0 },
  };
  const selector = selectorFromLabelSelector(record(spec.selector));
  if (selector.ok) scale.status.selector = selector.value.toString();
  return scale;
}

function replicasFrom(call: ResourceCall, body: unknown): { replicas: number; resourceVersion?: string } {
  const scale = record(body);
  // Go clients leave out a zero: `"spec":{}` asks for 0 replicas.
  const replicas = record(scale.spec).replicas ?? 0;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ group: "autoscaling", kind: "Scale" }, call.info.name, [
      { type: "FieldValueInvalid", field: "spec.replicas", badValue: replicas, detail: "must be greater than or equal to 0" },
    ]);
  }
  const rv = record(scale.metadata).resourceVersion;
  return typeof rv === "string" && rv !== "" ? { replicas, resourceVersion: rv } : { replicas };
}

/** Writes a new replica count, through the same guarded write as every update. */
function setReplicas(ctx: RestContext, call: ResourceCall, next: (current: StoredObject) => { replicas: number; resourceVersion?: string }): Promise<RestAnswer> {
  const mainCall: ResourceCall = { ...call, info: { ...call.info, subresource: "" } };
  return guardedUpdate(ctx, mainCall, (current) => {
    const wanted = next(current);
    const updated = structuredClone(current);
    updated.spec = { ...record(updated.spec), replicas: wanted.replicas };
    if (wanted.resourceVersion) updated.metadata.resourceVersion = wanted.resourceVersion;
    else delete updated.metadata.resourceVersion;
    return updated;
  }, { subresource: "scale" }).then((answer) => ({ code: answer.code, body: scaleOf(answer.body as StoredObject) }));
}

export async function getScale(call: ResourceCall): Promise<RestAnswer> {
  return { code: 200, body: scaleOf(await getExisting(call)) };
}

export function replaceScale(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const wanted = replicasFrom(call, body);
  return setReplicas(ctx, call, () => wanted);
}

export function patchScale(ctx: RestContext, call: ResourceCall, type: PatchType, patch: unknown): Promise<RestAnswer> {
  if (type === "apply") throw unsupportedMediaType("application/apply-patch+yaml (server-side apply is not served yet)");
  return setReplicas(ctx, call, (current) => {
    const base = scaleOf(current) as unknown as JsonValue;
    delete (base as { metadata: Record<string, unknown> }).metadata.resourceVersion;
    let patched: JsonValue;
    try {
      // A Scale has no lists, so a strategic merge patch is a merge patch.
      patched = type === "json" ? applyJsonPatch(base, patch as JsonValue) : jsonMergePatch(base, patch as JsonValue);
    } catch (error) {
      if (error instanceof PatchError) throw badRequest(error.message);
      throw error;
    }
    return replicasFrom(call, patched);
  });
}
