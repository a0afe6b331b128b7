import { describe, expect, it } from "vitest";
import { dockerOptions } from "./docker-options.js";

describe("dockerOptions", () => {
  it("reads DOCKER_HOST-style addresses", () => {
    expect(dockerOptions(undefined)).toEqual({});
    expect(dockerOptions("unix:///run/docker.sock")).toEqual({ socketPath: "/run/docker.sock" });
    expect(dockerOptions("tcp://127.0.0.1:2375")).toEqual({ host: "127.0.0.1", port: 2375, protocol: "http" });
  });
});
