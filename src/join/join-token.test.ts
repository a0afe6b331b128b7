import { describe, expect, it } from "vitest";
import { formatJoinToken, isJoinTokenId, JoinTokenFormatError, parseJoinToken } from "./join-token.js";

const hash = "0123456789abcdef".repeat(4);
const text = `K10${hash}::abc123.0123456789abcdef`;

describe("join tokens", () => {
  it("parse into the CA hash, id and secret, and format back to the same text", () => {
    const token = parseJoinToken(text);
    expect(token).toEqual({ caHash: hash, id: "abc123", secret: "0123456789abcdef" });
    expect(formatJoinToken(token)).toBe(text);
  });

  it("tolerate the white space a shell or a file leaves around them", () => {
    expect(parseJoinToken(` ${text}\n`).id).toBe("abc123");
  });

  it.each([
    ["", "starts with K10"],
    [`K20${hash}::abc123.0123456789abcdef`, "starts with K10"],
    [`K10${hash}abc123.0123456789abcdef`, "K10<CA hash>::<id>.<secret>"],
    [`K10${hash}::abc123.0123456789abcdef::x`, "K10<CA hash>::<id>.<secret>"],
    [`K10${hash.toUpperCase()}::abc123.0123456789abcdef`, "64 lowercase hex"],
    [`K10${hash.slice(1)}::abc123.0123456789abcdef`, "64 lowercase hex"],
    [`K10${hash}::abc12.0123456789abcdef`, "id of a join token"],
    [`K10${hash}::ABC123.0123456789abcdef`, "id of a join token"],
    [`K10${hash}::abc123.0123456789abcde`, "secret of a join token"],
    [`K10${hash}::abc123`, "secret of a join token"],
    [`K10${hash}::abc123.0123456789abcdef.more`, "K10<CA hash>::<id>.<secret>"],
  ])("refuse %j, saying what is wrong", (bad, problem) => {
    let caught: unknown;
    try {
      parseJoinToken(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JoinTokenFormatError);
    expect((caught as Error).message).toContain(problem);
  });

  it("never repeat the secret in a refusal", () => {
    const secret = "zyxwvutsrqponmlk";
    expect(() => parseJoinToken(`K10${hash}::ABC123.${secret}`)).toThrow(JoinTokenFormatError);
    try {
      parseJoinToken(`K10${hash}::ABC123.${secret}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it("have ids of 6 characters of [a-z0-9]", () => {
    expect(isJoinTokenId("abc123")).toBe(true);
    expect(isJoinTokenId("abc12")).toBe(false);
    expect(isJoinTokenId("abc-12")).toBe(false);
  });
});
