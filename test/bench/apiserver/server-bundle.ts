import { fileURLToPath } from "node:url";
import { bundleCli } from "../../support/cli-bundle.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** The skiff CLI bundled for the benchmarks, in one place they all reuse (inside node_modules, so bare imports resolve). */
export function bundleSkiffCli(): Promise<string> {
  return bundleCli(`${repoRoot}node_modules/.cache/skiff-bench`);
}
