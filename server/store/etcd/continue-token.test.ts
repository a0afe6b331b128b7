import { describe, expect, it } from "vitest";
import { InvalidContinueError } from "../errors.js";
import { decodeContinue, encodeContinue } from "./continue-token.js";

const point = { prefix: "/pods/", revision: 42, lastKey: "/pods/web-1" };
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("continue tokens", () => {
  it("round-trip", () => {
    expect(decodeContinue(encodeContinue(point), "/pods/")).toEqual(point);
  });

  it("refuse a token for another prefix", () => {
    expect(() => decodeContinue(encodeContinue(point), "/services/")).toThrow(InvalidContinueError);
  });

  it.each([
    ["garbage", "%%%"],
    ["not JSON", Buffer.from("{").toString("base64url")],
    ["a wrong shape", raw({ p: "/pods/", r: "42", k: "/pods/a" })],
    ["revision 0", raw({ p: "/pods/", r: 0, k: "/pods/a" })],
    ["a key outside the prefix", raw({ p: "/pods/", r: 42, k: "/secrets/a" })],
  ])("refuse %s", (_, token) => {
    expect(() => decodeContinue(token, "/pods/")).toThrow(InvalidContinueError);
  });
});
