import { isDNS1123Subdomain } from "../../src/api/validation/names.js";
import { badRequest, forbidden, type StatusError } from "../../src/errors/status.js";
import { nodeNameOf, type UserInfo } from "../auth/user.js";

/**
 * Which node a tunnel connection speaks for. A node identity
 * (`system:node:NAME`) speaks for its own node only, whatever it asks; any
 * other user names the node with the `node` query parameter.
 */
export function tunnelNodeName(user: UserInfo, requested: string | null): string {
  const own = nodeNameOf(user);
  if (own !== undefined) {
    if (requested !== null && requested !== own) throw notOwnNode(user, requested);
    return own;
  }
  if (requested === null || requested === "") throw badRequest("the node query parameter is required: the name of the node this agent runs");
  const problems = isDNS1123Subdomain(requested);
  if (problems.length > 0) throw badRequest(`invalid node name ${JSON.stringify(requested)}: ${problems.join(", ")}`);
  return requested;
}

function notOwnNode(user: UserInfo, requested: string): StatusError {
  return forbidden({ group: "", resource: "nodes" }, requested, `user "${user.name}" may only open the tunnel of its own node`);
}
