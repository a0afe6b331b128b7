import { describe, expect, it } from "vitest";
import { CidrSet } from "./cidr-set.js";
import { NodeCidrAllocator } from "./node-cidr-allocator.js";

const withCidr = (cidr: string) => ({ spec: { podCIDR: cidr, podCIDRs: [cidr] } });
const bare = { spec: {} };

describe("NodeCidrAllocator", () => {
  it("gives each node without a range its own, and the same one again until its write is seen", () => {
    const allocator = new NodeCidrAllocator(new CidrSet("10.42.0.0/16", 24));
    expect(allocator.decide("a", bare)).toEqual({ kind: "assign", cidr: "10.42.0.0/24" });
    expect(allocator.decide("b", bare)).toEqual({ kind: "assign", cidr: "10.42.1.0/24" });
    expect(allocator.decide("a", bare)).toEqual({ kind: "assign", cidr: "10.42.0.0/24" });
    expect(allocator.decide("a", withCidr("10.42.0.0/24"))).toEqual({ kind: "none" });
  });

  it("rebuilt from the nodes' own ranges, never hands one out twice", () => {
    const allocator = new NodeCidrAllocator(new CidrSet("10.42.0.0/16", 24));
    expect(allocator.decide("old-1", withCidr("10.42.0.0/24"))).toEqual({ kind: "none" });
    expect(allocator.decide("old-2", { spec: { podCIDR: "10.42.1.0/24" } })).toEqual({ kind: "none" });
    expect(allocator.decide("new", bare)).toEqual({ kind: "assign", cidr: "10.42.2.0/24" });
  });

  it("takes a deleted node's range back, and hands it out again when the others are taken", () => {
    const allocator = new NodeCidrAllocator(new CidrSet("10.42.0.0/23", 24));
    allocator.decide("a", withCidr("10.42.0.0/24"));
    allocator.decide("b", withCidr("10.42.1.0/24"));
    expect(allocator.decide("c", bare)).toEqual({ kind: "exhausted" });
    expect(allocator.decide("a", undefined)).toEqual({ kind: "none" });
    expect(allocator.decide("c", bare)).toEqual({ kind: "assign", cidr: "10.42.0.0/24" });
  });

  it("says exhausted when the cluster CIDR is full, and assigns once a range frees", () => {
    const allocator = new NodeCidrAllocator(new CidrSet("10.42.0.0/24", 24));
    expect(allocator.decide("a", bare)).toEqual({ kind: "assign", cidr: "10.42.0.0/24" });
    expect(allocator.decide("b", bare)).toEqual({ kind: "exhausted" });
    expect(allocator.decide("b", bare)).toEqual({ kind: "exhausted" });
    allocator.abandon("a", "10.42.0.0/24");
    expect(allocator.decide("b", bare)).toEqual({ kind: "assign", cidr: "10.42.0.0/24" });
  });

  it("keeps a range two nodes hold until both are gone, and ignores ranges outside the cluster CIDR", () => {
    const allocator = new NodeCidrAllocator(new CidrSet("10.42.0.0/24", 24));
    allocator.decide("a", withCidr("10.42.0.0/24"));
    allocator.decide("b", withCidr("10.42.0.0/24"));
    allocator.decide("a", undefined);
    expect(allocator.decide("c", bare)).toEqual({ kind: "exhausted" });
    allocator.decide("b", undefined);
    expect(allocator.decide("outside", withCidr("192.168.0.0/24"))).toEqual({ kind: "none" });
    expect(allocator.decide("c", bare)).toEqual({ kind: "assign", cidr: "10.42.0.0/24" });
  });
});
