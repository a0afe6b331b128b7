import { fileURLToPath } from "node:url";
import { bundleCli, bundleModule } from "../../support/bundle.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const bundleDir = `${repoRoot}node_modules/.cache/skiff-bench`;

/** The skiff CLI bundled for the benchmarks, in one place they all reuse (inside node_modules, so bare imports resolve). */
export function bundleSkiffCli(): Promise<string> {
  return bundleCli(bundleDir);
}

/** The hollow-node process bundled beside it (`hollow.mjs`). */
export function bundleHollowProcess(): Promise<string> {
  return bundleModule("test/bench/hollow/hollow-process.ts", bundleDir, "hollow");
}
