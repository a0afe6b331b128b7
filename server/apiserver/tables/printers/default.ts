import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, nameColumn } from "./columns.js";
import { ageOf, nameOf } from "./cells.js";

/** Kinds without a printer of their own: NAME and AGE, as kubectl shows custom resources. */
export const defaultPrinter: ResourcePrinter = {
  columns: [nameColumn, ageColumn],
  cells(object, now) {
    return [nameOf(object), ageOf(object, now)];
  },
};
