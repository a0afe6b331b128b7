import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { parseQuantity } from "../../quantity.js";
import { forbidden, invalid, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { isValidLabelValue } from "../../validation/names.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { validateLegacyCIDR, validateQualifiedName } from "../../validation/string-fields.js";
import type { Node } from "./node.js";
import { validateTaintEffect } from "./scheduling-validation.js";

/** Taints: qualified keys, label values, a known effect, unique by key and effect. */
function validateTaints(node: Node): FieldError[] {
  const errors: FieldError[] = [];
  // Kubernetes reports these under metadata.taints (a slip in its code); the field lives at spec.taints.
  const path = root("spec").child("taints");
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((taint, i) => {
    const at = path.index(i);
    errors.push(...validateQualifiedName(taint.key, at.child("key")));
    const value = taint.value ?? "";
    const messages = isValidLabelValue(value);
    if (messages.length > 0) errors.push(invalid(at.child("value"), value, messages.join(";")));
    errors.push(...validateTaintEffect(taint.effect, false, at.child("effect")));
    const key = `${taint.effect}\u0000${taint.key}`;
    if (seen.has(key)) {
      errors.push({ type: "FieldValueDuplicate", field: at.toString(), badValue: taint, detail: "taints must be unique by key and effect pair" });
      return;
    }
    seen.add(key);
  });
  return errors;
}

/** Capacity and allocatable: valid, non-negative quantities. */
function validateResources(node: Node): FieldError[] {
  const errors: FieldError[] = [];
  for (const list of ["capacity", "allocatable"] as const) {
    for (const [name, text] of Object.entries(node.status?.[list] ?? {})) {
      const at = root("status").child(list).child(name);
      const parsed = parseQuantity(text.trim());
      if (!parsed.ok) errors.push(invalid(at, text, parsed.error.message));
      else if (parsed.value.sign() < 0) errors.push(invalid(at, parsed.value.toString(), "must be greater than or equal to 0"));
    }
  }
  return errors;
}

/** Validates a Node: name, taints, resource quantities, pod CIDRs (one per IP family). */
export function validateNode(node: Node): FieldError[] {
  const errors = validateObjectMeta(node.metadata, { namespaced: false, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validateTaints(node));
  errors.push(...validateResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  const cidrsPath = root("spec").child("podCIDRs");
  cidrs.forEach((cidr, i) => errors.push(...validateLegacyCIDR(cidr, cidrsPath.index(i))));
  if (cidrs.length > 1) {
    const families = new Set(cidrs.map((cidr) => (cidr.includes(":") ? 6 : 4)));
    if (cidrs.length > 2 || families.size !== cidrs.length) {
      errors.push(invalid(cidrsPath, cidrs, "may specify no more than one CIDR for each IP family"));
    }
  }
  return errors;
}

/** A node's pod CIDRs and provider ID are set once ("" to valid), then fixed. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errors = validateObjectMetaUpdate(node.metadata, old.metadata, root("metadata"));
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  if (oldCIDRs.length > 0 && (oldCIDRs.length !== newCIDRs.length || oldCIDRs.some((cidr, i) => cidr !== newCIDRs[i]))) {
    errors.push(forbidden(root("spec").child("podCIDRs"), 'node updates may not change podCIDR except from "" to valid'));
  }
  const oldProvider = old.spec?.providerID ?? "";
  if (oldProvider !== "" && oldProvider !== (node.spec?.providerID ?? "")) {
    errors.push(forbidden(root("spec").child("providerID"), 'node updates may not change providerID except from "" to valid'));
  }
  return errors;
}
