import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, time } from "../../schema/primitives.js";
import { invalid, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { validateQualifiedName } from "../../validation/string-fields.js";
import { objectReferenceSchema } from "./object-reference.js";

/** A core/v1 Event: something that happened to an object, as `kubectl describe` lists them. */
export const eventSchema = z.object({
  ...typeFields("v1", "Event"),
  metadata: metadataField,
  involvedObject: objectReferenceSchema.prefault({}),
  reason: z.string().optional(),
  message: z.string().optional(),
  source: z.object({ component: z.string().optional(), host: z.string().optional() }).optional(),
  firstTimestamp: time.optional(),
  lastTimestamp: time.optional(),
  count: int32.optional(),
  type: z.string().optional(),
  eventTime: time.optional(),
  series: z.object({ count: int32.optional(), lastObservedTime: time.optional() }).optional(),
  action: z.string().optional(),
  related: objectReferenceSchema.optional(),
  reportingComponent: z.string().default(""),
  reportingInstance: z.string().default(""),
});
export type Event = z.infer<typeof eventSchema>;

const REASON_LIMIT = 128;
const ACTION_LIMIT = 128;
const REPORTING_INSTANCE_LIMIT = 128;
const NOTE_LIMIT = 1024;

/**
 * Validates an Event as Kubernetes does for core/v1: its namespace agrees
 * with the involved object's; an event with eventTime (the newer form)
 * also names who reported it, the action and the reason, within limits.
 */
export function validateEvent(event: Event): FieldError[] {
  const errors = validateObjectMeta(event.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  const namespace = event.metadata.namespace ?? "";
  const involvedNamespace = event.involvedObject.namespace ?? "";
  const involvedPath = root("involvedObject").child("namespace");
  const mismatch = invalid(involvedPath, involvedNamespace, "does not match event.namespace");
  if (!event.eventTime) {
    if (involvedNamespace === "" ? namespace !== "" && namespace !== "default" : namespace !== "" && namespace !== involvedNamespace) {
      errors.push(mismatch);
    }
    return errors;
  }
  if (involvedNamespace === "" && namespace !== "" && namespace !== "default" && namespace !== "kube-system") errors.push(mismatch);
  const tooLong = (field: string, value: string | undefined, limit: number): void => {
    if ((value ?? "").length > limit) errors.push(invalid(root(field), "", `can have at most ${limit} characters`));
  };
  if (!event.reportingComponent) errors.push(required(root("reportingComponent")));
  errors.push(...validateQualifiedName(event.reportingComponent, root("reportingComponent")));
  if (!event.reportingInstance) errors.push(required(root("reportingInstance")));
  tooLong("reportingInstance", event.reportingInstance, REPORTING_INSTANCE_LIMIT);
  if (!event.action) errors.push(required(root("action")));
  tooLong("action", event.action, ACTION_LIMIT);
  if (!event.reason) errors.push(required(root("reason")));
  tooLong("reason", event.reason, REASON_LIMIT);
  tooLong("message", event.message, NOTE_LIMIT);
  return errors;
}
