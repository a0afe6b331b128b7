import { isKnownApiVersion, kindFor, type KubeObject } from "./registry.js";
import type { KindInfo } from "./kind.js";
import type { UnknownFieldPolicy } from "./schema/parse.js";
import { isPlainObject } from "./schema/shape.js";
import { invalid, required, typeInvalid, type FieldError } from "./validation/field-error.js";
import { root } from "./validation/field-path.js";

/** The decoded object and its kind, with unknown fields dropped under "warn" (else empty); or every problem. */
export type DecodeResult =
  | { ok: true; object: KubeObject; kind: KindInfo<KubeObject>; warnings: FieldError[] }
  | { ok: false; errors: FieldError[] };

export interface DecodeOptions {
  /**
   * "strict" (the default) refuses fields the kind does not have; "warn"
   * drops them and returns them as warnings; "ignore" drops them silently.
   */
  unknownFields?: UnknownFieldPolicy;
}

/** Reads apiVersion or kind: a non-empty string, or the error saying why not. */
function typeName(input: Record<string, unknown>, field: "apiVersion" | "kind"): string | FieldError {
  const value = input[field];
  if (value === undefined || value === null || value === "") return required(root(field));
  if (typeof value !== "string") return typeInvalid(root(field), Array.isArray(value) ? "array" : isPlainObject(value) ? "object" : value, "must be of type string");
  return value;
}

/**
 * Decodes one object as the apiserver admits it: reads apiVersion and kind,
 * parses with that kind's schema, applies Kubernetes' defaults and
 * validates. Returns the typed object, or every problem at once as field
 * errors (`spec.template.spec.containers[0].image: Required value`,
 * `spec.replicas: Invalid value: "three": must be of type int32`,
 * `spec.contianers: Unknown field`). Never throws, whatever the input.
 *
 * @example
 * const result = decodeObject(JSON.parse(body));
 * if (!result.ok) return invalidStatus(result.errors);
 * store(result.kind.resource, result.object);
 */
export function decodeObject(input: unknown, options: DecodeOptions = {}): DecodeResult {
  if (!isPlainObject(input)) {
    const shown = Array.isArray(input) ? "array" : input === undefined ? "undefined" : input;
    return { ok: false, errors: [typeInvalid(root("<root>"), shown, "must be of type object")] };
  }
  const apiVersion = typeName(input, "apiVersion");
  const kind = typeName(input, "kind");
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return { ok: false, errors: [apiVersion, kind].filter((item): item is FieldError => typeof item !== "string") };
  }
  const info = kindFor(apiVersion, kind);
  if (!info) {
    const error = isKnownApiVersion(apiVersion)
      ? invalid(root("kind"), kind, `no kind "${kind}" is registered for version "${apiVersion}"`)
      : invalid(root("apiVersion"), apiVersion, `no matches for kind "${kind}" in version "${apiVersion}"`);
    return { ok: false, errors: [error] };
  }
  const decoded = info.decode(input, options.unknownFields ?? "strict");
  return decoded.ok ? { ok: true, object: decoded.value, kind: info, warnings: decoded.warnings } : decoded;
}

const unknownFieldText = (error: FieldError): string => `unknown field ${JSON.stringify(error.field)}`;

/**
 * Kubernetes' message for a body refused under strict field validation, or
 * undefined when no error is an unknown field:
 * `strict decoding error: unknown field "spec.contianers", unknown field "stauts"`.
 */
export function strictDecodingMessage(errors: readonly FieldError[]): string | undefined {
  const unknown = errors.filter((error) => error.type === "FieldValueUnknown");
  return unknown.length === 0 ? undefined : `strict decoding error: ${unknown.map(unknownFieldText).join(", ")}`;
}

/** The Warning headers Kubernetes sends under "warn": one `unknown field "spec.contianers"` per field. */
export function unknownFieldWarnings(warnings: readonly FieldError[]): string[] {
  return warnings.filter((warning) => warning.type === "FieldValueUnknown").map(unknownFieldText);
}
