import { describe, expect, it } from "vitest";
import { MapObjectSource } from "../testing/map-object-source.js";
import { configMapBytes, configMapNotFound, ownValue, secretBytes, secretNotFound } from "./object-refs.js";

const objects = new MapObjectSource().putConfigMap("ns", "c", { text: "t" }, { bin: "\u00ff" }).putSecret("ns", "s", { key: "v" });

describe("object refs", () => {
  it("words missing objects as the kubelet does", () => {
    expect(configMapNotFound("app-config")).toBe('configmap "app-config" not found');
    expect(secretNotFound("db")).toBe('secret "db" not found');
  });

  it("reads ConfigMap text and binary keys, and Secret keys decoded", () => {
    const configMap = objects.configMap("ns", "c");
    const secret = objects.secret("ns", "s");
    if (!configMap || !secret) throw new Error("fixtures missing");
    expect(configMapBytes(configMap, "text")?.toString()).toBe("t");
    expect(configMapBytes(configMap, "bin")).toEqual(Buffer.from("\u00ff"));
    expect(configMapBytes(configMap, "nope")).toBeUndefined();
    expect(secretBytes(secret, "key")?.toString()).toBe("v");
    expect(secretBytes(secret, "nope")).toBeUndefined();
  });

  it("does not take prototype members for keys", () => {
    expect(ownValue({}, "constructor")).toBeUndefined();
    expect(ownValue({ constructor: "x" }, "constructor")).toBe("x");
    expect(ownValue(undefined, "a")).toBeUndefined();
  });
});
