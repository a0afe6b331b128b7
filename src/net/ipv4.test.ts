import { describe, expect, it } from "vitest";
import { formatIpv4, formatIpv4Cidr, parseIpv4, parseIpv4Cidr } from "./ipv4.js";

describe("ipv4", () => {
  it("turns addresses into numbers and back", () => {
    expect(parseIpv4("192.168.4.1")).toBe(0xc0a80401);
    expect(formatIpv4(0xc0a80401)).toBe("192.168.4.1");
    for (const bad of ["256.0.0.1", "1.2.3", "1.2.3.4.5", "a.b.c.d", "1.2.3.-4"]) expect(parseIpv4(bad)).toBeUndefined();
  });

  it("parses networks, refusing host bits unless told to clear them", () => {
    expect(parseIpv4Cidr("192.168.4.0/22")).toEqual({ base: 0xc0a80400, prefix: 22 });
    expect(parseIpv4Cidr("256.0.0.0/8")).toBeUndefined();
    expect(parseIpv4Cidr("10.0.0.0/33")).toBeUndefined();
    expect(parseIpv4Cidr("10.42.3.7/24")).toBeUndefined();
    expect(formatIpv4Cidr(parseIpv4Cidr("10.42.3.7/24", { strict: false })!)).toBe("10.42.3.0/24");
  });
});
