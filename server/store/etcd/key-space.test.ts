import { describe, expect, it } from "vitest";
import { KeySpace, prefixEnd } from "./key-space.js";

const bytes = (...values: number[]) => Buffer.from(values);

describe("prefixEnd", () => {
  it("increments the last byte", () => {
    expect(prefixEnd(Buffer.from("/a/"))).toEqual(Buffer.from("/a0"));
  });

  it("drops trailing 0xff bytes before incrementing", () => {
    expect(prefixEnd(bytes(0x61, 0xff, 0xff))).toEqual(bytes(0x62));
  });

  it("has no upper bound for an empty or all-0xff prefix", () => {
    expect(prefixEnd(bytes())).toEqual(bytes(0));
    expect(prefixEnd(bytes(0xff))).toEqual(bytes(0));
  });
});

describe("KeySpace", () => {
  const space = new KeySpace("/ns");

  it("puts the prefix in front of keys, as UTF-8", () => {
    expect(space.key("/pods/日本").toString("utf8")).toBe("/ns/pods/日本");
  });

  it("ranges over exactly the keys under a prefix", () => {
    const range = space.range("/pods/");
    expect(range.key.toString()).toBe("/ns/pods/");
    expect(range.range_end.toString()).toBe("/ns/pods0");
  });

  it("starts a continued range just after the last key", () => {
    const range = space.range("/pods/", "/pods/b");
    expect(range.key).toEqual(Buffer.concat([Buffer.from("/ns/pods/b"), bytes(0)]));
    expect(range.range_end.toString()).toBe("/ns/pods0");
  });

  it("ranges over the whole keyspace without a prefix", () => {
    expect(new KeySpace("").range("")).toEqual({ key: bytes(0), range_end: bytes(0) });
  });

  it("strips the prefix from etcd key-values", () => {
    const kv = space.keyValue({
      key: Buffer.from("/ns/pods/a"),
      value: Buffer.from("v"),
      create_revision: "3",
      mod_revision: "7",
      version: "2",
      lease: "0",
    });
    expect(kv).toEqual({ key: "/pods/a", value: "v", createRevision: 3, modRevision: 7 });
  });
});
