import type { IncomingMessage } from "node:http";
import { methodNotSupported, unsupportedMediaType } from "../../../src/errors/status.js";
import { parseBody, patchTypeOf, readBody, type PatchType } from "../http/body.js";
import { bindPod } from "./binding.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { createObject } from "./create.js";
import { deleteCollection, deleteObject } from "./delete.js";
import { evictPod } from "./eviction.js";
import { getObject } from "./get.js";
import { listObjects } from "./list.js";
import { patchObject } from "./patch.js";
import { getScale, patchScale, replaceScale } from "./scale.js";
import { requestToken } from "./token-request.js";
import { finalizeNamespace, replaceObject } from "./update.js";

/** The patch type a request's Content-Type names; anything else is a 415. */
function patchTypeOfRequest(request: IncomingMessage): PatchType {
  const type = patchTypeOf(request.headers["content-type"]);
  if (type === undefined) throw unsupportedMediaType(request.headers["content-type"] ?? "");
  return type;
}

/** A body that may be absent (DELETE): undefined then. */
async function readOptionalJson(request: IncomingMessage): Promise<unknown> {
  const raw = await readBody(request);
  return raw.length === 0 ? undefined : parseBody(raw, request.headers["content-type"]);
}

/** Runs a resource request's verb (watches and pod streams are served elsewhere). */
export async function dispatch(ctx: RestContext, call: ResourceCall, request: IncomingMessage): Promise<RestAnswer> {
  const readJson = async (): Promise<unknown> => parseBody(await readBody(request), request.headers["content-type"]);
  const { verb, subresource } = call.info;
  const qualified = { group: call.resource.group, resource: call.resource.resource };
  if (subresource === "scale") return dispatchScale(ctx, call, request, readJson);
  switch (verb) {
    case "get":
      return getObject(call);
    case "list":
      return listObjects(call);
    case "create":
      if (subresource === "binding") return bindPod(ctx, call, await readJson());
      if (subresource === "eviction" && qualified.group === "" && qualified.resource === "pods") return evictPod(ctx, call, await readJson());
      if (subresource === "token" && qualified.group === "" && qualified.resource === "serviceaccounts") return requestToken(ctx, call, await readJson());
      if (subresource !== "") throw methodNotSupported(qualified, "create");
      return createObject(ctx, call, await readJson());
    case "update":
      if (subresource === "finalize") return finalizeNamespace(ctx, call, await readJson());
      return replaceObject(ctx, call, await readJson());
    case "patch":
      return patchObject(ctx, call, patchTypeOfRequest(request), await readJson());
    case "delete":
      if (subresource !== "") throw methodNotSupported(qualified, "delete");
      return deleteObject(ctx, call, await readOptionalJson(request));
    case "deletecollection":
      if (call.resource.group === "" && call.resource.resource === "namespaces") throw methodNotSupported(qualified, verb);
      return deleteCollection(ctx, call, await readOptionalJson(request));
    default:
      throw methodNotSupported(qualified, verb);
  }
}

async function dispatchScale(ctx: RestContext, call: ResourceCall, request: IncomingMessage, readJson: () => Promise<unknown>): Promise<RestAnswer> {
  switch (call.info.verb) {
    case "get":
      return getScale(call);
    case "update":
      return replaceScale(ctx, call, await readJson());
    case "patch":
      return patchScale(ctx, call, patchTypeOfRequest(request), await readJson());
    default:
      throw methodNotSupported({ group: "autoscaling", resource: "scale" }, call.info.verb);
  }
}
