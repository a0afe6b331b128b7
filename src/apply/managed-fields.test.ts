import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { JsonValue } from "../patch/json-value.js";
import { FieldSet } from "./fieldpath/field-set.js";
import { fieldElement } from "./fieldpath/path-element.js";
import { decodeManagedFields, encodeManagedFields, managedFieldsTime, ManagedFieldsError, managerKey, type ManagerEntry } from "./managed-fields.js";

// Entries from apimachinery's managedFields round-trip tests (v0.32), in the order Kubernetes keeps them.
const documents = [
  `
- manager: foo
  operation: Update
  apiVersion: v1
  time: "2001-02-03T04:05:06Z"
  fieldsType: FieldsV1
  fieldsV1:
    v:3:
      f:alsoPi: {}
    v:3.1415:
      f:pi: {}
    v:false:
      f:notTrue: {}
- manager: foo
  operation: Update
  apiVersion: v1beta1
  time: "2011-12-13T14:15:16Z"
  fieldsType: FieldsV1
  fieldsV1:
    i:5:
      f:i: {}
`,
  `
- manager: foo
  operation: Apply
  apiVersion: v1
  fieldsType: FieldsV1
  fieldsV1:
    f:spec:
      f:containers:
        k:{"name":"c"}:
          f:image: {}
          f:name: {}
`,
  `
- manager: foo
  operation: Update
  apiVersion: v1
  fieldsType: FieldsV1
  fieldsV1:
    f:spec:
      f:replicas: {}
  subresource: scale
`,
];

const entry = (manager: string, operation: "Apply" | "Update", apiVersion: string, time?: string, subresource = ""): ManagerEntry => ({
  manager,
  operation,
  apiVersion,
  subresource,
  set: FieldSet.of([fieldElement(manager)]),
  ...(time === undefined ? {} : { time }),
});

describe("managedFields", () => {
  it("round-trip through their sets unchanged", () => {
    for (const document of documents) {
      const entries = parse(document) as JsonValue;
      const encoded = encodeManagedFields(decodeManagedFields(entries));
      expect(JSON.stringify(encoded)).toBe(JSON.stringify(entries));
    }
  });

  it("key appliers by name and updaters by name and version, as Kubernetes identifies them", () => {
    const managers = decodeManagedFields(
      parse(`
- { manager: a, operation: Apply, apiVersion: v1, fieldsType: FieldsV1, fieldsV1: { f:x: {} } }
- { manager: a, operation: Apply, apiVersion: v2, fieldsType: FieldsV1, fieldsV1: { f:y: {} } }
- { manager: a, operation: Update, apiVersion: v1, fieldsType: FieldsV1, fieldsV1: { f:z: {} } }
- { manager: a, operation: Update, apiVersion: v2, fieldsType: FieldsV1, fieldsV1: { f:z: {} } }
`) as JsonValue,
    );
    expect(managers.size).toBe(3);
    expect(managers.get(managerKey({ manager: "a", operation: "Apply", apiVersion: "v9", subresource: "" }))?.apiVersion).toBe("v2");
  });

  it("are written appliers first, then oldest first, then by name, version and subresource", () => {
    const entries = [
      entry("z", "Update", "v1", "2024-01-01T00:00:02Z"),
      entry("b", "Update", "v1", "2024-01-01T00:00:01Z"),
      entry("a", "Update", "v2", "2024-01-01T00:00:01Z"),
      entry("a", "Update", "v1", "2024-01-01T00:00:01Z"),
      entry("y", "Apply", "v1", "2024-01-01T00:00:05Z"),
      entry("x", "Apply", "v1"),
    ];
    const managers = new Map(entries.map((e) => [managerKey(e), e]));
    expect(encodeManagedFields(managers).map((e) => `${e.operation} ${e.manager} ${e.apiVersion}`)).toEqual([
      "Apply x v1",
      "Apply y v1",
      "Update a v1",
      "Update a v2",
      "Update b v1",
      "Update z v1",
    ]);
  });

  it("leave out entries that own nothing", () => {
    const empty: ManagerEntry = { ...entry("a", "Apply", "v1"), set: new FieldSet() };
    expect(encodeManagedFields(new Map([["a", empty]]))).toEqual([]);
  });

  it("refuse entries Kubernetes refuses", () => {
    const bad: Array<[JsonValue, RegExp]> = [
      [{}, /managedFields must be a list/],
      [[{ operation: "Patch", apiVersion: "v1", fieldsType: "FieldsV1" }], /operation must be `Apply` or `Update`/],
      [[{ operation: "Apply", fieldsType: "FieldsV1" }], /apiVersion must not be empty/],
      [[{ operation: "Apply", apiVersion: "v1" }], /missing fieldsType/],
      [[{ operation: "Apply", apiVersion: "v1", fieldsType: "FieldsV2" }], /invalid fieldsType "FieldsV2"/],
      [[{ operation: "Apply", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "q": {} } }], /entry 0: invalid path element/],
      [[{ operation: "Apply", apiVersion: "v1", fieldsType: "FieldsV1", manager: 7 }], /manager must be a string/],
      [["x"], /must be an object/],
    ];
    for (const [value, message] of bad) {
      const thrown = (() => {
        try {
          decodeManagedFields(value);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(thrown, JSON.stringify(value)).toBeInstanceOf(ManagedFieldsError);
      expect((thrown as Error).message).toMatch(message);
    }
    expect(decodeManagedFields(undefined).size).toBe(0);
    expect(decodeManagedFields(null).size).toBe(0);
  });

  it("stamp times as RFC 3339 whole seconds in UTC", () => {
    expect(managedFieldsTime(Date.UTC(2024, 4, 1, 10, 0, 0, 999))).toBe("2024-05-01T10:00:00Z");
  });
});
