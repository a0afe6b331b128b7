import type { z } from "zod";
import type { FieldError } from "../validation/field-error.js";
import { issuesToFieldErrors } from "./issues.js";
import { prepareInput } from "./prepare.js";

/**
 * How fields a schema does not know are treated, as Kubernetes'
 * `fieldValidation`: refused ("strict"), dropped and returned as warnings
 * ("warn", Kubernetes' default), or dropped silently ("ignore").
 */
export type UnknownFieldPolicy = "strict" | "warn" | "ignore";

/** A parsed value and, under "warn", the unknown fields that were dropped; or every problem. */
export type ParseResult<T> = { ok: true; value: T; warnings: FieldError[] } | { ok: false; errors: FieldError[] };

/**
 * Parses decoded JSON with a schema the way Kubernetes decodes a body: nulls
 * read as zero values, unknown fields reported (when strict) together with
 * every type error, all as field errors. Never throws.
 *
 * @example
 * parseWith(deleteOptionsSchema, body, "strict");
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  unknownFields: UnknownFieldPolicy = "strict",
): ParseResult<z.output<S>> {
  const prepared = prepareInput(schema, input);
  const errors = unknownFields === "strict" ? [...prepared.unknownFields] : [];
  errors.push(...prepared.badKeys);
  const parsed = schema.safeParse(prepared.value);
  if (!parsed.success) errors.push(...issuesToFieldErrors(schema, prepared.value, parsed.error.issues));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data, warnings: unknownFields === "warn" ? prepared.unknownFields : [] };
}
