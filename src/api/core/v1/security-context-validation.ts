import { duplicate, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { validateLocalDescendingPath } from "./local-paths.js";
import type { PodSecurityContext, SecurityContext, SecurityProfile } from "./security-context.js";

const ID_MAX = 2147483647;
const PROFILE_TYPES = ["Localhost", "RuntimeDefault", "Unconfined"];
const MAX_APPARMOR_PROFILE_LENGTH = 4095;
const SYSCTL_MAX_LENGTH = 253;
const sysctlFormat = "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";
const sysctlPattern = new RegExp(sysctlFormat);

/** A user or group id: 0 to 2^31-1. */
function validateID(id: number | undefined, path: FieldPath): FieldError[] {
  if (id === undefined || (id >= 0 && id <= ID_MAX)) return [];
  return [invalid(path, id, `must be between 0 and ${ID_MAX}, inclusive`)];
}

function validateSeccompProfile(profile: SecurityProfile | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const errors: FieldError[] = [];
  if (profile.type === "") errors.push(required(path.child("type"), "type is required when seccompProfile is set"));
  else if (!PROFILE_TYPES.includes(profile.type)) errors.push(notSupported(path.child("type"), profile.type, PROFILE_TYPES));
  if (profile.type === "Localhost") {
    if (profile.localhostProfile === undefined) {
      errors.push(required(path.child("localhostProfile"), "must be set when seccomp type is Localhost"));
    } else {
      errors.push(...validateLocalDescendingPath(profile.localhostProfile, path.child("localhostProfile")));
    }
  } else if (profile.localhostProfile !== undefined) {
    errors.push(invalid(path.child("localhostProfile"), profile, "can only be set when seccomp type is Localhost"));
  }
  return errors;
}

function validateAppArmorProfile(profile: SecurityProfile | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const errors: FieldError[] = [];
  if (profile.type === "") errors.push(required(path.child("type"), "type is required when appArmorProfile is set"));
  else if (!PROFILE_TYPES.includes(profile.type)) errors.push(notSupported(path.child("type"), profile.type, PROFILE_TYPES));
  if (profile.type === "Localhost") {
    const local = profile.localhostProfile;
    if (local === undefined) errors.push(required(path.child("localhostProfile"), "must be set when AppArmor type is Localhost"));
    else if (local.trim() === "") errors.push(invalid(path.child("localhostProfile"), local, "must be a non-empty string"));
    else if (local.length > MAX_APPARMOR_PROFILE_LENGTH) {
      errors.push(invalid(path.child("localhostProfile"), local, `must be no more than ${MAX_APPARMOR_PROFILE_LENGTH} bytes`));
    }
  } else if (profile.localhostProfile !== undefined) {
    errors.push(invalid(path.child("localhostProfile"), profile, "can only be set when AppArmor type is Localhost"));
  }
  return errors;
}

/** A container's securityContext: ids in range, known profiles and procMount, no escalation conflicts. */
export function validateSecurityContext(context: SecurityContext | undefined, path: FieldPath): FieldError[] {
  if (!context) return [];
  const errors: FieldError[] = [];
  errors.push(...validateID(context.runAsUser, path.child("runAsUser")));
  errors.push(...validateID(context.runAsGroup, path.child("runAsGroup")));
  if (context.procMount !== undefined && context.procMount !== "Default" && context.procMount !== "Unmasked") {
    errors.push(notSupported(path.child("procMount"), context.procMount, ["Default", "Unmasked"]));
  }
  errors.push(...validateSeccompProfile(context.seccompProfile, path.child("seccompProfile")));
  if (context.allowPrivilegeEscalation === false) {
    if (context.privileged === true) {
      errors.push(invalid(path, context, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
    }
    if ((context.capabilities?.add ?? []).includes("CAP_SYS_ADMIN")) {
      errors.push(invalid(path, context, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
    }
  }
  errors.push(...validateAppArmorProfile(context.appArmorProfile, path.child("appArmorProfile")));
  return errors;
}

/**
 * A pod's securityContext. `specPath` is the PodSpec's path, where
 * Kubernetes reports the shareProcessNamespace/hostPID conflict.
 */
export function validatePodSecurityContext(
  context: PodSecurityContext | undefined,
  spec: { shareProcessNamespace?: boolean | undefined; hostPID?: boolean | undefined },
  specPath: FieldPath,
): FieldError[] {
  const path = specPath.child("securityContext");
  const errors: FieldError[] = [];
  if (context) {
    errors.push(...validateID(context.fsGroup, path.child("fsGroup")));
    errors.push(...validateID(context.runAsUser, path.child("runAsUser")));
    errors.push(...validateID(context.runAsGroup, path.child("runAsGroup")));
    (context.supplementalGroups ?? []).forEach((gid, i) => errors.push(...validateID(gid, path.child("supplementalGroups").index(i))));
  }
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errors.push(invalid(specPath.child("shareProcessNamespace"), true, "ShareProcessNamespace and HostPID cannot both be enabled"));
  }
  if (!context) return errors;
  const seen = new Set<string>();
  (context.sysctls ?? []).forEach((sysctl, i) => {
    const at = path.child("sysctls").index(i).child("name");
    if (!sysctl.name) errors.push(required(at));
    else if (sysctl.name.length > SYSCTL_MAX_LENGTH || !sysctlPattern.test(sysctl.name)) {
      errors.push(invalid(at, sysctl.name, `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${sysctlFormat}`));
    }
    if (seen.has(sysctl.name)) errors.push(duplicate(at, sysctl.name));
    seen.add(sysctl.name);
  });
  const changePolicy = context.fsGroupChangePolicy;
  if (changePolicy !== undefined && changePolicy !== "OnRootMismatch" && changePolicy !== "Always") {
    errors.push(notSupported(path.child("fsGroupChangePolicy"), changePolicy, ["OnRootMismatch", "Always"]));
  }
  errors.push(...validateSeccompProfile(context.seccompProfile, path.child("seccompProfile")));
  errors.push(...validateAppArmorProfile(context.appArmorProfile, path.child("appArmorProfile")));
  return errors;
}
