import { protobufKinds } from "./kinds/index.js";
import type { FieldSpec, MessageSchema } from "./schemas.js";
import { ProtobufError, readFields, type WireValue } from "./wire.js";

/** The four bytes every Kubernetes protobuf body starts with: "k8s\0". */
const magic = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder("utf-8", { fatal: true });

function text(value: WireValue, what: string): string {
  if (value.wireType !== 2) throw new ProtobufError(`${what} is not a string`);
  try {
    return utf8.decode(value.bytes);
  } catch {
    throw new ProtobufError(`${what} is not UTF-8`);
  }
}

function int(value: WireValue, what: string): number {
  if (value.wireType !== 0) throw new ProtobufError(`${what} is not an integer`);
  return Number(BigInt.asIntN(64, value.value));
}

/** A metav1.Time (seconds, nanos) as the RFC 3339 text JSON carries. */
function time(value: WireValue, what: string): string {
  if (value.wireType !== 2) throw new ProtobufError(`${what} is not a time`);
  let seconds = 0;
  for (const f of readFields(value.bytes)) if (f.field === 1) seconds = int(f.value, `${what}.seconds`);
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

function mapEntry(value: WireValue, valueType: "string" | "bytes", what: string): [string, string] {
  if (value.wireType !== 2) throw new ProtobufError(`${what} entry is not a message`);
  let key = "";
  let entry = "";
  for (const f of readFields(value.bytes)) {
    if (f.field === 1) key = text(f.value, `${what} key`);
    else if (f.field === 2) {
      if (f.value.wireType !== 2) throw new ProtobufError(`${what}[${key}] is not ${valueType}`);
      entry = valueType === "string" ? text(f.value, `${what}[${key}]`) : Buffer.from(f.value.bytes).toString("base64");
    }
  }
  return [key, entry];
}

function fieldValue(spec: FieldSpec, value: WireValue, path: string): unknown {
  const type = spec.type;
  if (type === "string") return text(value, path);
  if (type === "bytes") {
    if (value.wireType !== 2) throw new ProtobufError(`${path} is not bytes`);
    return Buffer.from(value.bytes).toString("base64");
  }
  if (type === "int") return int(value, path);
  if (type === "bool") return int(value, path) !== 0;
  if (type === "time") return time(value, path);
  if ("message" in type) {
    if (value.wireType !== 2) throw new ProtobufError(`${path} is not a message`);
    return decodeMessage(value.bytes, type.message, path);
  }
  throw new ProtobufError(`${path}: maps are read by entry`);
}

function decodeMessage(bytes: Uint8Array, schema: MessageSchema, path: string): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const { field, value } of readFields(bytes)) {
    const spec = schema[field];
    if (!spec) throw new ProtobufError(`${path || "the object"} has field number ${field}, which skiff does not read from protobuf`);
    const at = path ? `${path}.${spec.name}` : spec.name;
    if (typeof spec.type === "object" && "map" in spec.type) {
      const [key, entry] = mapEntry(value, spec.type.map, at);
      const map = (object[spec.name] ??= {}) as Record<string, string>;
      map[key] = entry;
    } else if (spec.repeated) {
      ((object[spec.name] ??= []) as unknown[]).push(fieldValue(spec, value, at));
    } else {
      object[spec.name] = fieldValue(spec, value, at);
    }
  }
  return object;
}

/**
 * A `application/vnd.kubernetes.protobuf` body as the JSON object it
 * stands for: the "k8s\0" envelope, its runtime.Unknown (apiVersion, kind,
 * raw bytes), and the raw message read by the kind's field table. Throws
 * ProtobufError for anything it cannot read whole.
 */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || magic.some((b, i) => body[i] !== b)) throw new ProtobufError("the body does not start with the Kubernetes protobuf prefix");
  let apiVersion = "";
  let kind = "";
  let raw: Uint8Array | undefined;
  for (const { field, value } of readFields(body.subarray(4))) {
    if (field === 1 && value.wireType === 2) {
      for (const f of readFields(value.bytes)) {
        if (f.field === 1) apiVersion = text(f.value, "apiVersion");
        if (f.field === 2) kind = text(f.value, "kind");
      }
    } else if (field === 2 && value.wireType === 2) {
      raw = value.bytes;
    } else if (field === 3 && value.wireType === 2 && value.bytes.length > 0) {
      throw new ProtobufError("compressed protobuf bodies are not supported");
    }
  }
  const schema = protobufKinds[`${apiVersion}/${kind}`];
  if (!schema) throw new ProtobufError(`skiff does not read ${kind || "this kind"} (${apiVersion}) from protobuf; send JSON`);
  return { apiVersion, kind, ...decodeMessage(raw ?? new Uint8Array(), schema, "") };
}
