import { describe, expect, it } from "vitest";
import { RuntimeError } from "../runtime/container-runtime.js";
import { podCidr } from "./pod-bridge.js";

describe("podCidr", () => {
  it("puts the CIDR in canonical form with its first host as gateway", () => {
    expect(podCidr("10.42.3.0/24")).toEqual({ cidr: "10.42.3.0/24", gateway: "10.42.3.1" });
    expect(podCidr("10.42.3.77/24")).toEqual({ cidr: "10.42.3.0/24", gateway: "10.42.3.1" });
    expect(podCidr("10.42.0.0/16")).toEqual({ cidr: "10.42.0.0/16", gateway: "10.42.0.1" });
    expect(podCidr("192.168.10.200/30")).toEqual({ cidr: "192.168.10.200/30", gateway: "192.168.10.201" });
  });

  it("refuses what is not an IPv4 CIDR a pod network can use", () => {
    for (const bad of ["10.42.0.0", "10.42.0.0/31", "10.42.0.0/7", "10.42.300.0/24", "fd00::/64", "10.42.0.0/x", ""]) {
      expect(() => podCidr(bad), bad).toThrow(RuntimeError);
    }
  });
});
