import { describe, expect, it } from "vitest";
import { MessageWriter } from "./write-wire.js";
import { readFields } from "./wire.js";

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString("utf8");

describe("MessageWriter", () => {
  it("writes fields that the reader reads back, in order", () => {
    const inner = new MessageWriter().string(1, "naïve").bool(2, true);
    const bytes = new MessageWriter().string(1, "swagger").message(2, inner).strings(3, ["a", ""]).finish();
    const fields = readFields(bytes);
    expect(fields.map((f) => f.field)).toEqual([1, 2, 3, 3]);
    const [first, nested, a, empty] = fields.map((f) => f.value);
    expect(first?.wireType === 2 && text(first.bytes)).toBe("swagger");
    expect(a?.wireType === 2 && text(a.bytes)).toBe("a");
    expect(empty?.wireType === 2 && empty.bytes.length).toBe(0);
    if (nested?.wireType !== 2) throw new Error("the nested message is not length-delimited");
    expect(readFields(nested.bytes)).toEqual([
      { field: 1, value: { wireType: 2, bytes: Buffer.from("naïve") } },
      { field: 2, value: { wireType: 0, value: 1n } },
    ]);
  });

  it("leaves out proto3 defaults but keeps an empty message and a oneof's false", () => {
    const bytes = new MessageWriter().string(1, "").string(2, undefined).bool(3, false).bool(4, false, true).message(5, new MessageWriter()).finish();
    expect(readFields(bytes)).toEqual([
      { field: 4, value: { wireType: 0, value: 0n } },
      { field: 5, value: { wireType: 2, bytes: Buffer.alloc(0) } },
    ]);
  });

  it("writes long lengths and large field numbers as multi-byte varints", () => {
    const long = "x".repeat(70_000);
    const inner = new MessageWriter().string(300, long);
    const bytes = new MessageWriter().message(1, inner).finish();
    const [outer] = readFields(bytes);
    if (outer?.value.wireType !== 2) throw new Error("not a message");
    expect(outer.value.bytes.length).toBe(inner.finish().length);
    const [field] = readFields(outer.value.bytes);
    expect(field?.field).toBe(300);
    expect(field?.value.wireType === 2 && field.value.bytes.length).toBe(70_000);
  });
});
