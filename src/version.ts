import { readFileSync } from "node:fs";

/** skiff's own version, read once from package.json. */
export const skiffVersion: string = (() => {
  const url = new URL("../../package.json", import.meta.url);
  const fallback = new URL("../package.json", import.meta.url);
  for (const candidate of [url, fallback]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "skiff" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // try the next location: src/ when run from source, dist/src/ when built
    }
  }
  return "0.0.0-unknown";
})();
