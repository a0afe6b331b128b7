import { describe, expect, it } from "vitest";
import { asList, formatJson, formatName, formatYaml, qualifiedKind } from "./object-format.js";

const object = {
  kind: "ConfigMap",
  apiVersion: "v1",
  metadata: { name: "cfg", creationTimestamp: "2024-05-01T12:00:00Z", resourceVersion: "12", labels: { b: "2", a: "1" } },
  data: { html: "<b>&</b>", yes: "yes", number: "123", empty: "", script: "line 1\nline 2\n" },
};

describe("formatJson", () => {
  it("sorts keys, indents by four and escapes HTML characters as Go does", () => {
    const text = formatJson(object);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(object);
    expect(text).toContain('        "html": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e",');
    expect(text.indexOf('"apiVersion"')).toBeLessThan(text.indexOf('"data"'));
    expect(text.indexOf('"a": "1"')).toBeLessThan(text.indexOf('"b": "2"'));
  });
});

describe("formatYaml", () => {
  it("writes go-yaml's document: sorted keys, YAML 1.1 quoting, unindented sequences", () => {
    expect(formatYaml({ ...object, items: [{ b: 1, a: [1, 2] }] })).toBe(
      [
        "apiVersion: v1",
        "data:",
        "  empty: \"\"",
        "  html: <b>&</b>",
        "  number: \"123\"",
        "  script: |",
        "    line 1",
        "    line 2",
        "  \"yes\": \"yes\"",
        "items:",
        "- a:",
        "  - 1",
        "  - 2",
        "  b: 1",
        "kind: ConfigMap",
        "metadata:",
        "  creationTimestamp: \"2024-05-01T12:00:00Z\"",
        "  labels:",
        "    a: \"1\"",
        "    b: \"2\"",
        "  name: cfg",
        "  resourceVersion: \"12\"",
        "",
      ].join("\n"),
    );
  });
});

describe("names", () => {
  it("qualifies kinds by group as kubectl does", () => {
    expect(formatName({ kind: "Deployment", group: "apps" }, "hello")).toBe("deployment.apps/hello");
    expect(formatName({ kind: "Pod", group: "" }, "web-1")).toBe("pod/web-1");
    expect(qualifiedKind({ kind: "ClusterRole", group: "rbac.authorization.k8s.io" })).toBe("clusterrole.rbac.authorization.k8s.io");
  });
});

describe("asList", () => {
  it("wraps objects in kubectl's List", () => {
    expect(asList([object])).toEqual({ apiVersion: "v1", kind: "List", items: [object], metadata: { resourceVersion: "" } });
  });
});
