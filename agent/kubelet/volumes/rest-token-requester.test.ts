import { describe, expect, it } from "vitest";
import type { TransportRequest } from "../../../src/client/rest/transport.js";
import { restTokenRequester } from "./rest-token-requester.js";

/** A client that records the request and answers `answer`. */
const answering = (answer: unknown) => {
  const sent: TransportRequest[] = [];
  const client = {
    request<T>(req: TransportRequest): Promise<T> {
      sent.push(req);
      return Promise.resolve(answer as T);
    },
  };
  return { sent, requestToken: restTokenRequester(client) };
};
const request = { expirationSeconds: 3607, boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "web", uid: "u-1" } } as const;

describe("restTokenRequester", () => {
  it("POSTs a TokenRequest to the ServiceAccount's token subresource and returns the token and its expiry", async () => {
    const { sent, requestToken } = answering({ status: { token: "jwt", expirationTimestamp: "2026-11-23T18:00:07Z" } });
    expect(await requestToken("apps", "robot", request)).toEqual({ token: "jwt", expirationTimestamp: new Date("2026-11-23T18:00:07Z") });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", path: "/api/v1/namespaces/apps/serviceaccounts/robot/token", contentType: "application/json" });
    expect(JSON.parse(String(sent[0]?.body))).toEqual({ apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: request });
  });

  it("refuses an answer without a token or a valid expiry", async () => {
    await expect(answering({ status: {} }).requestToken("apps", "robot", request)).rejects.toThrow(/TokenRequest answer has no valid status/);
    await expect(
      answering({ status: { token: "jwt", expirationTimestamp: "tomorrow" } }).requestToken("apps", "robot", request),
    ).rejects.toThrow(/expirationTimestamp/);
  });
});
