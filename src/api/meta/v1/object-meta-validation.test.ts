import { describe, expect, it } from "vitest";
import { formatFieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain, nameIsPathSegment } from "../../validation/object-names.js";
import type { ObjectMeta } from "./object-meta.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta-validation.js";

const check = (meta: ObjectMeta, namespaced = true): string[] =>
  validateObjectMeta(meta, { namespaced, name: nameIsDNSSubdomain }, root("metadata")).map(formatFieldError);

const owner = (name: string, controller?: boolean) => ({ apiVersion: "apps/v1", kind: "ReplicaSet", name, uid: `uid-${name}`, controller });

describe("object metadata", () => {
  it("accepts a generateName ending in a dash, and checks it", () => {
    expect(check({ generateName: "web-" })).toEqual([]);
    expect(check({ generateName: "Web-" })).toEqual([
      "metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it("leaves namespace rules for cluster-scoped kinds to the apiserver", () => {
    expect(check({ name: "x", namespace: "Not_A_Label" }, false)).toEqual([]);
  });

  it("checks generation, owner references, finalizers and managed fields", () => {
    expect(
      check({
        name: "web",
        generation: -1,
        ownerReferences: [
          owner("a", true),
          { apiVersion: "apps/v1/extra", kind: "", name: "", uid: "" },
          owner("b", true),
          { apiVersion: "v1", kind: "Event", name: "e", uid: "u" },
        ],
        finalizers: ["orphan", "foregroundDeletion", "-bad"],
        managedFields: [{ manager: "kubectl", operation: "Patch", fieldsType: "FieldsV2" }],
      }),
    ).toEqual([
      "metadata.generation: Invalid value: -1: must be greater than or equal to 0",
      'metadata.ownerReferences.apiVersion: Invalid value: "apps/v1/extra": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
      'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"uid-a","controller":true},{"apiVersion":"apps/v1/extra","kind":"","name":"","uid":""},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"b","uid":"uid-b","controller":true},{"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
      'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
      "metadata.finalizers: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'metadata.finalizers: Invalid value: ["orphan","foregroundDeletion","-bad"]: finalizer orphan and foregroundDeletion cannot be both set',
      'metadata.managedFields[0].operation: Invalid value: "Patch": must be `Apply` or `Update`',
      'metadata.managedFields[0].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
    ]);
  });
});

describe("object metadata updates", () => {
  const old: ObjectMeta = { name: "web", namespace: "default", uid: "1", creationTimestamp: "2024-05-01T12:00:00Z", finalizers: ["a"] };

  it("keeps identity fields", () => {
    expect(
      validateObjectMetaUpdate({ ...old, namespace: "other", creationTimestamp: "2024-05-02T12:00:00Z" }, old, root("metadata")).map(formatFieldError),
    ).toEqual([
      'metadata.namespace: Invalid value: "other": field is immutable',
      'metadata.creationTimestamp: Invalid value: "2024-05-02T12:00:00Z": field is immutable',
    ]);
  });

  it("takes no new finalizers once deleting, but lets them go", () => {
    const deleting = { ...old, deletionTimestamp: "2024-05-03T12:00:00Z" };
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: [] }, deleting, root("metadata"))).toEqual([]);
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: ["a", "z", "b"] }, deleting, root("metadata")).map(formatFieldError)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b", "z"}',
    ]);
  });
});

describe("RBAC names", () => {
  it("are path segments", () => {
    expect(nameIsPathSegment("system:controller:deployment-controller", false)).toEqual([]);
    expect(nameIsPathSegment("..", false)).toEqual(["may not be '..'"]);
    expect(nameIsPathSegment("a/b%c", false)).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});
