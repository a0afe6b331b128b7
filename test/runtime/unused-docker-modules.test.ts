import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("dockerode without ssh2 and gRPC", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("talks to the real engine without loading them, and says why an ssh:// host fails", async () => {
    // A process of its own: the test runner's may have loaded dockerode already.
    dir = await mkdtemp(`${repoRoot}.test-dockerode-`);
    await writeFile(
      `${dir}/entry.ts`,
      [
        `import { skipUnusedDockerModules } from "${repoRoot}agent/runtime/docker/unused-docker-modules.ts";`,
        `import { createRequire } from "node:module";`,
        `skipUnusedDockerModules();`,
        `const { default: Docker } = await import("dockerode");`,
        `const ping = String(await new Docker().ping());`,
        `const loaded = Object.keys(createRequire(import.meta.url).cache);`,
        `let ssh = "";`,
        `try { await new Docker({ protocol: "ssh", host: "127.0.0.1", port: 1 }).ping(); } catch (error) { ssh = String(error); }`,
        `console.log(JSON.stringify({ ping, ssh2: loaded.some((p) => p.includes("/ssh2/")), grpc: loaded.some((p) => p.includes("/@grpc/")), ssh }));`,
      ].join("\n"),
    );
    await build({ entryPoints: [`${dir}/entry.ts`], bundle: true, platform: "node", format: "esm", packages: "external", outfile: `${dir}/entry.mjs`, logLevel: "warning" });
    const { stdout } = await run(process.execPath, [`${dir}/entry.mjs`]);
    const result = JSON.parse(stdout) as { ping: string; ssh2: boolean; grpc: boolean; ssh: string };
    expect(result).toEqual({ ping: "OK", ssh2: false, grpc: false, ssh: expect.stringMatching(/does not support an ssh:\/\/ Docker host/) });
  });
});
