import { jsonProblem, type JsonValue } from "./json-value.js";

/**
 * The Kubernetes Status reason a failed patch answers with, as the apiserver
 * maps them: `BadRequest` (400) for a patch that is malformed in itself,
 * `Invalid` (422) for a well-formed patch that cannot apply to this object,
 * `RequestEntityTooLarge` (413) for a JSON patch with too many operations.
 */
export type PatchErrorReason = "BadRequest" | "Invalid" | "RequestEntityTooLarge";

export interface PatchErrorContext {
  /** Index of the failing operation in a JSON patch. */
  operation?: number;
  /** Where it failed: a JSON pointer for JSON patch, a field path for the merge patches. */
  path?: string;
}

/** The only exception the patch engines throw; nothing is changed when they do. */
export class PatchError extends Error {
  readonly operation?: number;
  readonly path?: string;

  constructor(
    readonly reason: PatchErrorReason,
    message: string,
    context: PatchErrorContext = {},
  ) {
    super(message);
    this.name = "PatchError";
    if (context.operation !== undefined) this.operation = context.operation;
    if (context.path !== undefined) this.path = context.path;
  }
}

/** Throws a BadRequest PatchError unless `value` is a JSON value of bounded depth. */
export function assertJson(value: unknown, what: string): asserts value is JsonValue {
  const problem = jsonProblem(value);
  if (problem !== undefined) throw new PatchError("BadRequest", `invalid ${what}: ${problem}`);
}
