import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestClient } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { startTestServer, type TestServer } from "../support/server.js";

describe("static users (--token-auth-file)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ users: [{ token: "jane-token", name: "jane", groups: ["dev"] }] });
  });
  afterAll(() => server.stop());

  const as = (token: string): RestClient => new RestClient({ ...server.admin, token }, { retry: { attempts: 1 } });

  it("authenticates a listed token and forbids what no rule allows, naming the user", async () => {
    const error = await as("jane-token").request({ method: "GET", path: "/api/v1/namespaces/default/secrets" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(403);
    expect((error as StatusError).message).toBe(
      'secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
  });

  it("answers 401 to a token not in the file", async () => {
    const error = await as("nobody").request({ method: "GET", path: "/api/v1/namespaces" }).catch((e: unknown) => e);
    expect((error as StatusError).code).toBe(401);
  });
});
