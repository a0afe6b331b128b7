import { describe, expect, it } from "vitest";
import { decodeContinueToken, encodeContinueToken } from "./continue-token.js";
import { InvalidContinueError } from "./errors.js";

describe("continue token", () => {
  const position = { revision: 42, startAfter: "/registry/pods/default/web-ü", prefix: "/registry/pods/" };

  it("round-trips a position", () => {
    const token = encodeContinueToken(position);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeContinueToken(token, position.prefix)).toEqual(position);
  });

  it("rejects a token for another prefix", () => {
    const token = encodeContinueToken(position);
    expect(() => decodeContinueToken(token, "/registry/services/")).toThrow(InvalidContinueError);
  });

  it.each([
    ["empty", ""],
    ["not base64url", "a+b/c="],
    ["garbage", "%%%"],
    ["not JSON", Buffer.from("{rev:1").toString("base64url")],
    ["wrong shape", Buffer.from(JSON.stringify({ v: 1, rev: "7" })).toString("base64url")],
    ["unknown version", Buffer.from(JSON.stringify({ v: 2, rev: 7, after: "/a/x", prefix: "/a/" })).toString("base64url")],
    ["zero revision", Buffer.from(JSON.stringify({ v: 1, rev: 0, after: "/a/x", prefix: "/a/" })).toString("base64url")],
    ["key outside the prefix", Buffer.from(JSON.stringify({ v: 1, rev: 7, after: "/b/x", prefix: "/a/" })).toString("base64url")],
  ])("rejects a token that is %s", (_name, token) => {
    expect(() => decodeContinueToken(token, "/a/")).toThrow(InvalidContinueError);
  });

  it("rejects a truncated token", () => {
    const token = encodeContinueToken(position);
    expect(() => decodeContinueToken(token.slice(0, token.length / 2), position.prefix)).toThrow(InvalidContinueError);
  });
});
