import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, ExecChannel, execOutcomeOf, stdinClosedFrame } from "./exec-protocol.js";

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe("v5 frames", () => {
  it("put the channel byte before the payload and take it off again", () => {
    const frame = encodeFrame(ExecChannel.Stdin, Buffer.from("hi"));
    expect([...frame]).toEqual([0, 104, 105]);
    expect(decodeFrame(frame)).toEqual({ channel: 0, payload: Buffer.from("hi") });
    expect(decodeFrame(Buffer.from([1]))).toEqual({ channel: 1, payload: Buffer.alloc(0) });
    expect(decodeFrame(Buffer.alloc(0))).toBeUndefined();
  });

  it("close stdin with [255, 0]", () => {
    expect([...stdinClosedFrame]).toEqual([255, 0]);
  });
});

describe("execOutcomeOf", () => {
  it("reads Success as success", () => {
    expect(execOutcomeOf(json({ metadata: {}, status: "Success" }))).toEqual({ kind: "succeeded" });
  });

  it("reads NonZeroExitCode as the exit code", () => {
    const status = {
      metadata: {},
      status: "Failure",
      reason: "NonZeroExitCode",
      message: "command terminated with non-zero exit code: command terminated with exit code 3",
      details: { causes: [{ reason: "ExitCode", message: "3" }] },
    };
    expect(execOutcomeOf(json(status))).toEqual({ kind: "exited", code: 3 });
  });

  it("reads other failures as a StatusError with the server's reason", () => {
    const outcome = execOutcomeOf(json({ metadata: {}, status: "Failure", code: 503, reason: "ServiceUnavailable", message: "agent disconnected" }));
    expect(outcome.kind).toBe("failed");
    if (outcome.kind !== "failed") return;
    expect(outcome.error.status).toMatchObject({ code: 503, reason: "ServiceUnavailable", message: "agent disconnected" });
  });

  it("treats a NonZeroExitCode without a usable code as a failure", () => {
    const outcome = execOutcomeOf(json({ status: "Failure", reason: "NonZeroExitCode", message: "odd", details: { causes: [{ reason: "ExitCode", message: "x" }] } }));
    expect(outcome).toMatchObject({ kind: "failed" });
  });

  it("reports a payload that is not a Status", () => {
    const outcome = execOutcomeOf(Buffer.from("not json"));
    expect(outcome.kind === "failed" && outcome.error.message).toMatch(/error stream protocol error/);
  });
});
