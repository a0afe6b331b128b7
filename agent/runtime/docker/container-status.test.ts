import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { containerState, containerStatusOf, dockerTime, imageRefOf } from "./container-status.js";

const ZERO = "0001-01-01T00:00:00Z";

function inspection(state: Partial<Docker.ContainerInspectInfo["State"]>): Docker.ContainerInspectInfo {
  return {
    Id: "c1",
    Created: "2026-01-01T00:00:00.5Z",
    Image: "sha256:img",
    Config: {
      Image: "busybox:1",
      Labels: {
        "io.kubernetes.pod.uid": "u",
        "io.kubernetes.pod.namespace": "ns",
        "io.kubernetes.pod.name": "p",
        "io.kubernetes.container.name": "app",
        "skiff.dev/attempt": "2",
        "skiff.dev/spec-hash": "h",
        "skiff.dev/sandbox-id": "sb",
      },
    },
    State: {
      Status: "created",
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 0,
      Error: "",
      StartedAt: ZERO,
      FinishedAt: ZERO,
      ...state,
    },
  } as unknown as Docker.ContainerInspectInfo;
}

describe("containerStatusOf", () => {
  it("reads identity from the labels and leaves Docker's zero times out", () => {
    const status = containerStatusOf(inspection({}), "docker://sha256:img", undefined);
    expect(status).toEqual({
      id: "c1",
      pod: { uid: "u", namespace: "ns", name: "p" },
      sandboxId: "sb",
      name: "app",
      attempt: 2,
      specHash: "h",
      state: "created",
      image: "busybox:1",
      imageRef: "docker://sha256:img",
      createdAt: new Date("2026-01-01T00:00:00.5Z"),
      startedAt: undefined,
    });
  });

  it("gives exits their reason: Completed, Error, OOMKilled; the termination message first", () => {
    const ended = { Status: "exited", StartedAt: "2026-01-01T00:00:01Z", FinishedAt: "2026-01-01T00:00:02Z" };
    expect(containerStatusOf(inspection({ ...ended, ExitCode: 0 }), "r", undefined)).toMatchObject({
      state: "exited",
      exitCode: 0,
      reason: "Completed",
      finishedAt: new Date("2026-01-01T00:00:02Z"),
    });
    expect(containerStatusOf(inspection({ ...ended, ExitCode: 2 }), "r", "bye")).toMatchObject({ reason: "Error", message: "bye" });
    expect(containerStatusOf(inspection({ ...ended, ExitCode: 137, OOMKilled: true }), "r", undefined)).toMatchObject({
      reason: "OOMKilled",
      exitCode: 137,
    });
  });

  it("reports a process that never started as ContainerCannotRun with Docker's error", () => {
    const status = containerStatusOf(inspection({ Status: "created", ExitCode: 127, Error: "exec: nope: not found" }), "r", undefined);
    expect(status).toMatchObject({
      state: "exited",
      exitCode: 127,
      reason: "ContainerCannotRun",
      message: "exec: nope: not found",
      finishedAt: new Date("2026-01-01T00:00:00.5Z"),
    });
  });
});

describe("docker status pieces", () => {
  it("maps Docker's state words", () => {
    expect(["created", "running", "paused", "restarting", "exited", "dead", "removing"].map(containerState)).toEqual([
      "created",
      "running",
      "running",
      "running",
      "exited",
      "exited",
      "unknown",
    ]);
  });

  it("treats Go's zero time and junk as no time", () => {
    expect(dockerTime(ZERO)).toBeUndefined();
    expect(dockerTime("")).toBeUndefined();
    expect(dockerTime("junk")).toBeUndefined();
    expect(dockerTime("2026-01-01T00:00:00.123456789Z")).toEqual(new Date("2026-01-01T00:00:00.123Z"));
  });

  it("prefers the repo digest for the image ref", () => {
    expect(imageRefOf({ Id: "sha256:1", RepoDigests: ["r/x@sha256:2"] })).toBe("docker-pullable://r/x@sha256:2");
    expect(imageRefOf({ Id: "sha256:1", RepoDigests: [] })).toBe("docker://sha256:1");
  });
});
