import type { IncomingMessage, ServerResponse } from "node:http";
import { methodNotSupported, notFound } from "../../../src/errors/status.js";
import type { UserInfo } from "../../auth/user.js";
import { parseBody, readBody } from "../http/body.js";
import { sendJson } from "../http/respond.js";
import type { ResourceRequest } from "../request/request-info.js";
import type { VirtualResource } from "./virtual-resource.js";

/** Answers a request to a virtual resource: a POST to its collection, nothing else. */
export async function serveVirtual(
  resource: VirtualResource,
  info: ResourceRequest,
  user: UserInfo,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const qualified = { group: resource.group, resource: resource.resource };
  if (info.name !== "" || info.subresource !== "") throw notFound(qualified, info.name);
  if (!resource.namespaced && info.namespace !== "") throw notFound(qualified, "");
  if (info.verb !== "create") throw methodNotSupported(qualified, info.verb);
  const body = parseBody(await readBody(request), request.headers["content-type"]);
  const answer = await resource.create({ user, namespace: info.namespace, body });
  sendJson(response, 201, answer);
}
