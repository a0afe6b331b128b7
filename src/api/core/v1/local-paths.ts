import { invalid, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";

/** A path may not climb out of where it is rooted: no `..` segment. */
export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split("/").includes("..") ? [invalid(path, target, "must not contain '..'")] : [];
}

/** A path inside a volume or container: relative, never climbing out (subPath, localhostProfile). */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (target.startsWith("/")) errors.push(invalid(path, target, "must be a relative path"));
  errors.push(...validatePathNoBacksteps(target, path));
  return errors;
}

/** A file path inside a volume that also may not start with `..` (those names are the volume's own). */
export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errors = validateLocalDescendingPath(target, path);
  if (target.startsWith("..") && !target.startsWith("../")) errors.push(invalid(path, target, "must not start with '..'"));
  return errors;
}
