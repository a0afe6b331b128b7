import { z } from "zod";
import { resourcePath, type ResourceRef } from "../../../src/client/rest/paths.js";
import type { RestClient } from "../../../src/client/rest/rest-client.js";
import type { RequestToken } from "./service-account-tokens.js";

const serviceAccountsRef: ResourceRef = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };

/** The part of the server's TokenRequest answer the agent uses. */
const issuedTokenSchema = z.object({
  status: z.object({ token: z.string().min(1), expirationTimestamp: z.iso.datetime({ offset: true }) }),
});

/**
 * `RequestToken` over the TokenRequest API: POST
 * `/api/v1/namespaces/NS/serviceaccounts/NAME/token` with the client's
 * identity (the node's). Failed answers throw the server's StatusError; an
 * answer without a token throws too.
 */
export function restTokenRequester(client: Pick<RestClient, "request">): RequestToken {
  return async (namespace, serviceAccount, request) => {
    const answer = await client.request<unknown>({
      method: "POST",
      path: resourcePath(serviceAccountsRef, namespace, serviceAccount, "token"),
      body: JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: request }),
      contentType: "application/json",
    });
    const parsed = issuedTokenSchema.safeParse(answer);
    if (!parsed.success) throw new Error(`the server's TokenRequest answer has no valid status: ${z.prettifyError(parsed.error)}`);
    return { token: parsed.data.status.token, expirationTimestamp: new Date(parsed.data.status.expirationTimestamp) };
  };
}
