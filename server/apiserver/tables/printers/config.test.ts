import { describe, expect, it } from "vitest";
import { configMapPrinter, leasePrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from "./config.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const metadata = (name: string) => ({ name, creationTimestamp: new Date(now - 45_000).toISOString() });
const names = (columns: ReadonlyArray<{ name: string }>) => columns.map((c) => c.name);

describe("namespaces", () => {
  it("NAME STATUS AGE", () => {
    expect(names(namespacePrinter.columns)).toEqual(["Name", "Status", "Age"]);
    expect(namespacePrinter.cells({ metadata: metadata("default"), status: { phase: "Active" } }, now)).toEqual(["default", "Active", "45s"]);
    expect(namespacePrinter.cells({ metadata: metadata("old"), status: { phase: "Terminating" } }, now)[1]).toBe("Terminating");
  });
});

describe("configmaps", () => {
  it("NAME DATA AGE, counting data and binaryData keys", () => {
    expect(names(configMapPrinter.columns)).toEqual(["Name", "Data", "Age"]);
    const configMap = { metadata: metadata("settings"), data: { a: "1", b: "2" }, binaryData: { c: "AAE=" } };
    expect(configMapPrinter.cells(configMap, now)).toEqual(["settings", 3, "45s"]);
    expect(configMapPrinter.cells({ metadata: metadata("empty") }, now)).toEqual(["empty", 0, "45s"]);
  });
});

describe("secrets", () => {
  it("NAME TYPE DATA AGE, never a value", () => {
    expect(names(secretPrinter.columns)).toEqual(["Name", "Type", "Data", "Age"]);
    const secret = { metadata: metadata("db"), type: "Opaque", data: { user: "YWRtaW4=", password: "czNjcjN0" } };
    const cells = secretPrinter.cells(secret, now);
    expect(cells).toEqual(["db", "Opaque", 2, "45s"]);
    expect(JSON.stringify(cells)).not.toContain("czNjcjN0");
  });
});

describe("serviceaccounts", () => {
  it("NAME SECRETS AGE", () => {
    expect(names(serviceAccountPrinter.columns)).toEqual(["Name", "Secrets", "Age"]);
    expect(serviceAccountPrinter.cells({ metadata: metadata("default") }, now)).toEqual(["default", 0, "45s"]);
    expect(serviceAccountPrinter.cells({ metadata: metadata("ci"), secrets: [{ name: "ci-token" }] }, now)[1]).toBe(1);
  });
});

describe("leases", () => {
  it("NAME HOLDER AGE", () => {
    expect(names(leasePrinter.columns)).toEqual(["Name", "Holder", "Age"]);
    const lease = { metadata: metadata("pi-1"), spec: { holderIdentity: "pi-1", leaseDurationSeconds: 40 } };
    expect(leasePrinter.cells(lease, now)).toEqual(["pi-1", "pi-1", "45s"]);
    expect(leasePrinter.cells({ metadata: metadata("free"), spec: {} }, now)[1]).toBe("");
  });
});
