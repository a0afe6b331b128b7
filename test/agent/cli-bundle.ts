import { mkdtemp, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The skiff CLI bundled from the current sources into a folder of the
 * repository (so its bare imports resolve), for tests that run it as plain
 * `node`: under vite-node, Vite's own SIGTERM handler ends the process
 * before the command's clean stop can run. Removed after the file's tests.
 */
export function useCliBundle(): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(`${repoRoot}.test-bundle-`);
    await build({
      entryPoints: [`${repoRoot}src/cli/main.ts`],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      splitting: true,
      outdir: dir,
      entryNames: "skiff",
      outExtension: { ".js": ".mjs" },
      logLevel: "warning",
    });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error("the CLI bundle is not built: useCliBundle() serves tests and hooks registered after it");
    return `${dir}/skiff.mjs`;
  };
}
