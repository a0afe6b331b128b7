import { describe, expect, it } from "vitest";
import { decodeDataFrame, encodeDataFrame } from "./data-frame.js";
import { Channel } from "./protocol.js";

describe("data frames", () => {
  it("carry the stream id big-endian, the channel, then the payload", () => {
    const bytes = encodeDataFrame(0x01020304, Channel.Stderr, new Uint8Array([9, 8]));
    expect([...bytes]).toEqual([1, 2, 3, 4, 2, 9, 8]);
    expect(decodeDataFrame(bytes)).toEqual({ ok: true, frame: { id: 0x01020304, channel: Channel.Stderr, payload: new Uint8Array([9, 8]) } });
  });

  it("read from a view into a larger buffer", () => {
    const framed = encodeDataFrame(4_000_000_000, Channel.Stdout, new TextEncoder().encode("hi"));
    const larger = new Uint8Array(framed.length + 6);
    larger.set(framed, 3);
    const decoded = decodeDataFrame(larger.subarray(3, 3 + framed.length));
    expect(decoded).toEqual({ ok: true, frame: { id: 4_000_000_000, channel: Channel.Stdout, payload: new TextEncoder().encode("hi") } });
  });

  it("may have an empty payload", () => {
    expect(decodeDataFrame(encodeDataFrame(1, Channel.Stdin, new Uint8Array()))).toMatchObject({ ok: true, frame: { payload: new Uint8Array() } });
  });

  it("refuses a short frame, stream 0 and channels without data", () => {
    expect(decodeDataFrame(new Uint8Array([0, 0, 0, 1]))).toEqual({ ok: false, error: "a data frame needs 5 header bytes, got 4" });
    expect(decodeDataFrame(new Uint8Array([0, 0, 0, 0, 1]))).toEqual({ ok: false, error: "stream id 0 is not valid" });
    expect(decodeDataFrame(new Uint8Array([0, 0, 0, 1, 3]))).toEqual({ ok: false, error: "channel 3 carries no data" });
    expect(decodeDataFrame(new Uint8Array([0, 0, 0, 1, 255]))).toEqual({ ok: false, error: "channel 255 carries no data" });
  });
});
