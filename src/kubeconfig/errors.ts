/**
 * A kubeconfig that cannot be used: missing, not YAML, wrong shape, or
 * pointing at a context, cluster or file that is not there. `source` is the
 * file (or the list of files) it came from.
 */
export class KubeconfigError extends Error {
  constructor(
    readonly source: string,
    /** What is wrong, without the source. */
    readonly detail: string,
    /** One line per bad field, e.g. `clusters[0].cluster.server: Invalid value: ...`. */
    readonly causes: readonly string[] = [],
  ) {
    super([`${source}: ${detail}`, ...causes.map((cause) => `  ${cause}`)].join("\n"));
    this.name = "KubeconfigError";
  }
}
