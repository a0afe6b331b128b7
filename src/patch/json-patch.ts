import { decodeJsonPatch, type JsonPatchOperation } from "./json-patch-operations.js";
import { appendToken, parseArrayIndex } from "./json-pointer.js";
import {
  cloneJson,
  getMember,
  isJsonObject,
  jsonDepth,
  jsonEqual,
  maxJsonDepth,
  setMember,
  type JsonObject,
  type JsonValue,
} from "./json-value.js";
import { assertJson, PatchError } from "./patch-error.js";

/** Bounds that keep one request from costing the server unbounded work, as the apiserver sets them. */
export interface JsonPatchLimits {
  /** More operations than this is RequestEntityTooLarge. */
  maxOperations: number;
  /** Total size (JSON text) of all values `copy` duplicates; copying a document into itself doubles it. */
  maxCopyBytes: number;
}

export const defaultJsonPatchLimits: JsonPatchLimits = { maxOperations: 10_000, maxCopyBytes: 3 * 1024 * 1024 };

/**
 * Applies an RFC 6902 JSON patch (`application/json-patch+json`) atomically:
 * the operations run in order on a copy, and the first one that fails throws
 * a PatchError carrying its index, so the document is never half-patched.
 * `patch` is the parsed request body and is checked here.
 *
 * @example applyJsonPatch({ a: [1] }, [{ op: "add", path: "/a/-", value: 2 }]) // → { a: [1, 2] }
 * @throws PatchError, and nothing else, on any input.
 */
export function applyJsonPatch(
  document: JsonValue,
  patch: JsonValue,
  limits: JsonPatchLimits = defaultJsonPatchLimits,
): JsonValue {
  assertJson(document, "document");
  assertJson(patch, "JSON patch");
  const operations = decodeJsonPatch(patch, limits.maxOperations);
  const run = new PatchRun(cloneJson(document), limits);
  operations.forEach((operation, index) => run.apply(operation, index));
  return run.document;
}

/** Where a pointer lands: the container holding it and the token naming it there. */
type Location = { container: JsonValue[]; token: string } | { container: JsonObject; token: string };

/** One application of a patch: the working copy, the copy budget, and the operation under way. */
class PatchRun {
  private copiedBytes = 0;
  // The operation under way, named in every error; set by apply() before anything can fail.
  private operation!: JsonPatchOperation;
  private index = 0;

  constructor(
    public document: JsonValue,
    private readonly limits: JsonPatchLimits,
  ) {}

  apply(operation: JsonPatchOperation, index: number): void {
    this.operation = operation;
    this.index = index;
    switch (operation.op) {
      case "add":
        this.add(operation.tokens, cloneJson(operation.value), operation.path);
        return;
      case "replace": {
        const location = this.existing(operation.tokens, operation.path);
        this.checkDepth(operation.tokens, operation.value);
        this.write(location, cloneJson(operation.value));
        return;
      }
      case "remove":
        if (operation.tokens.length === 0) throw this.fail("remove operation does not apply: cannot remove the whole document");
        this.remove(this.existing(operation.tokens, operation.path));
        return;
      case "test":
        if (!jsonEqual(read(this.existing(operation.tokens, operation.path), this.document), operation.value)) {
          throw this.fail(`testing value ${operation.path} failed`);
        }
        return;
      case "move": {
        if (isProperPrefix(operation.fromTokens, operation.tokens)) {
          throw this.fail(`move operation does not apply: cannot move ${operation.from} into its own child ${operation.path}`);
        }
        const from = this.existing(operation.fromTokens, operation.from);
        if (operation.from === operation.path) return;
        const moved = read(from, this.document);
        this.remove(from);
        this.add(operation.tokens, moved, operation.path);
        return;
      }
      case "copy": {
        const copied = read(this.existing(operation.fromTokens, operation.from), this.document);
        this.copiedBytes += JSON.stringify(copied).length;
        if (this.copiedBytes > this.limits.maxCopyBytes) {
          throw this.fail(
            `unable to complete the copy: the accumulated size increase of copy is ${this.copiedBytes}, exceeding the limit ${this.limits.maxCopyBytes}`,
          );
        }
        this.add(operation.tokens, cloneJson(copied), operation.path);
        return;
      }
    }
  }

