import { describe, expect, it } from "vitest";
import { endpointSlicePrinter, endpointsPrinter } from "./endpoints.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const metadata = { name: "web", creationTimestamp: new Date(now - 90_000).toISOString() };
const addresses = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe("endpoints", () => {
  it("have NAME ENDPOINTS AGE", () => {
    expect(endpointsPrinter.columns.map((c) => c.name)).toEqual(["Name", "Endpoints", "Age"]);
  });

  it("show ip:port for every port of each subset", () => {
    const endpoints = {
      metadata,
      subsets: [{ addresses: addresses("10.42.0.5"), ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }] }],
    };
    expect(endpointsPrinter.cells(endpoints, now)).toEqual(["web", "10.42.0.5:80,10.42.0.5:443", "90s"]);
  });

  it("show three and + N more...", () => {
    const endpoints = {
      metadata,
      subsets: [
        { addresses: addresses("10.42.0.5", "10.42.1.6"), ports: [{ port: 8080 }] },
        { addresses: addresses("10.42.2.7", "10.42.3.8", "10.42.4.9"), ports: [{ port: 8080 }] },
      ],
    };
    expect(endpointsPrinter.cells(endpoints, now)[1]).toBe("10.42.0.5:8080,10.42.1.6:8080,10.42.2.7:8080 + 2 more...");
  });

  it("exactly three need no suffix", () => {
    const endpoints = { subsets: [{ addresses: addresses("10.0.0.1", "10.0.0.2", "10.0.0.3"), ports: [{ port: 1 }] }] };
    expect(endpointsPrinter.cells(endpoints, now)[1]).toBe("10.0.0.1:1,10.0.0.2:1,10.0.0.3:1");
  });

  it("show bare addresses for a subset without ports, brackets for IPv6, <none> without subsets", () => {
    expect(endpointsPrinter.cells({ subsets: [{ addresses: addresses("10.0.0.1") }] }, now)[1]).toBe("10.0.0.1");
    expect(endpointsPrinter.cells({ subsets: [{ addresses: addresses("fd00::5"), ports: [{ port: 80 }] }] }, now)[1]).toBe("[fd00::5]:80");
    expect(endpointsPrinter.cells({ metadata }, now)).toEqual(["web", "<none>", "90s"]);
  });
});

describe("endpointslices", () => {
  it("have NAME ADDRESSTYPE PORTS ENDPOINTS AGE", () => {
    expect(endpointSlicePrinter.columns.map((c) => c.name)).toEqual(["Name", "AddressType", "Ports", "Endpoints", "Age"]);
  });

  it("show the address type, ports and endpoint addresses", () => {
    const slice = {
      metadata: { ...metadata, name: "web-x7k2p" },
      addressType: "IPv4",
      ports: [{ name: "http", port: 80, protocol: "TCP" }],
      endpoints: [{ addresses: ["10.42.0.5"] }, { addresses: ["10.42.1.6"] }],
    };
    expect(endpointSlicePrinter.cells(slice, now)).toEqual(["web-x7k2p", "IPv4", "80", "10.42.0.5,10.42.1.6", "90s"]);
  });

  it("show a port's name without a number, * without either, and truncate after three", () => {
    const slice = {
      addressType: "IPv4",
      ports: [{ name: "http" }, {}, { port: 1 }, { port: 2 }],
      endpoints: [{ addresses: ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"] }],
    };
    expect(endpointSlicePrinter.cells(slice, now).slice(2, 4)).toEqual(["http,*,1 + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more..."]);
  });

  it("show <unset> without ports or endpoints", () => {
    expect(endpointSlicePrinter.cells({ addressType: "IPv4", ports: null }, now).slice(2, 4)).toEqual(["<unset>", "<unset>"]);
  });
});
