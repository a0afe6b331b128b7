import { fileURLToPath } from "node:url";
import { build } from "esbuild";

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
export function bundleCli(outdir: string): Promise<string> {
  return bundleModule("src/cli/main.ts", outdir, "skiff");
}

/** Bundles `entry` (a path from the repository's root) as `<outdir>/<name>.mjs` the same way (the benchmarks' hollow-node process). */
export async function bundleModule(entry: string, outdir: string, name: string): Promise<string> {
  await build({
    entryPoints: [`${repoRoot}${entry}`],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    splitting: true,
    outdir,
    entryNames: name,
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  return `${outdir}/${name}.mjs`;
}
