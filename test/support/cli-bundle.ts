import { mkdtemp, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { bundleCli } from "./bundle.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

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
