import { cloneJson, isJsonObject, jsonProblem, setMember, type JsonObject, type JsonValue } from "../patch/json-value.js";
import type { FieldSet } from "./fieldpath/field-set.js";
import { goJson } from "./fieldpath/path-element.js";
import type { WriteContext } from "./ownership.js";
import { metadataOf } from "./managed-object.js";
import { compareObjects } from "./typed/compare.js";
import { ItemKeyError } from "./typed/shape.js";
import { toFieldSet } from "./typed/to-field-set.js";

/**
 * How server-side apply by kubectl meets client-side apply's annotation, as
 * Kubernetes' lastAppliedManager and lastAppliedUpdater do it: only applies
 * under kubectl's own manager name read or write it, so other appliers can
 * opt out by naming themselves.
 */
export const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

/** The field manager `kubectl apply --server-side` uses unless told otherwise. */
export const kubectlApplier = "kubectl";

// Kubernetes' limit on all of an object's annotations together.
const maxAnnotationsBytes = 256 * 1024;

function annotationsOf(object: JsonObject): JsonObject {
  const annotations = metadataOf(object).annotations;
  return isJsonObject(annotations) ? annotations : {};
}

/**
 * Fields client-side apply last applied with the value they still have:
 * conflicts on these alone do not stop kubectl from moving an object from
 * client-side to server-side apply. Undefined when there is no usable
 * annotation.
 */
export function fieldsClaimedByLastApplied(live: JsonObject, context: WriteContext): FieldSet | undefined {
  const text = annotationsOf(live)[lastAppliedAnnotation];
  if (typeof text !== "string" || text === "") return undefined;
  let lastApplied: JsonValue;
  try {
    lastApplied = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  // The annotation is the client's: bounded before the walkers recurse into it.
  if (jsonProblem(lastApplied) !== undefined) return undefined;
  if (!isJsonObject(lastApplied) || lastApplied.apiVersion !== context.apiVersion) return undefined;
  let claimed: FieldSet;
  try {
    claimed = toFieldSet(lastApplied, context.schema);
  } catch (error) {
    if (error instanceof ItemKeyError) return undefined;
    throw error;
  }
  const drift = compareObjects(lastApplied, live, context.schema);
  return claimed.difference(drift.modified).difference(drift.added).difference(drift.removed);
}

/**
 * `result` with its client-side apply annotation (when it has one) set to
 * the configuration kubectl applied server-side, so a later client-side
 * apply diffs against it. Dropped when it would not fit the annotation limit.
 */
export function withLastAppliedUpdated(result: JsonObject, config: JsonObject): JsonObject {
  const current = annotationsOf(result)[lastAppliedAnnotation];
  if (typeof current !== "string" || current === "") return result;
  const applied = cloneJson(config);
  const appliedMeta = metadataOf(applied);
  const appliedAnnotations = annotationsOf(applied);
  delete appliedAnnotations[lastAppliedAnnotation];
  if (Object.keys(appliedAnnotations).length === 0) delete appliedMeta.annotations;

  const annotations: JsonObject = { ...annotationsOf(result) };
  setMember(annotations, lastAppliedAnnotation, `${goJson(applied)}\n`);
  const size = Object.entries(annotations).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  if (size > maxAnnotationsBytes) delete annotations[lastAppliedAnnotation];
  return { ...result, metadata: { ...metadataOf(result), annotations } };
}
