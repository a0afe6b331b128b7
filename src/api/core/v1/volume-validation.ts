import { parseQuantity } from "../../quantity.js";
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { validateDNS1123Label } from "../../validation/string-fields.js";
import { VOLUME_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from "./env-validation.js";
import { validateLocalNonReservedPath, validatePathNoBacksteps } from "./local-paths.js";
import { VOLUME_SOURCES, type DownwardAPIVolumeFile, type KeyToPath, type Volume, type VolumeSourceName } from "./volume.js";

const fileModeMessage = "must be a number between 0 and 0777 (octal), both inclusive";
const HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
const MIN_TOKEN_SECONDS = 10 * 60;
const MAX_TOKEN_SECONDS = 2 ** 32;

function validateFileMode(mode: number | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalid(path, mode, fileModeMessage)] : [];
}

function validateKeyToPath(item: KeyToPath, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!item.key) errors.push(required(path.child("key")));
  if (!item.path) errors.push(required(path.child("path")));
  errors.push(...validateLocalNonReservedPath(item.path, path.child("path")));
  errors.push(...validateFileMode(item.mode, path.child("mode")));
  return errors;
}

function validateDownwardAPIFile(file: DownwardAPIVolumeFile, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!file.path) errors.push(required(path.child("path")));
  errors.push(...validateLocalNonReservedPath(file.path, path.child("path")));
  if (file.fieldRef) {
    errors.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, path.child("fieldRef")));
    if (file.resourceFieldRef) errors.push(invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
  } else if (file.resourceFieldRef) {
    errors.push(...validateResourceFieldSelector(file.resourceFieldRef, true, path.child("resourceFieldRef")));
  } else {
    errors.push(required(path, "one of fieldRef and resourceFieldRef is required"));
  }
  errors.push(...validateFileMode(file.mode, path.child("mode")));
  return errors;
}

function validateProjectedSources(volume: Volume, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const projected = volume.projected;
  if (!projected) return errors;
  errors.push(...validateFileMode(projected.defaultMode, path.child("defaultMode")));
  const paths = new Set<string>();
  const claimPath = (file: string, shown: string): void => {
    if (!file) return;
    if (paths.has(file)) errors.push(invalid(path, shown, "conflicting duplicate paths"));
    else paths.add(file);
  };
  (projected.sources ?? []).forEach((source, i) => {
    const at = path.child("sources").index(i);
    let count = 0;
    for (const key of ["secret", "configMap"] as const) {
      const ref = source[key];
      if (!ref) continue;
      count++;
      if (!ref.name) errors.push(required(at.child(key).child("name")));
      (ref.items ?? []).forEach((item, j) => {
        errors.push(...validateKeyToPath(item, at.child(key).child("items").index(j)));
        claimPath(item.path, ref.name ?? "");
      });
    }
    if (source.downwardAPI) {
      count++;
      for (const file of source.downwardAPI.items ?? []) {
        errors.push(...validateDownwardAPIFile(file, at.child("downwardAPI")));
        claimPath(file.path, file.path);
      }
    }
    const token = source.serviceAccountToken;
    if (token) {
      count++;
      const seconds = token.expirationSeconds ?? 0;
      const tokenPath = at.child("serviceAccountToken");
      if (seconds < MIN_TOKEN_SECONDS) {
        errors.push(invalid(tokenPath.child("expirationSeconds"), seconds, "may not specify a duration less than 10 minutes"));
      }
      if (seconds > MAX_TOKEN_SECONDS) {
        errors.push(invalid(tokenPath.child("expirationSeconds"), seconds, "may not specify a duration larger than 2^32 seconds"));
      }
      if (!token.path) errors.push(required(path.child("path")));
    }
    if (count > 1) errors.push(forbidden(at, "may not specify more than 1 volume type per source"));
  });
  return errors;
}

