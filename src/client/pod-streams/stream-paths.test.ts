import { describe, expect, it } from "vitest";
import { execPath } from "./pod-exec.js";
import { podLogPath } from "./pod-log.js";

describe("podLogPath", () => {
  it("sends only the options set, as kubectl does", () => {
    expect(podLogPath("default", "web", { container: "main", follow: false })).toBe("/api/v1/namespaces/default/pods/web/log?container=main");
    expect(podLogPath("ns", "web", { follow: true, tailLines: 0, sinceSeconds: 90, timestamps: true, previous: true, limitBytes: 5 })).toBe(
      "/api/v1/namespaces/ns/pods/web/log?follow=true&limitBytes=5&previous=true&sinceSeconds=90&tailLines=0&timestamps=true",
    );
  });
});

describe("execPath", () => {
  const base = { namespace: "default", pod: "web", container: "main", command: ["sh", "-c", "echo a&b"], tty: false };

  it("repeats command and leaves out false flags, as kubectl does", () => {
    expect(execPath(base, false)).toBe(
      "/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=echo+a%26b&container=main&stderr=true&stdout=true",
    );
  });

  it("with a TTY, asks for stdin and tty and no separate stderr", () => {
    expect(execPath({ ...base, container: "", tty: true }, true)).toBe(
      "/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=echo+a%26b&stdin=true&stdout=true&tty=true",
    );
  });
});
