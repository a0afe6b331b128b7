import { describe, expect, it } from "vitest";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";
import { projectedPayload } from "./projected.js";

const pod = parsePod({ metadata: { name: "web", namespace: "ns", uid: "u" }, spec: { containers: [{ name: "app" }] } });
const objects = new MapObjectSource()
  .putConfigMap("ns", "kube-root-ca.crt", { "ca.crt": "CA" })
  .putConfigMap("ns", "over", { "ca.crt": "OTHER" })
  .putSecret("ns", "creds", { token: "t0k" });
const files = (sources: object[], defaultMode?: number) => {
  const { payload, tokenPaths } = projectedPayload(pod, { sources, defaultMode }, objects, undefined);
  return { files: Object.fromEntries([...payload].map(([p, f]) => [p, `${f.data.toString()}@${f.mode.toString(8)}`])), tokenPaths };
};

describe("projectedPayload", () => {
  it("merges configMap, secret and downwardAPI sources under the volume's defaultMode", () => {
    expect(
      files(
        [
          { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          { secret: { name: "creds" } },
          { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
        ],
        0o640,
      ).files,
    ).toEqual({ "ca.crt": "CA@640", token: "t0k@640", namespace: "ns@640" });
  });

  it("lets a later source replace an earlier one's path", () => {
    expect(files([{ configMap: { name: "kube-root-ca.crt" } }, { configMap: { name: "over" } }]).files).toEqual({ "ca.crt": "OTHER@644" });
  });

  it("names the serviceAccountToken paths it does not write yet", () => {
    expect(files([{ serviceAccountToken: { path: "token", expirationSeconds: 3607 } }])).toEqual({ files: {}, tokenPaths: ["token"] });
  });

  it("skips missing optional sources and reports missing required ones together", () => {
    expect(files([{ secret: { name: "nope", optional: true } }, { configMap: { name: "nope", optional: true } }]).files).toEqual({});
    expect(() => files([{ secret: { name: "gone" } }, { configMap: { name: "absent" } }])).toThrow(
      '[secret "gone" not found, configmap "absent" not found]',
    );
    expect(() => files([{ configMap: { name: "over", items: [{ key: "x", path: "x" }] } }])).toThrow(
      "configmap references non-existent config key: x",
    );
  });
});
