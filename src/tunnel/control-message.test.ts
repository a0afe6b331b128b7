import { describe, expect, it } from "vitest";
import { parseControlMessage } from "./control-message.js";

const parse = (value: unknown) => parseControlMessage(JSON.stringify(value));
const pod = { namespace: "default", pod: "web", uid: "u-1", container: "main" };

describe("control messages", () => {
  it("reads a log open with its options", () => {
    const open = { type: "open", id: 7, kind: "log", ...pod, follow: true, previous: false, timestamps: false, tailLines: 10 };
    expect(parse(open)).toEqual({ ok: true, message: open });
  });

  it("reads an exec open", () => {
    const open = { type: "open", id: 1, kind: "exec", ...pod, command: ["sh", "-c", "exit 3"], stdin: true, stdout: true, stderr: false, tty: true };
    expect(parse(open)).toEqual({ ok: true, message: open });
  });

  it("reads a watch open with its parameters", () => {
    const open = { type: "open", id: 0x80000001, kind: "watch", path: "/api/v1/namespaces/ns/configmaps", fieldSelector: "metadata.name=cfg", resourceVersion: "12", allowWatchBookmarks: true, timeoutSeconds: 300 };
    expect(parse(open)).toEqual({ ok: true, message: open });
    expect(parse({ type: "open", id: 0x80000001, kind: "watch", path: "/api/v1/pods?watch=1" })).toMatchObject({ ok: false, error: expect.stringContaining("path") });
    expect(parse({ type: "open", id: 0x80000001, kind: "watch", path: "/healthz" })).toMatchObject({ ok: false, error: expect.stringContaining("path") });
  });

  it("reads window, eof and close", () => {
    expect(parse({ type: "window", id: 3, bytes: 4096 })).toEqual({ ok: true, message: { type: "window", id: 3, bytes: 4096 } });
    expect(parse({ type: "eof", id: 3 })).toEqual({ ok: true, message: { type: "eof", id: 3 } });
    const close = { type: "close", id: 3, status: { status: "Failure", code: 404, reason: "NotFound", message: "gone" } };
    expect(parse(close)).toEqual({ ok: true, message: close });
  });

  it("refuses what does not follow the protocol, saying why", () => {
    expect(parseControlMessage("{oops")).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
    expect(parse({ type: "hello", id: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("type") });
    expect(parse({ type: "eof", id: 0 })).toMatchObject({ ok: false, error: expect.stringContaining("id") });
    expect(parse({ type: "window", id: 1, bytes: -5 })).toMatchObject({ ok: false, error: expect.stringContaining("bytes") });
    expect(parse({ type: "open", id: 1, kind: "exec", ...pod, command: [], stdin: false, stdout: true, stderr: true, tty: false })).toMatchObject({
      ok: false,
      error: expect.stringContaining("command"),
    });
    expect(parse({ type: "open", id: 1, kind: "attach", ...pod })).toMatchObject({ ok: false });
    expect(parse({ type: "close", id: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("status") });
  });
});
