import { validateDeleteOptions } from "../../../src/api/meta/v1/delete-options.js";
import { evictionSchema } from "../../../src/api/policy/v1/eviction.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import { badRequest, invalid, success } from "../../../src/errors/status.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { deleteOne } from "./delete.js";

/**
 * POST pods/{name}/eviction (policy/v1 Eviction), what `kubectl drain`
 * uses. Kubernetes checks PodDisruptionBudgets first; skiff has none, so
 * an eviction is the pod's deletion with the Eviction's deleteOptions
 * (grace period, preconditions, dry run), answered 201 Success.
 */
export async function evictPod(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const parsed = parseWith(evictionSchema, body, "strict");
  if (!parsed.ok) throw invalid({ group: "policy", kind: "Eviction" }, call.info.name, parsed.errors);
  const eviction = parsed.value;
  if (eviction.metadata.name && eviction.metadata.name !== call.info.name) throw badRequest("name in URL does not match name in Eviction object");
  const options = { ...eviction.deleteOptions };
  // ?dryRun=All on the POST counts as the Eviction's own (Kubernetes propagates it to the delete).
  const queryDryRun = call.query.getAll("dryRun");
  if (queryDryRun.length > 0) options.dryRun = [...(options.dryRun ?? []), ...queryDryRun];
  const errors = validateDeleteOptions(options);
  if (errors.length > 0) throw invalid({ group: "policy", kind: "Eviction" }, call.info.name, errors);
  await deleteOne(ctx, call, call.info.name, options);
  return { code: 201, body: { ...success(), code: 201 } };
}
