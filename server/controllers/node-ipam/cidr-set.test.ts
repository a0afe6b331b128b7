import { describe, expect, it } from "vitest";
import { CidrSet } from "./cidr-set.js";

describe("CidrSet", () => {
  it("hands out the /24s of 10.42.0.0/16 in order, never one twice", () => {
    const set = new CidrSet("10.42.0.0/16", 24);
    expect([set.allocate(), set.allocate(), set.allocate()]).toEqual(["10.42.0.0/24", "10.42.1.0/24", "10.42.2.0/24"]);
    expect(set.free).toBe(253);
  });

  it("skips subnets nodes already hold (the set rebuilt after a restart)", () => {
    const set = new CidrSet("10.42.0.0/16", 24);
    expect(set.occupy("10.42.0.0/24")).toBe(true);
    expect(set.occupy("10.42.2.0/24")).toBe(true);
    expect([set.allocate(), set.allocate()]).toEqual(["10.42.1.0/24", "10.42.3.0/24"]);
  });

  it("refuses to occupy what is not one of its subnets", () => {
    const set = new CidrSet("10.42.0.0/16", 24);
    for (const foreign of ["10.43.0.0/24", "10.42.0.0/25", "10.42.0.1/24", "garbage", "fd00::/64"]) expect(set.occupy(foreign)).toBe(false);
    expect(set.free).toBe(256);
  });

  it("gives a released subnet out again once the others after it are taken", () => {
    const set = new CidrSet("10.0.0.0/30", 32);
    const all = [set.allocate(), set.allocate(), set.allocate(), set.allocate()];
    expect(all).toEqual(["10.0.0.0/32", "10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32"]);
    expect(set.allocate()).toBeUndefined();
    set.release("10.0.0.1/32");
    expect(set.free).toBe(1);
    expect(set.allocate()).toBe("10.0.0.1/32");
    expect(set.allocate()).toBeUndefined();
  });

  it("does not hand a just-freed subnet to the next node while others are free", () => {
    const set = new CidrSet("10.42.0.0/16", 24);
    const first = set.allocate()!;
    set.release(first);
    expect(set.allocate()).toBe("10.42.1.0/24");
  });

  it("refuses a cluster CIDR it cannot split", () => {
    expect(() => new CidrSet("10.42.0.0/16", 8)).toThrow(/does not fit/);
    expect(() => new CidrSet("10.42.0.1/16", 24)).toThrow(/not an IPv4 network/);
    expect(() => new CidrSet("fd00::/48", 64)).toThrow(/not an IPv4 network/);
  });
});
