import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { LinuxSecurity } from "../../runtime/container-runtime.js";

/**
 * A container's security settings, the pod's securityContext merged with
 * the container's as the kubelet merges them: runAsUser and runAsGroup from
 * the container when it sets them, else from the pod; the pod's
 * supplementalGroups plus its fsGroup as extra groups; privileged,
 * readOnlyRootFilesystem and capabilities from the container only;
 * allowPrivilegeEscalation: false → no-new-privileges.
 *
 * Capabilities keep their Kubernetes names (`NET_ADMIN`): Docker upper-cases
 * them and adds the `CAP_` prefix itself, and takes `ALL` as is.
 */
export function linuxSecurity(pod: Pod, container: Container): LinuxSecurity {
  const podContext = pod.spec.securityContext;
  const context = container.securityContext;
  const security: LinuxSecurity = {
    privileged: context?.privileged === true,
    readOnlyRootFilesystem: context?.readOnlyRootFilesystem === true,
    capabilitiesAdd: [...(context?.capabilities?.add ?? [])],
    capabilitiesDrop: [...(context?.capabilities?.drop ?? [])],
    noNewPrivileges: context?.allowPrivilegeEscalation === false,
  };
  const runAsUser = context?.runAsUser ?? podContext?.runAsUser;
  if (runAsUser !== undefined) security.runAsUser = runAsUser;
  const runAsGroup = context?.runAsGroup ?? podContext?.runAsGroup;
  if (runAsGroup !== undefined) security.runAsGroup = runAsGroup;
  const groups = [...(podContext?.supplementalGroups ?? [])];
  if (podContext?.fsGroup !== undefined) groups.push(podContext.fsGroup);
  if (groups.length > 0) security.supplementalGroups = [...new Set(groups)];
  return security;
}
