import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import { base64Problem } from "./base64.js";
import { validateSecretUpdate, type Secret } from "./secret.js";

const secret = (body: Record<string, unknown>) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "creds" }, ...body });
const problems = (body: Record<string, unknown>): string[] => {
  const result = decodeObject(secret(body));
  return result.ok ? [] : result.errors.map(formatFieldError);
};
function decodeSecret(body: Record<string, unknown>): Secret {
  const result = decodeObject(secret(body));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "Secret") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}

describe("base64", () => {
  it("accepts padded standard base64 with line breaks", () => {
    expect(base64Problem("aGVsbG8=")).toBeUndefined();
    expect(base64Problem("aGVs\nbG8=")).toBeUndefined();
    expect(base64Problem("")).toBeUndefined();
  });
  it("names the first bad byte", () => {
    expect(base64Problem("aGVsbG8")).toBe("illegal base64 data at input byte 4");
    expect(base64Problem("aG*sbG8=")).toBe("illegal base64 data at input byte 2");
    expect(base64Problem("aG=sbG8=")).toBe("illegal base64 data at input byte 3");
  });
});

describe("secret", () => {
  it("defaults the type and merges stringData into data", () => {
    const decoded = decodeSecret({ data: { user: "YWRtaW4=", password: "b2xk" }, stringData: { password: "s3cret", "api-key": "k" } });
    expect(decoded.type).toBe("Opaque");
    expect(decoded.stringData).toBeUndefined();
    expect(decoded.data).toEqual({ user: "YWRtaW4=", password: "czNjcmV0", "api-key": "aw==" });
  });

  it("checks keys, base64 and the keys a type needs", () => {
    expect(problems({ data: { "bad key": "YQ==", token: "not base64" } })).toEqual([
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'data[token]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3',
    ]);
    expect(problems({ type: "kubernetes.io/tls", stringData: { "tls.crt": "cert" } })).toEqual(["data[tls.key]: Required value"]);
    expect(problems({ type: "kubernetes.io/dockerconfigjson", stringData: { ".dockerconfigjson": "{not json" } })[0]).toMatch(
      /^data\[\.dockerconfigjson\]: Invalid value: "<secret contents redacted>": /,
    );
    expect(problems({ type: "kubernetes.io/service-account-token" })).toEqual([
      "metadata.annotations[kubernetes.io/service-account.name]: Required value",
    ]);
  });

  it("keeps type fixed and data frozen once immutable", () => {
    const old = decodeSecret({ immutable: true, stringData: { a: "1" } });
    const next = decodeSecret({ immutable: true, type: "kubernetes.io/basic-auth", stringData: { a: "2", username: "u" } });
    expect(validateSecretUpdate(next, old).map(formatFieldError)).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
  });
});
