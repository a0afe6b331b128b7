import type { Pod } from "../../../src/api/core/v1/pod.js";

/**
 * The user every init container and container of the pod runs as, when
 * each names one (its own runAsUser, else the pod's) and they all name the
 * same; undefined otherwise. The kubelet's FsUserFrom: a token file belongs
 * to that user, so only the pod's own user reads it.
 */
export function podFsUser(pod: Pod): number | undefined {
  const podUser = pod.spec.securityContext?.runAsUser;
  let user: number | undefined;
  for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const runAsUser = container.securityContext?.runAsUser ?? podUser;
    if (runAsUser === undefined || (user !== undefined && user !== runAsUser)) return undefined;
    user = runAsUser;
  }
  return user;
}
