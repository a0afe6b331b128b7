import { isChannel, type Channel } from "./protocol.js";

/**
 * One binary WebSocket message of the tunnel: `[u32 stream id, big-endian]
 * [u8 channel][payload]`.
 */
export interface DataFrame {
  id: number;
  channel: Channel;
  payload: Uint8Array;
}

const HEADER_BYTES = 5;

/** The wire form of a data frame. */
export function encodeDataFrame(id: number, channel: Channel, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(bytes.buffer).setUint32(0, id);
  bytes[4] = channel;
  bytes.set(payload, HEADER_BYTES);
  return bytes;
}

/** Reads a binary message; an error names what is wrong with it. */
export function decodeDataFrame(bytes: Uint8Array): { ok: true; frame: DataFrame } | { ok: false; error: string } {
  if (bytes.length < HEADER_BYTES) return { ok: false, error: `a data frame needs ${HEADER_BYTES} header bytes, got ${bytes.length}` };
  const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(0);
  const channel = bytes[4]!;
  if (id === 0) return { ok: false, error: "stream id 0 is not valid" };
  if (!isChannel(channel)) return { ok: false, error: `channel ${channel} carries no data` };
  return { ok: true, frame: { id, channel, payload: bytes.subarray(HEADER_BYTES) } };
}
