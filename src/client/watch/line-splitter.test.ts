import { describe, expect, it } from "vitest";
import { LineSplitter } from "./line-splitter.js";

const bytes = (text: string): Buffer => Buffer.from(text, "utf8");

describe("LineSplitter", () => {
  it("returns every line a chunk completes and keeps the rest", () => {
    const splitter = new LineSplitter(1024);
    expect(splitter.push(bytes("one\ntwo\nthr"))).toEqual(["one", "two"]);
    expect(splitter.rest().toString()).toBe("thr");
    expect(splitter.push(bytes("ee\n"))).toEqual(["three"]);
    expect(splitter.rest().length).toBe(0);
  });

  it("joins a line cut into many chunks, and a UTF-8 character cut between them", () => {
    const splitter = new LineSplitter(1024);
    const whole = bytes('{"name":"caf\u00e9-\u{1F680}"}\n');
    const lines: string[] = [];
    for (let i = 0; i < whole.length; i++) lines.push(...splitter.push(whole.subarray(i, i + 1)));
    expect(lines).toEqual(['{"name":"caf\u00e9-\u{1F680}"}']);
  });

  it("gives empty lines as empty strings and drops a carriage return before the newline", () => {
    const splitter = new LineSplitter(1024);
    expect(splitter.push(bytes("a\r\n\nb\n"))).toEqual(["a", "", "b"]);
  });

  it("refuses a line longer than its bound, across chunks too", () => {
    const splitter = new LineSplitter(8);
    expect(splitter.push(bytes("12345"))).toEqual([]);
    expect(() => splitter.push(bytes("6789"))).toThrow(/longer than 8 bytes/);
    expect(new LineSplitter(8).push(bytes("12345678\n"))).toEqual(["12345678"]);
  });
});
