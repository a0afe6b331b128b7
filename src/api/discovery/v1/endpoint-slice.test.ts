import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import type { EndpointSlice } from "./endpoint-slice.js";
import { validateEndpointSliceUpdate } from "./endpoint-slice-validation.js";

const slice = (body: Record<string, unknown>) => ({ apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "web-abc12" }, ...body });
const problems = (body: Record<string, unknown>): string[] => {
  const result = decodeObject(slice(body));
  return result.ok ? [] : result.errors.map(formatFieldError);
};
function decodeSlice(body: Record<string, unknown>): EndpointSlice {
  const result = decodeObject(slice(body));
  if (!result.ok || result.object.kind !== "EndpointSlice") throw new Error("not a valid EndpointSlice");
  return result.object;
}

describe("endpointslice", () => {
  it("defaults port names and protocols", () => {
    const decoded = decodeSlice({ addressType: "IPv4", endpoints: [{ addresses: ["10.42.0.5"], conditions: { ready: true } }], ports: [{ port: 80 }] });
    expect(decoded.ports).toEqual([{ name: "", port: 80, protocol: "TCP" }]);
  });

  it("needs a known address type and addresses of that type", () => {
    expect(problems({ endpoints: [] })).toEqual(["addressType: Required value"]);
    expect(problems({ addressType: "IPv5", endpoints: [] })).toEqual(['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']);
    expect(
      problems({
        addressType: "IPv4",
        endpoints: [{ addresses: [] }, { addresses: ["fd00::1", "127.0.0.1"], hostname: "Web" }],
        ports: [{ name: "http", port: 80 }, { name: "http", port: 81, protocol: "ICMP" }],
      }),
    ).toEqual([
      "endpoints[0].addresses: Required value: must contain at least 1 address",
      'endpoints[1].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
      'endpoints[1].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      "endpoints[1].hostname: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'ports[1].name: Duplicate value: "http"',
      'ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it("keeps the address type", () => {
    const old = decodeSlice({ addressType: "IPv4", endpoints: [] });
    expect(validateEndpointSliceUpdate(decodeSlice({ addressType: "IPv6", endpoints: [] }), old).map(formatFieldError)).toEqual([
      'addressType: Invalid value: "IPv6": field is immutable',
    ]);
  });
});
