import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import { isConfigMapKey } from "./config-map-key.js";
import { validateConfigMapUpdate, type ConfigMap } from "./config-map.js";

const configMap = (body: Record<string, unknown>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" }, ...body });
const problems = (body: Record<string, unknown>): string[] => {
  const result = decodeObject(configMap(body));
  return result.ok ? [] : result.errors.map(formatFieldError);
};
function decodeConfigMap(body: Record<string, unknown>): ConfigMap {
  const result = decodeObject(configMap(body));
  if (!result.ok || result.object.kind !== "ConfigMap") throw new Error("not a valid ConfigMap");
  return result.object;
}

describe("config map keys", () => {
  it("accept file-like names and refuse the rest", () => {
    expect(isConfigMapKey("nginx.conf")).toEqual([]);
    expect(isConfigMapKey("KEY_NAME")).toEqual([]);
    expect(isConfigMapKey("..data")).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey(".")).toEqual(["must not be '.'"]);
    expect(isConfigMapKey("a/b")).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });
});

describe("configmap validation", () => {
  it("checks keys, binary data and overlap", () => {
    expect(problems({ data: { "app.properties": "a=1", "conf/x": "" }, binaryData: { logo: "iVBORw0KGgo=", "app.properties": "!!" } })).toEqual([
      'data[app.properties]: Invalid value: "app.properties": duplicate of key present in binaryData',
      "data[conf/x]: Invalid value: \"conf/x\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'binaryData[app.properties]: Invalid value: "<binary data>": illegal base64 data at input byte 0',
    ]);
  });

  it("limits the total size to 1 MiB", () => {
    expect(problems({ data: { big: "x".repeat(1024 * 1024 + 1) } })).toEqual([": Too long: must have at most 1048576 bytes"]);
  });

  it("freezes data once immutable", () => {
    const old = decodeConfigMap({ immutable: true, data: { a: "1" } });
    expect(validateConfigMapUpdate(decodeConfigMap({ immutable: true, data: { a: "2" } }), old).map(formatFieldError)).toEqual([
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    expect(validateConfigMapUpdate(decodeConfigMap({ data: { a: "1" } }), old).map(formatFieldError)).toEqual([
      "immutable: Forbidden: field is immutable when `immutable` is set",
    ]);
    expect(validateConfigMapUpdate(decodeConfigMap({ data: { a: "2" } }), decodeConfigMap({ data: { a: "1" } }))).toEqual([]);
  });
});
