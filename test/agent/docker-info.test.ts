import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../agent/runtime/container-runtime.js";
import { dockerRuntimeInfo } from "../../agent/runtime/docker-info.js";

describe("dockerRuntimeInfo against the real engine", () => {
  it("answers with the engine's version while it runs (the engine of this machine)", async () => {
    const info = dockerRuntimeInfo();
    await expect(info.ping()).resolves.toBeUndefined();
    expect(await info.version()).toEqual({ name: "docker", version: expect.stringMatching(/^\d+\.\d+/) });
  });

  it("rejects with a RuntimeError when no engine answers", async () => {
    const info = dockerRuntimeInfo("unix:///nonexistent/skiff-docker-info-test.sock");
    const error = await info.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect(String(error)).toMatch(/^RuntimeError: docker ping: .*ENOENT/);
    await expect(info.version()).rejects.toBeInstanceOf(RuntimeError);
  });
});
