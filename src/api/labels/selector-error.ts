import type { Selector } from "./selector.js";

/** A label selector that cannot be parsed or built; says what was found where. */
export class SelectorError extends Error {
  constructor(
    message: string,
    /** Offset in the selector string where the problem starts, when it came from a string. */
    readonly position?: number,
  ) {
    super(position === undefined ? message : `${message} (at position ${position})`);
    this.name = "SelectorError";
  }
}

export type SelectorResult = { ok: true; value: Selector } | { ok: false; error: SelectorError };