/** The one source of a volume, checked; `more than 1 volume type` for any after the first. */
function validateVolumeSource(volume: Volume, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  const checks: Record<VolumeSourceName, () => FieldError[]> = {
    emptyDir: () => {
      const limit = volume.emptyDir?.sizeLimit;
      if (limit === undefined) return [];
      const parsed = parseQuantity(limit.trim());
      if (!parsed.ok) return [invalid(path.child("emptyDir").child("sizeLimit"), limit, parsed.error.message)];
      return parsed.value.sign() < 0
        ? [forbidden(path.child("emptyDir").child("sizeLimit"), "SizeLimit field must be a valid resource quantity")]
        : [];
    },
    hostPath: () => {
      const source = volume.hostPath;
      const at = path.child("hostPath");
      if (!source?.path) return [required(at.child("path"))];
      const found = validatePathNoBacksteps(source.path, at.child("path"));
      const type = source.type ?? "";
      if (!HOST_PATH_TYPES.includes(type)) found.push(notSupported(at.child("type"), type, HOST_PATH_TYPES));
      return found;
    },
    secret: () => {
      const source = volume.secret;
      const at = path.child("secret");
      const found: FieldError[] = [];
      if (!source?.secretName) found.push(required(at.child("secretName")));
      found.push(...validateFileMode(source?.defaultMode, at.child("defaultMode")));
      (source?.items ?? []).forEach((item, i) => found.push(...validateKeyToPath(item, at.child("items").index(i))));
      return found;
    },
    nfs: () => {
      const source = volume.nfs;
      const at = path.child("nfs");
      const found: FieldError[] = [];
      if (!source?.server) found.push(required(at.child("server")));
      if (!source?.path) found.push(required(at.child("path")));
      else if (!source.path.startsWith("/")) found.push(invalid(at.child("path"), source.path, "must be an absolute path"));
      return found;
    },
    persistentVolumeClaim: () =>
      volume.persistentVolumeClaim?.claimName ? [] : [required(path.child("persistentVolumeClaim").child("claimName"))],
    downwardAPI: () => {
      const source = volume.downwardAPI;
      const at = path.child("downwardAPI");
      const found = validateFileMode(source?.defaultMode, at.child("defaultMode"));
      (source?.items ?? []).forEach((file) => found.push(...validateDownwardAPIFile(file, at)));
      return found;
    },
    projected: () => validateProjectedSources(volume, path.child("projected")),
    configMap: () => {
      const source = volume.configMap;
      const at = path.child("configMap");
      const found: FieldError[] = [];
      if (!source?.name) found.push(required(at.child("name")));
      found.push(...validateFileMode(source?.defaultMode, at.child("defaultMode")));
      (source?.items ?? []).forEach((item, i) => found.push(...validateKeyToPath(item, at.child("items").index(i))));
      return found;
    },
    csi: () => (volume.csi?.driver ? [] : [required(path.child("csi").child("driver"))]),
    image: () => (volume.image?.reference ? [] : [required(path.child("image").child("reference"))]),
  };
  for (const source of VOLUME_SOURCES) {
    if (volume[source] === undefined) continue;
    if (count > 0) {
      errors.push(forbidden(path.child(source), "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    errors.push(...checks[source]());
  }
  if (count === 0) errors.push(required(path, "must specify a volume type"));
  return errors;
}

/**
 * Validates a pod's volumes and returns the names of the valid ones, which
 * volume mounts may refer to (a mount of an invalid volume is `Not found`,
 * as in Kubernetes).
 */
export function validateVolumes(volumes: readonly Volume[], path: FieldPath): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  volumes.forEach((volume, i) => {
    const at = path.index(i);
    const found = validateVolumeSource(volume, at);
    if (!volume.name) found.push(required(at.child("name")));
    else found.push(...validateDNS1123Label(volume.name, at.child("name")));
    if (names.has(volume.name)) found.push(duplicate(at.child("name"), volume.name));
    if (found.length === 0) names.add(volume.name);
    else errors.push(...found);
  });
  return { names, errors };
}
