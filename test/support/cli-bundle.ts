import { mkdtemp, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Bundles the skiff CLI from the current sources into `outdir` as one ES
 * module (`skiff.mjs`) and returns its path, for tests and benchmarks that
 * run it as plain `node`: no TypeScript runner in its memory, never a stale
 * dist/. `outdir` must be inside the repository so the bundle's bare
 * imports (better-sqlite3, pino, ...) resolve. Split into chunks so modules
 * loaded on demand (the etcd engine) stay unloaded until used, as with the
 * tsc build. esbuild comes with vitest.
 */
export async function bundleCli(outdir: string): Promise<string> {
  await build({
    entryPoints: [`${repoRoot}src/cli/main.ts`],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    splitting: true,
    outdir,
    entryNames: "skiff",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  return `${outdir}/skiff.mjs`;
}

/**
 * The CLI bundled for one test file (under vite-node, Vite's own SIGTERM
 * handler ends the process before a command's clean stop can run, so
 * tests of stopping run the bundle). Removed after the file's tests.
 */
export function useCliBundle(): () => string {
  let bundle: string | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(`${repoRoot}.test-bundle-`);
    bundle = await bundleCli(dir);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!bundle) throw new Error("the CLI bundle is not built: useCliBundle() serves tests and hooks registered after it");
    return bundle;
  };
}
