/**
 * An applied configuration that cannot be applied at all (not an object of
 * the served type, managedFields set, a keyed list item without its key or
 * twice): Kubernetes answers 400 BadRequest with this message. Nothing is
 * changed when it is thrown.
 */
export class ApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApplyError";
  }
}
