import { describe, expect, it } from "vitest";
import { FrameReader } from "./stream-frames.js";

function frame(type: number, text: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
}

describe("FrameReader", () => {
  it("splits frames whatever the chunking", () => {
    const all = Buffer.concat([frame(1, "out"), frame(2, "err"), frame(3, "system"), frame(1, "")]);
    for (const size of [1, 3, 8, 11, all.length]) {
      const reader = new FrameReader();
      const frames = [];
      for (let i = 0; i < all.length; i += size) frames.push(...reader.push(all.subarray(i, i + size)));
      expect(frames.map((f) => [f.stream, f.payload.toString()]), `chunks of ${size}`).toEqual([
        ["stdout", "out"],
        ["stderr", "err"],
        ["stderr", "system"],
      ]);
    }
  });

  it("keeps an incomplete frame until the rest arrives", () => {
    const reader = new FrameReader();
    const whole = frame(1, "hello");
    expect(reader.push(whole.subarray(0, 10))).toEqual([]);
    expect(reader.push(whole.subarray(10)).map((f) => f.payload.toString())).toEqual(["hello"]);
  });
});
