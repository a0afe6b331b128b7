import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";

// The images test/images/build.sh makes, checked against the real Docker
// Engine: later tests build pods from them.
const docker = new Docker();
const made: Docker.Container[] = [];

afterAll(async () => {
  await Promise.all(made.map((c) => c.remove({ force: true }).catch(() => undefined)));
});

async function run(image: string, cmd?: string[]): Promise<Docker.Container> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, Labels: { "skiff.dev/test": "images" } });
  made.push(container);
  await container.start();
  return container;
}

describe("test images", () => {
  it("busybox runs a shell with its applets", async () => {
    const container = await run("skiff-test/busybox:1", ["sh", "-c", "echo hello from $(uname -s)"]);
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    expect(StatusCode).toBe(0);
    const logs = (await container.logs({ stdout: true, stderr: true })).toString("utf8");
    expect(logs).toContain("hello from Linux");
  });

  it("pause stays up and exits 0 at once on SIGTERM", async () => {
    const container = await run("skiff-test/pause:1");
    expect((await container.inspect()).State.Running).toBe(true);
    const started = Date.now();
    await container.stop({ t: 10 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await container.inspect()).State.ExitCode).toBe(0);
  });
});
