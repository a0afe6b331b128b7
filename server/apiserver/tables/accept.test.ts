import { describe, expect, it } from "vitest";
import { parseIncludeObject, requestedTable } from "./accept.js";

/** What kubectl 1.32 sends for `kubectl get`. */
const KUBECTL_GET =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

describe("requestedTable", () => {
  it("wants a v1 Table for kubectl get's exact header", () => {
    expect(requestedTable(KUBECTL_GET)).toBe("v1");
  });

  it("wants a v1beta1 Table when only that is offered", () => {
    expect(requestedTable("application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json")).toBe("v1beta1");
  });

  it("wants no Table for plain JSON, wildcards, protobuf or no header", () => {
    expect(requestedTable("application/json")).toBeUndefined();
    expect(requestedTable("*/*")).toBeUndefined();
    expect(requestedTable("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io")).toBeUndefined();
    expect(requestedTable("")).toBeUndefined();
    expect(requestedTable(undefined)).toBeUndefined();
  });

  it("follows the order of preference: plain JSON first means no Table", () => {
    expect(requestedTable("application/json,application/json;as=Table;v=v1;g=meta.k8s.io")).toBeUndefined();
  });

  it("ranks by quality", () => {
    expect(requestedTable("application/json;q=0.5,application/json;as=Table;v=v1;g=meta.k8s.io")).toBe("v1");
    expect(requestedTable("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.2,application/json;q=0.9")).toBeUndefined();
    expect(requestedTable("application/json;as=Table;v=v1;g=meta.k8s.io;q=0")).toBeUndefined();
  });

  it("passes over Table versions and groups it does not serve, and other as= targets", () => {
    expect(requestedTable("application/json;as=Table;v=v2;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io")).toBe(
      "v1beta1",
    );
    expect(requestedTable("application/json;as=Table;v=v1;g=example.com")).toBeUndefined();
    expect(requestedTable("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json")).toBeUndefined();
  });

  it("tolerates spaces, quotes, upper-case media types and junk entries", () => {
    expect(requestedTable(' Application/JSON ; as="Table" ; v=v1 ; g=meta.k8s.io , text')).toBe("v1");
    expect(requestedTable("garbage,/json,application/json;as=Table;v=v1;g=meta.k8s.io")).toBe("v1");
  });
});

describe("parseIncludeObject", () => {
  it("is Metadata when absent or empty", () => {
    expect(parseIncludeObject(null)).toEqual({ ok: true, value: "Metadata" });
    expect(parseIncludeObject(undefined)).toEqual({ ok: true, value: "Metadata" });
    expect(parseIncludeObject("")).toEqual({ ok: true, value: "Metadata" });
  });

  it.each(["None", "Metadata", "Object"] as const)("accepts %s", (value) => {
    expect(parseIncludeObject(value)).toEqual({ ok: true, value });
  });

  it("rejects anything else with Kubernetes' message", () => {
    expect(parseIncludeObject("object")).toEqual({ ok: false, message: 'unrecognized includeObject value: "object"' });
  });
});
