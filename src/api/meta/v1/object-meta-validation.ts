import { validateImmutableField, validateNonnegativeField } from "../../validation/common.js";
import { forbidden, invalid, required, tooLong, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { isDNS1123Label, isQualifiedName, validateAnnotations, validateLabels } from "../../validation/names.js";
import type { NameValidator } from "../../validation/object-names.js";
import type { ManagedFieldsEntry, ObjectMeta, OwnerReference } from "./object-meta.js";

/** How a kind's metadata is checked: its name rule, and whether it lives in a namespace. */
export interface ObjectMetaRules {
  namespaced: boolean;
  name: NameValidator;
}

/** The group, version and kind an apiVersion + kind pair names; version "" when apiVersion is malformed. */
function groupVersionKind(apiVersion: string, kind: string) {
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: parts[0] ?? "", kind };
  if (parts.length === 2) return { group: parts[0] ?? "", version: parts[1] ?? "", kind };
  return { group: "", version: "", kind };
}

/**
 * Validates an object's metadata as Kubernetes does before it is stored. A
 * name is required unless generateName is set (the apiserver then makes the
 * name); a missing namespace is the apiserver's to fill or reject.
 */
export function validateObjectMeta(meta: ObjectMeta, rules: ObjectMetaRules, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const generateName = meta.generateName ?? "";
  const name = meta.name ?? "";
  if (generateName !== "") {
    for (const message of rules.name(generateName, true)) errors.push(invalid(path.child("generateName"), generateName, message));
  }
  if (name === "") {
    if (generateName === "") errors.push(required(path.child("name"), "name or generateName is required"));
  } else {
    for (const message of rules.name(name, false)) errors.push(invalid(path.child("name"), name, message));
  }
  if (rules.namespaced && meta.namespace) {
    for (const message of isDNS1123Label(meta.namespace)) errors.push(invalid(path.child("namespace"), meta.namespace, message));
  }
  errors.push(...validateNonnegativeField(meta.generation, path.child("generation")));
  if (meta.labels) errors.push(...validateLabels(meta.labels, path.child("labels")));
  if (meta.annotations) errors.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  errors.push(...validateOwnerReferences(meta.ownerReferences ?? [], path.child("ownerReferences")));
  errors.push(...validateFinalizers(meta.finalizers ?? [], path.child("finalizers")));
  errors.push(...validateManagedFields(meta.managedFields ?? [], path.child("managedFields")));
  return errors;
}

/**
 * Validates owner references. Kubernetes reports these on the list's path
 * (`metadata.ownerReferences.uid`), without an index; so do we.
 */
export function validateOwnerReferences(refs: readonly OwnerReference[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let firstController: string | undefined;
  for (const ref of refs) {
    const gvk = groupVersionKind(ref.apiVersion, ref.kind);
    if (gvk.version === "") errors.push(invalid(path.child("apiVersion"), ref.apiVersion, "version must not be empty"));
    if (gvk.kind === "") errors.push(invalid(path.child("kind"), ref.kind, "kind must not be empty"));
    if (ref.name === "") errors.push(invalid(path.child("name"), ref.name, "name must not be empty"));
    if (ref.uid === "") errors.push(invalid(path.child("uid"), ref.uid, "uid must not be empty"));
    if (gvk.group === "" && gvk.version === "v1" && gvk.kind === "Event") {
      errors.push(invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
    }
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController === undefined) firstController = current;
      else {
        errors.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      }
    }
  }
  return errors;
}

/** Finalizers are qualified names; orphan and foregroundDeletion exclude each other. */
export function validateFinalizers(finalizers: readonly string[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const finalizer of finalizers) {
    for (const message of isQualifiedName(finalizer)) errors.push(invalid(path, finalizer, message));
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errors.push(invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errors;
}

const MAX_FIELD_MANAGER_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;

/** Managed fields: a known operation, FieldsV1, a printable manager name. */
export function validateManagedFields(entries: readonly ManagedFieldsEntry[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  entries.forEach((entry, i) => {
    const at = path.index(i);
    if (entry.operation !== "Apply" && entry.operation !== "Update") {
      errors.push(invalid(at.child("operation"), entry.operation ?? "", "must be `Apply` or `Update`"));
    }
    if (entry.fieldsType && entry.fieldsType !== "FieldsV1") {
      errors.push(invalid(at.child("fieldsType"), entry.fieldsType, "must be `FieldsV1`"));
    }
    const manager = entry.manager ?? "";
    if (manager.length > MAX_FIELD_MANAGER_LENGTH) errors.push(tooLong(at.child("manager"), MAX_FIELD_MANAGER_LENGTH));
    if (/[^\x20-\x7e]/u.test(manager)) errors.push(invalid(at.child("manager"), manager, "must only contain printable characters"));
    if ((entry.subresource ?? "").length > MAX_SUBRESOURCE_NAME_LENGTH) {
      errors.push(tooLong(at.child("subresource"), MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errors;
}

/**
 * The rules an update of metadata must keep: name, namespace, uid and
 * creationTimestamp never change, and an object being deleted takes no new
 * finalizers.
 */
export function validateObjectMetaUpdate(newMeta: ObjectMeta, oldMeta: ObjectMeta, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  errors.push(...validateImmutableField(newMeta.name, oldMeta.name, path.child("name")));
  errors.push(...validateImmutableField(newMeta.namespace, oldMeta.namespace, path.child("namespace")));
  errors.push(...validateImmutableField(newMeta.uid, oldMeta.uid, path.child("uid")));
  errors.push(...validateImmutableField(newMeta.creationTimestamp, oldMeta.creationTimestamp, path.child("creationTimestamp")));
  if (oldMeta.deletionTimestamp) {
    const old = new Set(oldMeta.finalizers ?? []);
    const added = [...new Set(newMeta.finalizers ?? [])].filter((finalizer) => !old.has(finalizer)).sort();
    if (added.length > 0) {
      const shown = `[]string{${added.map((finalizer) => JSON.stringify(finalizer)).join(", ")}}`;
      errors.push(
        forbidden(path.child("finalizers"), `no new finalizers can be added if the object is being deleted, found new finalizers ${shown}`),
      );
    }
  }
  return errors;
}
