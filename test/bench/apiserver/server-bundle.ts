import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** Inside node_modules so the bundle's bare imports (better-sqlite3, pino, ...) resolve. */
const bundleDir = `${repoRoot}node_modules/.cache/skiff-bench`;

/**
 * Bundles the skiff CLI from the current sources into one ES module and
 * returns its path. The server then runs as plain `node` — no TypeScript
 * runner in its memory, and never a stale dist/. esbuild comes with vitest.
 * Split into chunks so modules the server imports on demand (the etcd
 * engine) stay unloaded until used, as with the tsc build.
 */
export async function bundleSkiffCli(): Promise<string> {
  return bundleModule("src/cli/main.ts", "skiff");
}

/** Bundles `entry` (a path from the repository's root) as `<name>.mjs` the same way; returns its path. */
export async function bundleModule(entry: string, name: string): Promise<string> {
  await build({
    entryPoints: [`${repoRoot}${entry}`],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    splitting: true,
    outdir: bundleDir,
    entryNames: name,
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  return `${bundleDir}/${name}.mjs`;
}