  private add(tokens: string[], value: JsonValue, pointer: string): void {
    this.checkDepth(tokens, value);
    if (tokens.length === 0) {
      this.document = value;
      return;
    }
    const location = this.parentOf(tokens, pointer);
    if (!Array.isArray(location.container)) {
      setMember(location.container, location.token, value);
      return;
    }
    const array = location.container;
    const index = location.token === appendToken ? array.length : parseArrayIndex(location.token);
    if (index === undefined || index > array.length) {
      throw this.fail(`${this.verb()} operation does not apply: invalid array index ${JSON.stringify(location.token)} in ${pointer}`);
    }
    array.splice(index, 0, value);
  }

  /** The location of an existing value; the whole document has none, so `""` yields undefined. */
  private existing(tokens: string[], pointer: string): Location | undefined {
    if (tokens.length === 0) return undefined;
    const location = this.parentOf(tokens, pointer);
    if (Array.isArray(location.container)) {
      const index = parseArrayIndex(location.token);
      if (index === undefined || index >= location.container.length) {
        throw this.fail(`${this.verb()} operation does not apply: invalid array index ${JSON.stringify(location.token)} in ${pointer}`);
      }
    } else if (!Object.hasOwn(location.container, location.token)) {
      throw this.missing(pointer);
    }
    return location;
  }

  /** Walks to the container of the last token; every step before it must exist. */
  private parentOf(tokens: string[], pointer: string): Location {
    let current: JsonValue | undefined = this.document;
    for (const token of tokens.slice(0, -1)) {
      if (Array.isArray(current)) {
        const index = parseArrayIndex(token);
        current = index === undefined ? undefined : current[index];
      } else {
        current = isJsonObject(current) ? getMember(current, token) : undefined;
      }
      if (current === undefined) throw this.missing(pointer);
    }
    const token = tokens[tokens.length - 1] as string;
    if (Array.isArray(current)) return { container: current, token };
    if (isJsonObject(current)) return { container: current, token };
    throw this.missing(pointer);
  }

  private write(location: Location | undefined, value: JsonValue): void {
    if (location === undefined) this.document = value;
    else if (Array.isArray(location.container)) location.container[Number(location.token)] = value;
    else setMember(location.container, location.token, value);
  }

  private remove(location: Location | undefined): void {
    if (location === undefined) return;
    if (Array.isArray(location.container)) location.container.splice(Number(location.token), 1);
    else delete location.container[location.token];
  }

  /** The engines recurse, so a result nested deeper than they accept is refused here. */
  private checkDepth(tokens: string[], value: JsonValue): void {
    if (tokens.length + jsonDepth(value) > maxJsonDepth) {
      throw this.fail(`${this.verb()} operation does not apply: the result would be nested deeper than ${maxJsonDepth} levels`);
    }
  }

  private verb(): string {
    return this.operation.op;
  }

  private missing(pointer: string): PatchError {
    return this.fail(`${this.verb()} operation does not apply: doc is missing path: ${pointer}`);
  }

  private fail(message: string): PatchError {
    return new PatchError("Invalid", message, { operation: this.index, path: this.operation.path });
  }
}

function read(location: Location | undefined, document: JsonValue): JsonValue {
  if (location === undefined) return document;
  if (Array.isArray(location.container)) return location.container[Number(location.token)] as JsonValue;
  return location.container[location.token] as JsonValue;
}

function isProperPrefix(prefix: string[], tokens: string[]): boolean {
  return prefix.length < tokens.length && prefix.every((token, i) => tokens[i] === token);
}
