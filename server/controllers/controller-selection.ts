import type { Controller } from "./controller.js";

/** Every controller on: kube-controller-manager's default `--controllers=*`. */
export const allControllers: readonly string[] = ["*"];

/** A `--controllers` entry names no controller the server has. */
export class UnknownControllerError extends Error {
  constructor(readonly unknown: readonly string[], readonly known: readonly string[]) {
    super(`--controllers: unknown controller${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")} (known: ${known.join(", ")})`);
    this.name = "UnknownControllerError";
  }
}

/**
 * The controllers a `--controllers` list turns on, as kube-controller-
 * manager reads it: `-foo` turns foo off, `foo` on, `*` every controller
 * not named otherwise; a controller the list does not reach is off.
 *
 * @throws UnknownControllerError when an entry names no controller.
 * @example
 * selectControllers(all, ["*", "-endpointslice"]); // all but endpointslice
 */
export function selectControllers<T extends Pick<Controller, "name">>(controllers: readonly T[], selection: readonly string[]): T[] {
  const known = controllers.map((controller) => controller.name);
  const named = selection.filter((entry) => entry !== "*").map((entry) => (entry.startsWith("-") ? entry.slice(1) : entry));
  const unknown = named.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UnknownControllerError(unknown, known);
  return controllers.filter(({ name }) => {
    if (selection.includes(`-${name}`)) return false;
    return selection.includes(name) || selection.includes("*");
  });
}
