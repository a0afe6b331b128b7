import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/support/seeded-random.js";
import { decodeKubernetesProtobuf } from "./decode-protobuf.js";
import { ProtobufError } from "./wire.js";

// A tiny writer for test messages: field key, then a length-delimited payload or a varint.
const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
};
const bytesField = (field: number, payload: number[]): number[] => [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
const textField = (field: number, text: string): number[] => bytesField(field, [...Buffer.from(text)]);
const varintField = (field: number, n: number): number[] => [...varint(field << 3), ...varint(n)];

function envelope(apiVersion: string, kind: string, raw: number[]): Uint8Array {
  const typeMeta = [...textField(1, apiVersion), ...textField(2, kind)];
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...bytesField(1, typeMeta), ...bytesField(2, raw)]);
}

describe("decodeKubernetesProtobuf", () => {
  it("reads a ConfigMap with metadata, labels, data and a bool", () => {
    const meta = [...textField(1, "cfg"), ...textField(3, "default"), ...bytesField(11, [...textField(1, "app"), ...textField(2, "web")])];
    const raw = [...bytesField(1, meta), ...bytesField(2, [...textField(1, "k"), ...textField(2, "v")]), ...varintField(4, 1)];
    expect(decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw))).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", namespace: "default", labels: { app: "web" } },
      data: { k: "v" },
      immutable: true,
    });
  });

  it("reads Secret data as base64, as JSON carries bytes", () => {
    const raw = [...bytesField(2, [...textField(1, "p"), ...bytesField(2, [0xff, 0x00])]), ...textField(3, "Opaque")];
    expect(decodeKubernetesProtobuf(envelope("v1", "Secret", raw))).toMatchObject({ data: { p: "/wA=" }, type: "Opaque" });
  });

  it("refuses what it cannot read whole: other kinds, unknown fields, truncation, no prefix", () => {
    expect(() => decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", []))).toThrow(/does not read Deployment/);
    expect(() => decodeKubernetesProtobuf(envelope("v1", "ConfigMap", textField(9, "x")))).toThrow(/field number 9/);
    const truncated = envelope("v1", "ConfigMap", textField(2, "abc")).slice(0, -2);
    expect(() => decodeKubernetesProtobuf(truncated)).toThrow(ProtobufError);
    expect(() => decodeKubernetesProtobuf(Uint8Array.from([1, 2, 3, 4, 5]))).toThrow(/prefix/);
  });

  it("never throws anything but ProtobufError on random bytes", () => {
    const random = seededRandom(7);
    const next = (): number => Math.floor(random() * 256);
    for (let i = 0; i < 2000; i++) {
      const body = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...Array.from({ length: next() % 64 }, next)]);
      try {
        decodeKubernetesProtobuf(body);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtobufError);
      }
    }
  });
});
