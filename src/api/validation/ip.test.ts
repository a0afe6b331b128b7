import { describe, expect, it } from "vitest";
import { isValidCIDR, isValidIP } from "./ip.js";

describe("isValidIP", () => {
  it.each(["1.2.3.4", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::ffff", "fe80::1:0:0:1", "1:2:3:4:5:6:7:8"])(
    "accepts %j",
    (value) => {
      expect(isValidIP(value)).toEqual([]);
    },
  );

  it.each(["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "a.b.c.d", "::g", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", " 1.2.3.4", "1.2.3.4/32"])(
    "rejects %j",
    (value) => {
      expect(isValidIP(value)).toEqual(["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]);
    },
  );

  it("rejects leading zeros and IPv4-mapped IPv6", () => {
    expect(isValidIP("010.1.1.1")).toEqual(["must not have leading 0s"]);
    expect(isValidIP("::ffff:1.2.3.4")).toEqual(["must not be an IPv4-mapped IPv6 address"]);
    expect(isValidIP("::ffff:102:304")).toEqual(["must not be an IPv4-mapped IPv6 address"]);
  });

  it("asks for the RFC 5952 canonical form", () => {
    expect(isValidIP("2001:DB8::1")).toEqual(['must be in canonical form ("2001:db8::1")']);
    expect(isValidIP("2001:db8:0:0:0:0:0:1")).toEqual(['must be in canonical form ("2001:db8::1")']);
    expect(isValidIP("2001:0db8::1")).toEqual(['must be in canonical form ("2001:db8::1")']);
    // A single zero word is not compressed; the first of two equal runs is.
    expect(isValidIP("1::3:4:5:6:7:8")).toEqual(['must be in canonical form ("1:0:3:4:5:6:7:8")']);
    expect(isValidIP("1:0:0:4:5:0:0:8")).toEqual(['must be in canonical form ("1::4:5:0:0:8")']);
    expect(isValidIP("::1.2.3.4")).toEqual(['must be in canonical form ("::102:304")']);
  });
});

describe("isValidCIDR", () => {
  it.each(["10.42.0.0/16", "0.0.0.0/0", "1.2.3.4/32", "fd00::/64", "::/0", "2001:db8::/32"])("accepts %j", (value) => {
    expect(isValidCIDR(value)).toEqual([]);
  });

  it.each(["", "10.42.0.0", "10.42.0.0/33", "10.42.0.0/", "/16", "fd00::/129", "10.42.0.0/-1", "10.42.0.0/1a", "x/8"])(
    "rejects %j",
    (value) => {
      expect(isValidCIDR(value)).toEqual(["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]);
    },
  );

  it("rejects leading zeros, mapped addresses and host bits", () => {
    expect(isValidCIDR("10.042.0.0/16")).toEqual(["must not have leading 0s in IP or prefix length"]);
    expect(isValidCIDR("10.42.0.0/016")).toEqual(["must not have leading 0s in IP or prefix length"]);
    expect(isValidCIDR("::ffff:1.2.3.0/120")).toEqual(["must not have an IPv4-mapped IPv6 address"]);
    expect(isValidCIDR("10.42.0.1/16")).toEqual(["must not have bits set beyond the prefix length"]);
    expect(isValidCIDR("10.42.1.0/23")).toEqual(["must not have bits set beyond the prefix length"]);
    expect(isValidCIDR("fd00::1/64")).toEqual(["must not have bits set beyond the prefix length"]);
  });

  it("asks for the canonical form", () => {
    expect(isValidCIDR("FD00::/64")).toEqual(['must be in canonical form ("fd00::/64")']);
  });
});
