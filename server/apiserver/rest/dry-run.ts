import { notSupported } from "../../../src/api/validation/field-error.js";
import { invalid } from "../../../src/errors/status.js";

/**
 * `dryRun=All`: the request runs through every step — decoding, defaulting,
 * validation, conflicts — but nothing is stored (kubectl diff and
 * --dry-run=server rely on it). Any other value is refused.
 */
export function isDryRun(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  if (values.every((value) => value === "All")) return true;
  throw invalid({ group: "meta.k8s.io", kind: "Options" }, "", [notSupported("dryRun", values, ["All"])]);
}
