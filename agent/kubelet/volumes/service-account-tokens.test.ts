import { pino } from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { FakeClock } from "../../../src/clock.js";
import { FakeTokenRequests } from "../testing/fake-token-requests.js";
import { parsePod } from "../testing/parse-pod.js";
import { ServiceAccountTokens, type ServiceAccountTokenProjection } from "./service-account-tokens.js";

const start = Date.UTC(2026, 10, 23, 12, 0, 0);
let clock: FakeClock;
let requests: FakeTokenRequests;
let tokens: ServiceAccountTokens;
let jitter: number;
const errors: string[] = [];

beforeEach(() => {
  clock = new FakeClock(start);
  requests = new FakeTokenRequests(clock);
  jitter = 0;
  errors.length = 0;
  const log = pino({ level: "error" }, { write: (line: string) => void errors.push(line) });
  tokens = new ServiceAccountTokens({ requestToken: requests.requestToken, clock, log, random: () => jitter });
});

/** A pod of ServiceAccount `robot`; `serviceAccountName: ""` for one that names none. */
const pod = (uid = "uid-1", serviceAccountName = "robot"): Pod =>
  parsePod({
    metadata: { name: `web-${uid}`, namespace: "apps", uid },
    spec: { ...(serviceAccountName ? { serviceAccountName } : {}), containers: [{ name: "app" }] },
  });
const hour: ServiceAccountTokenProjection = { path: "token", expirationSeconds: 3600 };
const seconds = (s: number): number => s * 1000;

describe("ServiceAccountTokens", () => {
  it("asks for a token bound to the pod, for the API's audience unless the projection names one", async () => {
    expect(await tokens.token(pod(), hour)).toBe("token-1");
    expect(await tokens.token(pod(), { path: "vault-token", audience: "vault", expirationSeconds: 7200 })).toBe("token-2");
    const boundObjectRef = { kind: "Pod", apiVersion: "v1", name: "web-uid-1", uid: "uid-1" };
    expect(requests.calls).toEqual([
      { namespace: "apps", serviceAccount: "robot", request: { expirationSeconds: 3600, boundObjectRef } },
      { namespace: "apps", serviceAccount: "robot", request: { audiences: ["vault"], expirationSeconds: 7200, boundObjectRef } },
    ]);
  });

  it("asks for an hour when the projection says nothing, as `default` when the pod names no ServiceAccount", async () => {
    await tokens.token(pod("uid-1", ""), { path: "token" });
    expect(requests.calls[0]).toMatchObject({ serviceAccount: "default", request: { expirationSeconds: 3600 } });
  });

  it("keeps a token until 80 % of its lifetime has passed, then asks for a new one", async () => {
    await tokens.token(pod(), hour);
    clock.advance(seconds(2880)); // exactly 80 %: not past it yet
    expect(await tokens.token(pod(), hour)).toBe("token-1");
    clock.advance(seconds(1));
    expect(await tokens.token(pod(), hour)).toBe("token-2");
    clock.advance(seconds(2000));
    expect(await tokens.token(pod(), hour)).toBe("token-2");
    expect(requests.calls).toHaveLength(2);
  });

  it("renews up to 10 s early at random, so tokens issued together are not renewed together", async () => {
    await tokens.token(pod(), hour);
    clock.advance(seconds(2875));
    expect(await tokens.token(pod(), hour)).toBe("token-1");
    jitter = 0.99; // 9 s early
    expect(await tokens.token(pod(), hour)).toBe("token-2");
  });

  it("renews a long-lived token once it is a day old", async () => {
    const week: ServiceAccountTokenProjection = { path: "token", expirationSeconds: 7 * 86_400 };
    await tokens.token(pod(), week);
    clock.advance(seconds(86_400));
    expect(await tokens.token(pod(), week)).toBe("token-1");
    clock.advance(seconds(1));
    expect(await tokens.token(pod(), week)).toBe("token-2");
  });

  it("keeps one token per pod, audience and lifetime", async () => {
    await tokens.token(pod("uid-1"), hour);
    await tokens.token(pod("uid-2"), hour);
    await tokens.token(pod("uid-1"), { ...hour, audience: "vault" });
    await tokens.token(pod("uid-1"), { ...hour, expirationSeconds: 7200 });
    expect(await tokens.token(pod("uid-1"), hour)).toBe("token-1");
    expect(await tokens.token(pod("uid-2"), hour)).toBe("token-2");
    expect(await tokens.token(pod("uid-1"), { ...hour, audience: "vault" })).toBe("token-3");
    expect(await tokens.token(pod("uid-1"), { ...hour, path: "elsewhere", expirationSeconds: 7200 })).toBe("token-4");
    expect(requests.calls).toHaveLength(4);
  });

  it("forgets a released pod's tokens, and only its", async () => {
    await tokens.token(pod("uid-1"), hour);
    await tokens.token(pod("uid-1"), { ...hour, audience: "vault" });
    await tokens.token(pod("uid-2"), hour);
    tokens.forget("uid-1");
    expect(await tokens.token(pod("uid-1"), hour)).toBe("token-4");
    expect(await tokens.token(pod("uid-2"), hour)).toBe("token-3");
  });

  it("fails with the kubelet's message when the first request fails, and asks again on the next call", async () => {
    requests.failWith = new Error('serviceaccounts "robot" not found');
    await expect(tokens.token(pod(), hour)).rejects.toThrow('failed to fetch token: serviceaccounts "robot" not found');
    requests.failWith = undefined;
    expect(await tokens.token(pod(), hour)).toBe("token-2");
  });

  it("keeps the old token while it is valid when a renewal fails, and logs the failure", async () => {
    await tokens.token(pod(), hour);
    clock.advance(seconds(3000));
    requests.failWith = new Error("connection refused");
    expect(await tokens.token(pod(), hour)).toBe("token-1");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/couldn't update token/);
    expect(errors[0]).not.toMatch(/token-1/);
    // Every later call tries again.
    requests.failWith = undefined;
    expect(await tokens.token(pod(), hour)).toBe("token-3");
  });

  it("fails once the old token has expired and renewing it still fails", async () => {
    await tokens.token(pod(), hour);
    requests.failWith = new Error("connection refused");
    clock.advance(seconds(3600));
    expect(await tokens.token(pod(), hour)).toBe("token-1");
    clock.advance(seconds(1));
    await expect(tokens.token(pod(), hour)).rejects.toThrow(/^token apps\/robot for pod web-uid-1 \(uid-1\).* expired and refresh failed: connection refused$/);
    // The expired token is gone: the next failure is a plain one.
    await expect(tokens.token(pod(), hour)).rejects.toThrow("failed to fetch token: connection refused");
  });
});
