import { RestClient } from "../../src/client/rest/rest-client.js";
import { createdJoinTokenSchema, joinTokensPath, type CreatedJoinToken } from "../../src/join/join-api.js";
import type { TestServer } from "../support/server.js";

/** Makes a join token as the admin; the answer holds the token's text. */
export async function createJoinToken(server: TestServer, options: { ttlSeconds?: number; description?: string } = {}): Promise<CreatedJoinToken> {
  const body = { ttlSeconds: options.ttlSeconds ?? 3600, ...(options.description ? { description: options.description } : {}) };
  const answer = await server.client.request<unknown>({ method: "POST", path: joinTokensPath, body: JSON.stringify(body), contentType: "application/json" });
  return createdJoinTokenSchema.parse(answer);
}

/** A client of `server` with the given bearer token (or none). */
export const clientWith = (server: TestServer, token?: string): RestClient =>
  new RestClient({ server: server.admin.server, caPem: server.admin.caPem, ...(token ? { token } : {}) }, { retry: { attempts: 1 } });

/** The StatusError (or other error) a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, got a result");
}
