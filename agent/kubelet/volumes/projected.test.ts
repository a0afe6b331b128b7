import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/log.js";
import { FakeTokenRequests } from "../testing/fake-token-requests.js";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";
import { projectedPayload } from "./projected.js";
import { ServiceAccountTokens } from "./service-account-tokens.js";

const pod = parsePod({ metadata: { name: "web", namespace: "ns", uid: "u" }, spec: { containers: [{ name: "app" }] } });
const objects = new MapObjectSource()
  .putConfigMap("ns", "kube-root-ca.crt", { "ca.crt": "CA" })
  .putConfigMap("ns", "over", { "ca.crt": "OTHER" })
  .putSecret("ns", "creds", { token: "t0k" });
const clock = new FakeClock();
const requests = new FakeTokenRequests(clock);
const tokens = new ServiceAccountTokens({ requestToken: requests.requestToken, clock, log: createLogger("silent") });
const files = async (sources: object[], defaultMode?: number): Promise<Record<string, string>> => {
  const payload = await projectedPayload(pod, { sources, defaultMode }, objects, undefined, tokens);
  return Object.fromEntries([...payload].map(([p, f]) => [p, `${f.data.toString()}@${f.mode.toString(8)}`]));
};

describe("projectedPayload", () => {
  it("merges configMap, secret and downwardAPI sources under the volume's defaultMode", async () => {
    expect(
      await files(
        [
          { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          { secret: { name: "creds" } },
          { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
        ],
        0o640,
      ),
    ).toEqual({ "ca.crt": "CA@640", token: "t0k@640", namespace: "ns@640" });
  });

  it("lets a later source replace an earlier one's path, a token's too", async () => {
    expect(await files([{ configMap: { name: "kube-root-ca.crt" } }, { configMap: { name: "over" } }])).toEqual({ "ca.crt": "OTHER@644" });
    expect(await files([{ secret: { name: "creds" } }, { serviceAccountToken: { path: "token", expirationSeconds: 3607 } }], 0o600)).toEqual({
      token: "token-1@600",
    });
  });

  it("reports a token it cannot have together with the other sources' errors", async () => {
    requests.failWith = new Error("the server is gone");
    await expect(files([{ serviceAccountToken: { path: "t", audience: "vault" } }, { configMap: { name: "absent" } }])).rejects.toThrow(
      '[failed to fetch token: the server is gone, configmap "absent" not found]',
    );
    requests.failWith = undefined;
  });

  it("skips missing optional sources and reports missing required ones together", async () => {
    expect(await files([{ secret: { name: "nope", optional: true } }, { configMap: { name: "nope", optional: true } }])).toEqual({});
    await expect(files([{ secret: { name: "gone" } }, { configMap: { name: "absent" } }])).rejects.toThrow(
      '[secret "gone" not found, configmap "absent" not found]',
    );
    await expect(files([{ configMap: { name: "over", items: [{ key: "x", path: "x" }] } }])).rejects.toThrow(
      "configmap references non-existent config key: x",
    );
  });
});
