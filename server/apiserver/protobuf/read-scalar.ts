import type { ScalarType } from "./schemas.js";
import { ProtobufError, readFields, type WireValue } from "./wire.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function readText(value: WireValue, what: string): string {
  if (value.wireType !== 2) throw new ProtobufError(`${what} is not a string`);
  try {
    return utf8.decode(value.bytes);
  } catch {
    throw new ProtobufError(`${what} is not UTF-8`);
  }
}

/** A varint as the signed integer of `bits` width it carries; Go writes negative int32s sign-extended to ten bytes. */
export function integerOf(raw: bigint, bits: 32 | 64, what: string): number {
  const value = BigInt.asIntN(bits, raw);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ProtobufError(`${what} is ${value}, beyond what JSON numbers carry exactly`);
  }
  return Number(value);
}

function integer(value: WireValue, bits: 32 | 64, what: string): number {
  if (value.wireType !== 0) throw new ProtobufError(`${what} is not an integer`);
  return integerOf(value.value, bits, what);
}

function message(value: WireValue, what: string): ReturnType<typeof readFields> {
  if (value.wireType !== 2) throw new ProtobufError(`${what} is not a message`);
  return readFields(value.bytes);
}

/**
 * A metav1.Time (seconds, nanos) as the RFC 3339 text JSON carries, to
 * the second as Kubernetes writes it; the zero time is no time at all.
 */
function time(value: WireValue, what: string): string | undefined {
  let seconds = 0;
  for (const f of message(value, what)) {
    if (f.field === 1) seconds = integer(f.value, 64, `${what}.seconds`);
    else if (f.field === 2) integer(f.value, 32, `${what}.nanos`);
    else throw new ProtobufError(`${what} has field number ${f.field}, which a time does not have`);
  }
  // Go's zero time (year 1) is written as an empty message, so seconds 0 is 1970 and is kept.
  if (value.wireType === 2 && value.bytes.length === 0) return undefined;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new ProtobufError(`${what} is out of range`);
  return date.toISOString().replace(".000Z", "Z");
}

/** A resource.Quantity: its canonical text, checked by the kind's schema like any JSON quantity. */
function quantity(value: WireValue, what: string): string {
  let text = "0";
  for (const f of message(value, what)) {
    if (f.field === 1) text = readText(f.value, what);
    else throw new ProtobufError(`${what} has field number ${f.field}, which a quantity does not have`);
  }
  return text;
}

/** An intstr.IntOrString: type 0 carries intVal, type 1 strVal. */
function intOrString(value: WireValue, what: string): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = "";
  for (const f of message(value, what)) {
    if (f.field === 1) type = integer(f.value, 64, `${what}.type`);
    else if (f.field === 2) intVal = integer(f.value, 32, `${what}.intVal`);
    else if (f.field === 3) strVal = readText(f.value, `${what}.strVal`);
    else throw new ProtobufError(`${what} has field number ${f.field}, which an int-or-string does not have`);
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new ProtobufError(`${what} has int-or-string type ${type}; only 0 (int) and 1 (string) exist`);
}

/** One scalar field's value as JSON holds it; undefined for a zero time, which JSON leaves out. */
export function readScalar(type: ScalarType, value: WireValue, what: string): unknown {
  switch (type) {
    case "string":
      return readText(value, what);
    case "bytes":
      if (value.wireType !== 2) throw new ProtobufError(`${what} is not bytes`);
      return Buffer.from(value.bytes).toString("base64");
    case "int32":
      return integer(value, 32, what);
    case "int":
    case "int64":
      return integer(value, 64, what);
    case "bool":
      if (value.wireType !== 0) throw new ProtobufError(`${what} is not a bool`);
      return value.value !== 0n;
    case "time":
      return time(value, what);
    case "quantity":
      return quantity(value, what);
    case "intOrString":
      return intOrString(value, what);
  }
}

/** What a map entry without a value holds: Go's zero value of the type. */
export function zeroOf(type: ScalarType): unknown {
  switch (type) {
    case "string":
    case "bytes":
      return "";
    case "int":
    case "int32":
    case "int64":
    case "intOrString":
      return 0;
    case "bool":
      return false;
    case "quantity":
      return "0";
    case "time":
      return undefined;
  }
}

/** Whether a value is its type's zero, which a Go field that is not a pointer cannot tell from unset. */
export function isZero(value: unknown): boolean {
  return value === "" || value === 0 || value === false || value === undefined;
}
