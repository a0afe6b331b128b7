import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { InvalidTlsSanError } from "./errors.js";
import { hostAddressesFrom } from "./host-addresses.js";
import { canonicalIp, parseTlsSan, sameSubjectAltNames, servingSubjectAltNames, subjectAltNames } from "./subject-alt-names.js";

describe("parseTlsSan", () => {
  it("tells IP addresses from DNS names and makes both canonical", () => {
    expect(parseTlsSan("192.168.1.20")).toEqual({ kind: "ip", address: "192.168.1.20" });
    expect(parseTlsSan("2001:DB8:0:0:0:0:0:1")).toEqual({ kind: "ip", address: "2001:db8::1" });
    expect(parseTlsSan(" Skiff.Home.Arpa ")).toEqual({ kind: "dns", name: "skiff.home.arpa" });
    expect(parseTlsSan("*.apps.home.arpa")).toEqual({ kind: "dns", name: "*.apps.home.arpa" });
  });

  it.each(["", "two words", "under_score.example", "-leading.example", "a..b", "apps.*.example", "fe80::1%eth0", "x".repeat(64)])(
    "refuses %j",
    (value) => {
      expect(() => parseTlsSan(value)).toThrow(InvalidTlsSanError);
    },
  );
});

describe("canonicalIp", () => {
  it("compresses and lowercases IPv6, keeps IPv4, refuses what is not an address", () => {
    expect(canonicalIp("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonicalIp("FD00:0::2")).toBe("fd00::2");
    expect(canonicalIp("10.43.0.1")).toBe("10.43.0.1");
    expect(canonicalIp("010.43.0.1")).toBeUndefined();
    expect(canonicalIp("localhost")).toBeUndefined();
  });
});

describe("servingSubjectAltNames", () => {
  it("covers the host, loopback, the kubernetes Service and the extra values, sorted and unique", () => {
    const names = servingSubjectAltNames({ hostname: "pi-server", ipAddresses: ["192.168.1.10"] }, [
      "skiff.home.arpa",
      "127.0.0.1",
      "LOCALHOST",
    ]);
    expect(names).toEqual({
      dnsNames: [
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local",
        "localhost",
        "pi-server",
        "skiff.home.arpa",
      ],
      ipAddresses: ["10.43.0.1", "127.0.0.1", "192.168.1.10", "::1"],
    });
  });

  it("leaves out a hostname that is not a DNS name instead of failing", () => {
    const names = servingSubjectAltNames({ hostname: "my_host", ipAddresses: [] }, []);
    expect(names.dnsNames).not.toContain("my_host");
    expect(names.dnsNames).toContain("localhost");
  });
});

describe("sameSubjectAltNames", () => {
  it("compares canonical lists", () => {
    const a = subjectAltNames(["B.example", "a.example"], ["::0:1"]);
    expect(sameSubjectAltNames(a, subjectAltNames(["a.example", "b.example"], ["::1"]))).toBe(true);
    expect(sameSubjectAltNames(a, subjectAltNames(["a.example"], ["::1"]))).toBe(false);
    expect(sameSubjectAltNames(a, subjectAltNames(["a.example", "b.example"], ["::2"]))).toBe(false);
  });
});

describe("hostAddressesFrom", () => {
  it("keeps every interface's address but link-local ones, lowercases the name", () => {
    const info = (address: string, family: "IPv4" | "IPv6"): NetworkInterfaceInfo => {
      const common = { address, netmask: "", mac: "00:00:00:00:00:00", internal: false, cidr: null };
      return family === "IPv4" ? { ...common, family } : { ...common, family, scopeid: 0 };
    };
    const host = hostAddressesFrom("Pi-Server", {
      lo: [info("127.0.0.1", "IPv4"), info("::1", "IPv6")],
      eth0: [info("192.168.1.10", "IPv4"), info("FD00::2", "IPv6"), info("fe80::fc:ff:fe00:1", "IPv6")],
      veth1: [info("febf::1", "IPv6"), info("169.254.3.4", "IPv4")],
      docker0: [info("172.17.0.1", "IPv4")],
    });
    expect(host).toEqual({
      hostname: "pi-server",
      ipAddresses: ["127.0.0.1", "172.17.0.1", "192.168.1.10", "::1", "fd00::2"],
    });
  });
});
