import { applyRequest, jsonPatches, mergePatches, patchRequest, strategicPatches } from "./patch-requests.js";
import { brokenJsonRequest, brokenYamlRequest, deepRequest, hugeBodyRequest, wrongTypesRequest } from "./body-requests.js";
import type { Random } from "./mutate.js";
import type { FuzzContext, Generator, PlannedRequest } from "./targets.js";
import { forbiddenRequest, methodRequest, pathNameRequest, queryRequest, selectorRequest, tokenRequest, unknownKindRequest } from "./url-requests.js";

export type { FuzzContext, FuzzTarget, PlannedRequest } from "./targets.js";

/** Each category with its share of the requests. */
export const categories: Array<{ name: string; weight: number; generate: Generator }> = [
  { name: "broken JSON", weight: 10, generate: brokenJsonRequest },
  { name: "broken YAML", weight: 6, generate: brokenYamlRequest },
  { name: "wrong types", weight: 22, generate: wrongTypesRequest },
  { name: "huge bodies", weight: 0.2, generate: hugeBodyRequest },
  { name: "deep nesting", weight: 3, generate: deepRequest },
  { name: "bad selectors", weight: 6, generate: selectorRequest },
  { name: "patch: merge", weight: 6, generate: patchRequest("patch: merge", "application/merge-patch+json", mergePatches) },
  { name: "patch: JSON", weight: 7, generate: patchRequest("patch: JSON", "application/json-patch+json", jsonPatches) },
  { name: "patch: strategic", weight: 7, generate: patchRequest("patch: strategic", "application/strategic-merge-patch+json", strategicPatches) },
  { name: "patch: apply YAML", weight: 6, generate: applyRequest },
  { name: "unknown kinds", weight: 5, generate: unknownKindRequest },
  { name: "names with path characters", weight: 5, generate: pathNameRequest },
  { name: "bad query parameters", weight: 6, generate: queryRequest },
  { name: "bad tokens", weight: 5, generate: tokenRequest },
  { name: "no rights (403)", weight: 3, generate: forbiddenRequest },
  { name: "odd methods and subresources", weight: 3, generate: methodRequest },
];

/** The next request: a category by weight, then that category's generator. */
export function nextRequest(random: Random, ctx: FuzzContext): PlannedRequest {
  const total = categories.reduce((sum, c) => sum + c.weight, 0);
  let roll = random() * total;
  for (const category of categories) {
    roll -= category.weight;
    if (roll < 0) return category.generate(random, ctx);
  }
  return categories[0]!.generate(random, ctx);
}
