/**
 * A rollout command that cannot go on, in kubectl's words: the CLI prints it
 * as `error: <message>` and exits 1.
 *
 * @example
 * throw new RolloutError(`deployment "web" exceeded its progress deadline`);
 */
export class RolloutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RolloutError";
  }
}
