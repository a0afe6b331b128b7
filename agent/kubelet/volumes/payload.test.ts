import { describe, expect, it } from "vitest";
import { MapObjectSource } from "../testing/map-object-source.js";
import { aggregateMessage, configMapPayload, secretPayload, type Payload } from "./payload.js";

const objects = new MapObjectSource()
  .putConfigMap("ns", "cfg", { "app.conf": "a=1", mode: "prod" }, { "logo.bin": "\u0001\u0002" })
  .putSecret("ns", "db", { password: "s3cret", user: "admin" });
const cfg = objects.configMap("ns", "cfg");
const db = objects.secret("ns", "db");
const summary = (payload: Payload) =>
  Object.fromEntries([...payload].map(([target, file]) => [target, [file.data.toString("utf8"), file.mode.toString(8)]]));

describe("configMapPayload", () => {
  it("projects every key, data and binaryData, with the default mode 0644", () => {
    expect(summary(configMapPayload(cfg, undefined, undefined, false))).toEqual({
      "app.conf": ["a=1", "644"],
      mode: ["prod", "644"],
      "logo.bin": ["\u0001\u0002", "644"],
    });
  });

  it("uses defaultMode, and an item's own mode over it", () => {
    const payload = configMapPayload(cfg, [{ key: "mode", path: "etc/mode", mode: 0o600 }, { key: "app.conf", path: "app.conf" }], 0o440, false);
    expect(summary(payload)).toEqual({ "etc/mode": ["prod", "600"], "app.conf": ["a=1", "440"] });
  });

  it("projects only the items given, binary ones decoded", () => {
    const payload = configMapPayload(cfg, [{ key: "logo.bin", path: "img/logo" }], undefined, false);
    expect([...payload.keys()]).toEqual(["img/logo"]);
    expect(payload.get("img/logo")?.data).toEqual(Buffer.from([1, 2]));
  });

  it("fails on an item whose key is missing, unless optional", () => {
    expect(() => configMapPayload(cfg, [{ key: "nope", path: "x" }], undefined, false)).toThrow(
      "configmap references non-existent config key: nope",
    );
    expect(summary(configMapPayload(cfg, [{ key: "nope", path: "x" }, { key: "mode", path: "m" }], undefined, true))).toEqual({
      m: ["prod", "644"],
    });
  });

  it("is empty for a missing optional ConfigMap", () => {
    expect(configMapPayload(undefined, undefined, undefined, true).size).toBe(0);
    expect(configMapPayload(undefined, [{ key: "a", path: "a" }], undefined, true).size).toBe(0);
  });
});

describe("secretPayload", () => {
  it("decodes Secret data and keeps 0644 unless told otherwise", () => {
    expect(summary(secretPayload(db, undefined, undefined, false))).toEqual({ password: ["s3cret", "644"], user: ["admin", "644"] });
    expect(summary(secretPayload(db, undefined, 0o400, false))).toEqual({ password: ["s3cret", "400"], user: ["admin", "400"] });
  });

  it("fails on an item whose key is missing with the kubelet's message", () => {
    expect(() => secretPayload(db, [{ key: "token", path: "t" }], undefined, false)).toThrow("references non-existent secret key: token");
  });
});

describe("aggregateMessage", () => {
  it("is the message for one error and a bracketed list for several", () => {
    expect(aggregateMessage(["a"])).toBe("a");
    expect(aggregateMessage(["a", "b"])).toBe("[a, b]");
  });
});
