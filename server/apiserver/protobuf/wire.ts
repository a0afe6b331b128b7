/**
 * Protocol Buffers wire format, read only: what the apiserver needs to
 * decode the request bodies kubectl sends as `application/vnd.kubernetes.protobuf`.
 */

/** A body that is not valid protobuf (truncated, bad varint, unknown wire type). */
export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtobufError";
  }
}

export type WireValue =
  | { wireType: 0; value: bigint }
  | { wireType: 2; bytes: Uint8Array }
  | { wireType: 1; bytes: Uint8Array }
  | { wireType: 5; bytes: Uint8Array };

export interface WireField {
  field: number;
  value: WireValue;
}

function readVarint(buffer: Uint8Array, start: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let i = start; i < buffer.length && i < start + 10; i++) {
    const byte = buffer[i]!;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
    shift += 7n;
  }
  throw new ProtobufError(`bad varint at byte ${start}`);
}

/** The fields of one message, in the order they were written. */
export function readFields(buffer: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < buffer.length) {
    const key = readVarint(buffer, at);
    at = key.next;
    const field = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (field === 0) throw new ProtobufError("field number 0");
    switch (wireType) {
      case 0: {
        const v = readVarint(buffer, at);
        at = v.next;
        fields.push({ field, value: { wireType: 0, value: v.value } });
        break;
      }
      case 2: {
        const length = readVarint(buffer, at);
        const end = length.next + Number(length.value);
        if (end > buffer.length) throw new ProtobufError(`field ${field} runs past the end of the message`);
        fields.push({ field, value: { wireType: 2, bytes: buffer.subarray(length.next, end) } });
        at = end;
        break;
      }
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        if (at + size > buffer.length) throw new ProtobufError(`field ${field} runs past the end of the message`);
        fields.push({ field, value: { wireType, bytes: buffer.subarray(at, at + size) } });
        at += size;
        break;
      }
      default:
        throw new ProtobufError(`unsupported wire type ${wireType} for field ${field}`);
    }
  }
  return fields;
}

/** The varints of a packed repeated scalar field, one after another in a single length-delimited payload. */
export function readPackedVarints(payload: Uint8Array): bigint[] {
  const values: bigint[] = [];
  let at = 0;
  while (at < payload.length) {
    const v = readVarint(payload, at);
    values.push(v.value);
    at = v.next;
  }
  return values;
}
