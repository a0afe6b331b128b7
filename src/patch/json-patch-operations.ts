import { z } from "zod";
import { parsePointer } from "./json-pointer.js";
import { isJsonObject, type JsonValue } from "./json-value.js";
import { PatchError } from "./patch-error.js";

/** One RFC 6902 operation after decoding, with its pointers already split into tokens. */
export type JsonPatchOperation =
  | { op: "add" | "replace" | "test"; path: string; tokens: string[]; value: JsonValue }
  | { op: "remove"; path: string; tokens: string[] }
  | { op: "move" | "copy"; path: string; tokens: string[]; from: string; fromTokens: string[] };

const operationNames = ["add", "remove", "replace", "move", "copy", "test"] as const;

// `value` may be any JSON, null included, but must be present: z.unknown() alone would accept a missing one.
const value = z.custom<JsonValue>((input) => input !== undefined, { message: "Required value" });
// Members other than these are ignored, as RFC 6902 says.
const operationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.enum(["add", "replace", "test"]), path: z.string(), value }),
  z.object({ op: z.literal("remove"), path: z.string() }),
  z.object({ op: z.enum(["move", "copy"]), from: z.string(), path: z.string() }),
]);

/**
 * Decodes a JSON patch document (already parsed JSON) into operations.
 * Everything malformed is a BadRequest naming the operation; too many
 * operations is RequestEntityTooLarge, as in Kubernetes.
 */
export function decodeJsonPatch(patch: JsonValue, maxOperations: number): JsonPatchOperation[] {
  if (!Array.isArray(patch)) {
    throw new PatchError("BadRequest", "a JSON patch must be an array of operations");
  }
  if (patch.length > maxOperations) {
    throw new PatchError(
      "RequestEntityTooLarge",
      `The allowed maximum operations in a JSON patch is ${maxOperations}, got ${patch.length}`,
    );
  }
  return patch.map((raw, index) => decodeOperation(raw, index));
}

function decodeOperation(raw: JsonValue, index: number): JsonPatchOperation {
  const bad = (problem: string): PatchError =>
    new PatchError("BadRequest", `invalid JSON patch operation ${index}: ${problem}`, { operation: index });
  if (!isJsonObject(raw)) throw bad("an operation must be an object");
  const op = Object.hasOwn(raw, "op") ? raw.op : undefined;
  if (typeof op !== "string" || !(operationNames as readonly string[]).includes(op)) {
    throw bad(`unknown op ${JSON.stringify(op ?? null)}, expected one of ${operationNames.join(", ")}`);
  }
  const parsed = operationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(issue ? `${issue.path.join(".")}: ${issue.message}` : "malformed operation");
  }
  const operation = parsed.data;
  const tokens = pointerTokens(operation.path, bad);
  switch (operation.op) {
    case "remove":
      return { op: operation.op, path: operation.path, tokens };
    case "move":
    case "copy":
      return { ...operation, tokens, fromTokens: pointerTokens(operation.from, bad) };
    default:
      return { ...operation, tokens };
  }
}

function pointerTokens(pointer: string, bad: (problem: string) => PatchError): string[] {
  const tokens = parsePointer(pointer);
  if (tokens === undefined) throw bad(`${JSON.stringify(pointer)} is not a JSON pointer`);
  return tokens;
}
