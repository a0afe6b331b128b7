import { bindingSchema, validateBinding } from "../../../src/api/core/v1/binding.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import { conflict, invalid, notFound, success } from "../../../src/errors/status.js";
import { rfc3339 } from "../strategy/system-metadata.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";

interface Condition {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
  [field: string]: unknown;
}

/** Sets the PodScheduled condition to True, keeping the others. */
function withScheduledCondition(status: unknown, now: string): Record<string, unknown> {
  const current = typeof status === "object" && status !== null ? (status as Record<string, unknown>) : {};
  const conditions = Array.isArray(current.conditions) ? (current.conditions as Condition[]) : [];
  // No lastProbeTime: Kubernetes writes null there, which skiff's own pod schema (and so the agent) refuses.
  const scheduled: Condition = { type: "PodScheduled", status: "True", lastTransitionTime: now };
  return { ...current, conditions: [...conditions.filter((c) => c.type !== "PodScheduled"), scheduled] };
}

/**
 * POST pods/{name}/binding: the scheduler assigns a pod to a node. Only an
 * unassigned pod can be bound (a second binding is a 409), and binding is
 * the only way `spec.nodeName` changes after creation.
 */
export async function bindPod(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const parsed = parseWith(bindingSchema, body, "strict");
  const errors = parsed.ok ? validateBinding({ ...parsed.value, metadata: { ...parsed.value.metadata, namespace: call.info.namespace } }) : parsed.errors;
  if (!parsed.ok || errors.length > 0) throw invalid({ group: "", kind: "Binding" }, call.info.name, errors);
  const binding = parsed.value;
  const qualified = { group: "", resource: "pods" };
  const node = binding.target.name ?? "";
  if (binding.metadata.name && binding.metadata.name !== call.info.name) {
    throw invalid({ group: "", kind: "Binding" }, call.info.name, [
      { type: "FieldValueInvalid", field: "metadata.name", badValue: binding.metadata.name, detail: "must match the pod's name" },
    ]);
  }

  for (;;) {
    const pod = await call.objects.get(call.info.namespace, call.info.name);
    if (!pod) throw notFound(qualified, call.info.name);
    if (pod.metadata.deletionTimestamp !== undefined) {
      throw conflict(qualified, call.info.name, "pod is being deleted, cannot be assigned to a host");
    }
    if (binding.metadata.uid && binding.metadata.uid !== pod.metadata.uid) {
      throw conflict(qualified, call.info.name, `Precondition failed: UID in precondition: ${binding.metadata.uid}, UID in object meta: ${pod.metadata.uid ?? ""}`);
    }
    const spec = (pod.spec ?? {}) as Record<string, unknown>;
    if (typeof spec.nodeName === "string" && spec.nodeName !== "") {
      throw conflict(qualified, call.info.name, `pod ${call.info.name} is already assigned to node "${spec.nodeName}"`);
    }
    const bound: StoredObject = {
      ...pod,
      spec: { ...spec, nodeName: node },
      status: withScheduledCondition(pod.status, rfc3339(ctx.clock.now())),
    };
    const written = await call.objects.update(bound, Number(pod.metadata.resourceVersion));
    if (written.ok) return { code: 201, body: success() };
  }
}
