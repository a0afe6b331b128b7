/** Label selectors: parse, build from objects and sets, match, validate. */
export { selectorFromLabelSelector, validateLabelSelector, type LabelSelectorInput } from "./label-selector.js";
export { mustParseSelector, parseSelector } from "./parse.js";
export { newRequirement, type Operator, type Requirement, type RequirementResult } from "./requirement.js";
export { Selector, selectorFromSet } from "./selector.js";
export { SelectorError, type SelectorResult } from "./selector-error.js";
