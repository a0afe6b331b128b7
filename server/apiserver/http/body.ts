import type { IncomingMessage } from "node:http";
import { parseDocument } from "yaml";
import { badRequest, requestEntityTooLarge, StatusError, unsupportedMediaType } from "../../../src/errors/status.js";
import { decodeKubernetesProtobuf } from "../protobuf/decode-protobuf.js";
import { ProtobufError } from "../protobuf/wire.js";

const protobufMediaType = "application/vnd.kubernetes.protobuf";

/** Kubernetes' limit on a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;

export type PatchType = "json" | "merge" | "strategic" | "apply";

const patchTypes: Record<string, PatchType> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
};

/** The media type of a request, without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  return patchTypes[mediaType(contentType)];
}

/** Reads the whole body, refusing more than `limit` bytes with 413. */
export async function readBody(request: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) throw requestEntityTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw requestEntityTooLarge(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    // The client left (or the server's request timeout closed the connection)
    // mid-body: an outcome of the request, not a server failure.
    if (request.destroyed && !request.complete && !(error instanceof StatusError)) {
      throw badRequest("the request body was cut off: the connection closed before it was complete");
    }
    throw error;
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a body as JSON or YAML by its content type; a parse failure is a
 * 400 carrying the parser's message. YAML bodies are accepted for create and
 * update (kubectl never sends them, other clients do) and for apply patches,
 * whose media type says YAML though kubectl sends JSON.
 */
export function parseBody(body: Buffer, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  // kubectl's typed create commands (`create deployment`, `run`, ...) send protobuf.
  if (type === protobufMediaType) {
    try {
      return decodeKubernetesProtobuf(body);
    } catch (error) {
      if (error instanceof ProtobufError) throw unsupportedMediaType(`${type} (${error.message})`);
      throw error;
    }
  }
  const text = body.toString("utf8");
  if (text.trim() === "") throw badRequest("the request body is empty");
  const yamlTypes = ["application/yaml", "application/apply-patch+yaml"];
  const jsonTypes = ["", "application/json", ...Object.keys(patchTypes).filter((t) => !yamlTypes.includes(t))];
  if (yamlTypes.includes(type)) {
    // Warnings (an unknown tag such as !!python/object) refuse the body too: it would not mean what it says. Never printed.
    const document = parseDocument(text, { uniqueKeys: true, logLevel: "silent" });
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) throw badRequest(`error decoding YAML: ${problem.message}`);
    try {
      return document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw badRequest(`error decoding YAML: ${(error as Error).message}`);
    }
  }
  if (!jsonTypes.includes(type)) throw unsupportedMediaType(type);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`error decoding JSON: ${(error as Error).message}`);
  }
}
