import { recordUpdate } from "../../../src/apply/record-update.js";
import type { JsonObject } from "../../../src/patch/json-value.js";
import { invalid as invalidField, tooLong } from "../../../src/api/validation/field-error.js";
import { invalid } from "../../../src/errors/status.js";
import { apiVersionOf } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestContext } from "./context.js";

/**
 * How a write is recorded in `metadata.managedFields`: as an Update by the
 * request's field manager, through a subresource (`""` for the object
 * itself), or not at all when it is an apply, which records itself.
 */
export type Attribution = { subresource: string } | "applied";

const maxFieldManagerLength = 128;

// Go's unicode.IsPrint: no control, format or unassigned characters, and no space but the ASCII one.
const unprintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\S ]/u;

const optionsKind: Record<string, string> = { create: "CreateOptions", update: "UpdateOptions", patch: "PatchOptions" };

/**
 * The request's `fieldManager`, checked as Kubernetes checks it (at most 128
 * characters, printable): 422 otherwise. Undefined when the request names none.
 */
export function requestedFieldManager(call: ResourceCall): string | undefined {
  const manager = call.query.get("fieldManager") ?? "";
  const errors = [];
  if (manager.length > maxFieldManagerLength) errors.push(tooLong("fieldManager", maxFieldManagerLength));
  if (unprintable.test(manager)) errors.push(invalidField("fieldManager", manager, "must only contain printable characters"));
  if (errors.length > 0) throw invalid({ group: "meta.k8s.io", kind: optionsKind[call.info.verb] ?? "PatchOptions" }, "", errors);
  return manager === "" ? undefined : manager;
}

/**
 * Who a non-apply write is recorded as: its `fieldManager`, else the product
 * name of its user agent (`kubectl` for `kubectl/v1.32.0 (linux/amd64) ...`),
 * printable characters only and at most 128 bytes, as Kubernetes derives it.
 */
export function writeManager(call: ResourceCall): string {
  const requested = requestedFieldManager(call);
  if (requested !== undefined) return requested;
  let product = "";
  for (const char of (call.userAgent ?? "").split("/")[0] ?? "") {
    if (unprintable.test(char)) continue;
    if (Buffer.byteLength(product + char) > maxFieldManagerLength) break;
    product += char;
  }
  return product;
}

/** The fields no manager of a main-resource write owns: status, which only `/status` writes. */
export function ignoredFieldsOf(call: ResourceCall): string[] {
  return call.resource.hasStatus && call.info.subresource === "" ? ["status"] : [];
}

/**
 * `next` with its managedFields brought up to date for a non-apply write
 * (create, update, patch): what changed from `previous` is now the
 * request's manager's (`unknown` when neither a field manager nor a user
 * agent names one).
 */
export function recordWrite(ctx: RestContext, call: ResourceCall, previous: StoredObject | undefined, next: StoredObject, attribution: Attribution): StoredObject {
  if (attribution === "applied") return next;
  return recordUpdate(previous as JsonObject | undefined, next as unknown as JsonObject, {
    type: { apiVersion: apiVersionOf(call.resource), kind: call.resource.kind },
    manager: writeManager(call),
    now: ctx.clock.now(),
    subresource: attribution.subresource,
    ignoredFields: ignoredFieldsOf(call),
  }) as unknown as StoredObject;
}
