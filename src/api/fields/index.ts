/** Field selectors: parse, match against a kind's fields, list terms. */
export { escapeFieldValue } from "./escape.js";
export { extractFieldValue } from "./extract.js";
export { FieldSelectorError, mustParseFieldSelector, parseFieldSelector, type FieldSelectorResult } from "./parse.js";
export {
  FieldSelector,
  oneTermEqualSelector,
  type FieldOperator,
  type FieldReader,
  type FieldRequirement,
} from "./selector.js";
