import { alreadyExists, badRequest, invalid } from "../../../src/errors/status.js";
import { required } from "../../../src/api/validation/field-error.js";
import { prepareForCreate } from "../strategy/strategy.js";
import { fillSystemMetadataForCreate, generateName } from "../strategy/system-metadata.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { decodeBody } from "./decode-body.js";
import { isDryRun } from "./dry-run.js";
import { requireLiveNamespace } from "./namespaces.js";
import { recordWrite, type Attribution } from "./ownership.js";

// A generated name can collide; Kubernetes retries a few times too.
const generateNameAttempts = 5;

/** POST to a collection: a new object, all its fields the request's field manager's (unless an apply made it). */
export async function createObject(ctx: RestContext, call: ResourceCall, body: unknown, attribution: Attribution = { subresource: "" }): Promise<RestAnswer> {
  const { resource, info } = call;
  const object = decodeBody(resource, body, call.query);
  const meta = object.metadata;

  if (resource.namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== "" && meta.namespace !== info.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.namespace = info.namespace;
  } else {
    delete meta.namespace;
  }

  const fixedName = meta.name !== undefined && meta.name !== "";
  if (!fixedName && !meta.generateName) {
    throw invalid({ group: resource.group, kind: resource.kind }, "", [
      required("metadata.name", "name or generateName is required"),
    ]);
  }
  if (resource.namespaced) {
    await requireLiveNamespace(ctx, info.namespace, { group: resource.group, resource: resource.resource, name: meta.name ?? "" });
  }

  fillSystemMetadataForCreate(object, ctx.clock.now());
  const dryRun = isDryRun(call.query.getAll("dryRun"));
  for (let attempt = 0; ; attempt++) {
    // Prepared afresh per attempt: a generated name is part of what a Job's labels carry.
    const candidate = fixedName ? object : structuredClone(object);
    if (!fixedName) candidate.metadata.name = generateName(meta.generateName ?? "");
    prepareForCreate(resource, candidate);
    await ctx.admit({
      operation: "create",
      user: call.user,
      resource,
      subresource: info.subresource,
      namespace: info.namespace,
      name: candidate.metadata.name ?? "",
      object: candidate,
      dryRun,
    });
    const recorded = recordWrite(ctx, call, undefined, candidate, attribution);
    if (dryRun) {
      const existing = await call.objects.get(info.namespace, recorded.metadata.name ?? "");
      if (!existing) return { code: 201, body: recorded };
      if (fixedName) throw alreadyExists({ group: resource.group, resource: resource.resource }, recorded.metadata.name ?? "");
      continue;
    }
    const result = await call.objects.create(recorded);
    if (result.ok) return { code: 201, body: result.object };
    if (fixedName || attempt + 1 >= generateNameAttempts) {
      throw alreadyExists({ group: resource.group, resource: resource.resource }, candidate.metadata.name ?? "");
    }
  }
}
