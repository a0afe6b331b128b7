import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";

const endpoints = (subsets: unknown[]) => ({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "web" }, subsets });
const problems = (subsets: unknown[]): string[] => {
  const result = decodeObject(endpoints(subsets));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("endpoints", () => {
  it("defaults port protocols", () => {
    const result = decodeObject(endpoints([{ addresses: [{ ip: "10.42.0.5" }], ports: [{ port: 80 }] }]));
    if (!result.ok || result.object.kind !== "Endpoints") throw new Error("not valid Endpoints");
    expect(result.object.subsets?.[0]?.ports).toEqual([{ port: 80, protocol: "TCP" }]);
  });

  it("checks addresses and ports", () => {
    expect(
      problems([
        { ports: [{ port: 80 }] },
        { addresses: [{ ip: "127.0.0.1" }, { ip: "10.42.0.300" }], notReadyAddresses: [{ ip: "10.42.0.6", hostname: "Web" }], ports: [{ port: 80 }, { name: "b", port: 70000 }] },
      ]),
    ).toEqual([
      "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
      'subsets[1].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[1].addresses[1].ip: Invalid value: "10.42.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      "subsets[1].notReadyAddresses[0].hostname: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      "subsets[1].ports[0].name: Required value",
      "subsets[1].ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
    ]);
  });
});
