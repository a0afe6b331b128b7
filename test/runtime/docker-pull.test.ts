import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import Docker from "dockerode";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ImagePullError, type RegistryAuth } from "../../agent/runtime/container-runtime.js";
import { DockerRuntime } from "../../agent/runtime/docker/docker-runtime.js";
import { createLogger } from "../../src/log.js";
import { startRegistry, type TestRegistry } from "../support/registry.js";
import { BUSYBOX } from "./docker-fixture.js";

// Pulls through the Docker runtime from a real registry with htpasswd auth.
const docker = new Docker();
const runtime = new DockerRuntime({ docker, terminationMessageDir: tmpdir(), log: createLogger("silent") });
let registry: TestRegistry;
let image: string;

beforeAll(async () => {
  registry = await startRegistry();
  image = await registry.push(BUSYBOX, `skiff-test/pull-${randomUUID().slice(0, 8)}:1`);
});

afterAll(async () => {
  await registry?.stop();
});

// A pulled tag is removed again (the image stays: skiff-test/busybox:1 holds it), so each pull goes to the registry.
afterEach(async () => {
  if (image) await docker.getImage(image).remove().catch(() => undefined);
});

function auth(password: string, serverAddress = registry.host): RegistryAuth {
  return { serverAddress, username: registry.username, password };
}

async function pullFailure(name: string, auths: RegistryAuth[]): Promise<ImagePullError> {
  const error = await runtime.pullImage(name, auths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImagePullError);
  return error as ImagePullError;
}

describe("pullImage from a registry with auth", () => {
  it("pulls with the right credentials, and reports the registry digest", async () => {
    expect(await runtime.imageStatus(image)).toBeUndefined();
    const info = await runtime.pullImage(image, [auth(registry.password)]);
    expect(info.image).toBe(image);
    expect(info.ref).toMatch(new RegExp(`^docker-pullable://${registry.host}/skiff-test/pull-[0-9a-f]+@sha256:[0-9a-f]{64}$`));
    expect(await runtime.imageStatus(image)).toEqual(info);
  });

  it("tries each matching credential in order until one works", async () => {
    const info = await runtime.pullImage(image, [auth("wrong"), auth(registry.password, `https://${registry.host}/v1/`)]);
    expect(info.ref).toMatch(/^docker-pullable:\/\//);
  });

  it("refuses an anonymous pull with the registry's message", async () => {
    const error = await pullFailure(image, []);
    expect(error.image).toBe(image);
    expect(error.message).toMatch(/no basic auth credentials|unauthorized|authentication required/);
  });

  it("refuses a wrong password, naming whose credentials failed", async () => {
    const error = await pullFailure(image, [auth("wrong")]);
    expect(error.message).toContain(`with the credentials of ${registry.host}:`);
    expect(error.message).toMatch(/unauthorized|authentication required|no basic auth credentials/);
  });

  it("does not send credentials meant for another registry", async () => {
    const error = await pullFailure(image, [auth(registry.password, "registry.example:5000")]);
    expect(error.message).not.toContain("with the credentials of");
  });

  it("reports an image the registry does not have", async () => {
    const missing = `${registry.host}/skiff-test/missing-${randomUUID().slice(0, 8)}:1`;
    const error = await pullFailure(missing, [auth(registry.password)]);
    expect(error.message).toMatch(/not found|manifest unknown/);
  });
});
