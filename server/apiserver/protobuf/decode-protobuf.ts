import { protobufKinds } from "./kinds/index.js";
import { isZero, readScalar, readText, zeroOf } from "./read-scalar.js";
import type { FieldSpec, MessageSchema, ScalarType } from "./schemas.js";
import { ProtobufError, readFields, readPackedVarints, type WireValue } from "./wire.js";

/** The four bytes every Kubernetes protobuf body starts with: "k8s\0". */
const magic = [0x6b, 0x38, 0x73, 0x00];

const varintTypes: ReadonlySet<ScalarType> = new Set(["int", "int32", "int64", "bool"]);

function mapEntry(value: WireValue, valueType: ScalarType, what: string): [string, unknown] {
  if (value.wireType !== 2) throw new ProtobufError(`${what} entry is not a message`);
  let key = "";
  let entry = zeroOf(valueType);
  for (const f of readFields(value.bytes)) {
    if (f.field === 1) key = readText(f.value, `${what} key`);
    else if (f.field === 2) entry = readScalar(valueType, f.value, `${what}[${key}]`);
    else throw new ProtobufError(`${what} entry has field number ${f.field}; map entries have only 1 and 2`);
  }
  return [key, entry];
}

/** The elements one occurrence of a repeated field adds: one, or many when Go packed a scalar list. */
function repeatedValues(spec: FieldSpec, value: WireValue, at: string, index: number): unknown[] {
  const type = spec.type;
  if (typeof type === "string") {
    if (varintTypes.has(type) && value.wireType === 2) {
      return readPackedVarints(value.bytes).map((raw, i) => readScalar(type, { wireType: 0, value: raw }, `${at}[${index + i}]`));
    }
    return [readScalar(type, value, `${at}[${index}]`)];
  }
  if ("message" in type) return [decodeMessage(value, type.message, `${at}[${index}]`)];
  throw new ProtobufError(`${at} cannot be a list of maps`);
}

function decodeMessage(value: WireValue, schema: MessageSchema, path: string): Record<string, unknown> {
  if (value.wireType !== 2) throw new ProtobufError(`${path || "the object"} is not a message`);
  const object: Record<string, unknown> = {};
  for (const { field, value: fieldValue } of readFields(value.bytes)) {
    const spec = schema[field];
    if (!spec) throw new ProtobufError(`${path || "the object"} has field number ${field}, which skiff does not read from protobuf`);
    const at = path ? `${path}.${spec.name}` : spec.name;
    const type = spec.type;
    if (spec.repeated) {
      const list = (object[spec.name] ??= []) as unknown[];
      list.push(...repeatedValues(spec, fieldValue, at, list.length));
    } else if (typeof type === "object" && "map" in type) {
      const [key, entry] = mapEntry(fieldValue, type.map, at);
      // Defined, not assigned: a key such as "__proto__" is data, as JSON.parse keeps it.
      Object.defineProperty((object[spec.name] ??= {}) as object, key, { value: entry, enumerable: true, writable: true, configurable: true });
    } else if (typeof type === "object") {
      const inner = decodeMessage(fieldValue, type.message, spec.inline ? path : at);
      if (spec.inline) Object.assign(object, inner);
      else object[spec.name] = inner;
    } else {
      const scalar = readScalar(type, fieldValue, at);
      if (spec.presence ? scalar !== undefined : !isZero(scalar)) object[spec.name] = scalar;
      else delete object[spec.name];
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
  let raw: WireValue = { wireType: 2, bytes: new Uint8Array() };
  for (const { field, value } of readFields(body.subarray(4))) {
    if (field === 1 && value.wireType === 2) {
      for (const f of readFields(value.bytes)) {
        if (f.field === 1) apiVersion = readText(f.value, "apiVersion");
        if (f.field === 2) kind = readText(f.value, "kind");
      }
    } else if (field === 2 && value.wireType === 2) {
      raw = value;
    } else if (field === 3 && value.wireType === 2 && value.bytes.length > 0) {
      throw new ProtobufError("compressed protobuf bodies are not supported");
    }
  }
  const schema = protobufKinds[`${apiVersion}/${kind}`];
  if (!schema) throw new ProtobufError(`skiff does not read ${kind || "this kind"} (${apiVersion}) from protobuf; send JSON`);
  return { apiVersion, kind, ...decodeMessage(raw, schema, "") };
}
