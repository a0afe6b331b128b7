import { describe, expect, it } from "vitest";
import type { RegistryAuth } from "../container-runtime.js";
import { authsFor, parseImageReference, pullReference } from "./image-reference.js";

function auth(serverAddress: string): RegistryAuth {
  return { serverAddress, username: "u", password: "p" };
}

describe("parseImageReference", () => {
  it("normalizes as Docker does", () => {
    expect(parseImageReference("busybox")).toEqual({ registry: "docker.io", repository: "library/busybox", tag: undefined, digest: undefined });
    expect(parseImageReference("team/app:2")).toMatchObject({ registry: "docker.io", repository: "team/app", tag: "2" });
    expect(parseImageReference("127.0.0.1:5000/a/b:1")).toMatchObject({ registry: "127.0.0.1:5000", repository: "a/b", tag: "1" });
    expect(parseImageReference("localhost/app")).toMatchObject({ registry: "localhost", repository: "app", tag: undefined });
    expect(parseImageReference("reg.example.com/app@sha256:abc")).toMatchObject({
      registry: "reg.example.com",
      repository: "app",
      tag: undefined,
      digest: "sha256:abc",
    });
  });

  it("pulls `:latest` when no tag or digest is given", () => {
    expect(pullReference("busybox")).toBe("busybox:latest");
    expect(pullReference("127.0.0.1:5000/app")).toBe("127.0.0.1:5000/app:latest");
    expect(pullReference("busybox:1")).toBe("busybox:1");
    expect(pullReference("app@sha256:abc")).toBe("app@sha256:abc");
  });
});

describe("authsFor", () => {
  const all = [
    auth("127.0.0.1:5000"),
    auth("https://127.0.0.1:5000/v2/"),
    auth("127.0.0.1:5001"),
    auth("127.0.0.1:5000/team"),
    auth("https://index.docker.io/v1/"),
    auth("*.example.com"),
  ];

  it("keeps, in order, the credentials whose registry (and path) match", () => {
    expect(authsFor("127.0.0.1:5000/team/app:1", all).map((a) => a.serverAddress)).toEqual([
      "127.0.0.1:5000",
      "https://127.0.0.1:5000/v2/",
      "127.0.0.1:5000/team",
    ]);
    expect(authsFor("127.0.0.1:5000/other/app:1", all).map((a) => a.serverAddress)).toEqual([
      "127.0.0.1:5000",
      "https://127.0.0.1:5000/v2/",
    ]);
  });

  it("treats Docker Hub's names as one and matches a wildcard label", () => {
    expect(authsFor("busybox", all).map((a) => a.serverAddress)).toEqual(["https://index.docker.io/v1/"]);
    expect(authsFor("docker.io/library/busybox:1", all)).toHaveLength(1);
    expect(authsFor("reg.example.com/app", all).map((a) => a.serverAddress)).toEqual(["*.example.com"]);
    expect(authsFor("a.b.example.com/app", all)).toEqual([]);
  });
});
