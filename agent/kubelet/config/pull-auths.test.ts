import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { pullAuths, secretAuths } from "./pull-auths.js";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";

const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString("base64");
const objects = new MapObjectSource()
  .putSecret(
    "default",
    "regcred",
    { ".dockerconfigjson": JSON.stringify({ auths: { "127.0.0.1:5000": { auth: basic("alice", "pa:ss") }, "registry.example": { username: "bob", password: "pw" } } }) },
    "kubernetes.io/dockerconfigjson",
  )
  .putSecret("default", "legacy", { ".dockercfg": JSON.stringify({ "old.example": { auth: basic("carol", "c") } }) }, "kubernetes.io/dockercfg")
  .putSecret("default", "opaque", { ".dockerconfigjson": "{}" }, "Opaque")
  .putSecret("default", "broken", { ".dockerconfigjson": "{not json" }, "kubernetes.io/dockerconfigjson")
  .putSecret("default", "bad-auth", { ".dockerconfigjson": JSON.stringify({ auths: { r: { auth: basic("nocolon", "").slice(0, 8) } } }) }, "kubernetes.io/dockerconfigjson");
const warnings: string[] = [];
const log = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
const podPulling = (...names: string[]) =>
  parsePod({ metadata: { name: "p", namespace: "default" }, spec: { imagePullSecrets: names.map((name) => ({ name })), containers: [{ name: "c" }] } });

describe("pullAuths", () => {
  it("reads dockerconfigjson and dockercfg Secrets in order, auth decoded", () => {
    expect(pullAuths(podPulling("regcred", "legacy"), objects, log)).toEqual([
      { serverAddress: "127.0.0.1:5000", username: "alice", password: "pa:ss" },
      { serverAddress: "registry.example", username: "bob", password: "pw" },
      { serverAddress: "old.example", username: "carol", password: "c" },
    ]);
  });

  it("skips missing Secrets, empty names, and Secrets of other types", () => {
    expect(pullAuths(podPulling("nope", "", "opaque", "legacy"), objects, log)).toEqual([
      { serverAddress: "old.example", username: "carol", password: "c" },
    ]);
    expect(pullAuths(parsePod({ spec: { containers: [] } }), objects, log)).toEqual([]);
  });

  it("skips and logs Secrets whose contents do not parse", () => {
    warnings.length = 0;
    expect(pullAuths(podPulling("broken", "bad-auth", "legacy"), objects, log)).toHaveLength(1);
    expect(warnings).toHaveLength(2);
    expect(() => secretAuths(objects.secret("default", "bad-auth")!)).toThrow("the auth of r is not base64(username:password)");
  });
});
