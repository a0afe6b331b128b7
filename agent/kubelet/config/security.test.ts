import { describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import { linuxSecurity } from "./security.js";
import { parsePod } from "../testing/parse-pod.js";

const securityOf = (podContext: object | undefined, containerContext: object | undefined) => {
  const pod = parsePod({ spec: { securityContext: podContext, containers: [{ name: "c", securityContext: containerContext }] } });
  return linuxSecurity(pod, pod.spec.containers[0] as Container);
};

describe("linuxSecurity", () => {
  it("is all off without any securityContext", () => {
    expect(securityOf(undefined, undefined)).toEqual({
      privileged: false,
      readOnlyRootFilesystem: false,
      capabilitiesAdd: [],
      capabilitiesDrop: [],
      noNewPrivileges: false,
    });
  });

  it("takes user and group from the pod when the container sets none", () => {
    expect(securityOf({ runAsUser: 1000, runAsGroup: 3000 }, {})).toMatchObject({ runAsUser: 1000, runAsGroup: 3000 });
  });

  it("lets the container's user and group win over the pod's, each on its own", () => {
    expect(securityOf({ runAsUser: 1000, runAsGroup: 3000 }, { runAsUser: 2000 })).toMatchObject({ runAsUser: 2000, runAsGroup: 3000 });
    expect(securityOf({ runAsUser: 1000 }, { runAsGroup: 0 })).toMatchObject({ runAsUser: 1000, runAsGroup: 0 });
    expect(securityOf(undefined, { runAsUser: 0 })).toMatchObject({ runAsUser: 0 });
  });

  it("adds the pod's supplementalGroups and fsGroup as extra groups", () => {
    expect(securityOf({ supplementalGroups: [4000, 5000], fsGroup: 2000 }, {}).supplementalGroups).toEqual([4000, 5000, 2000]);
    expect(securityOf({ fsGroup: 2000 }, {}).supplementalGroups).toEqual([2000]);
    expect(securityOf({ supplementalGroups: [7], fsGroup: 7 }, {}).supplementalGroups).toEqual([7]);
  });

  it("takes privileged, readOnlyRootFilesystem and capabilities from the container", () => {
    expect(
      securityOf(
        { runAsUser: 1 },
        { privileged: true, readOnlyRootFilesystem: true, capabilities: { add: ["NET_ADMIN", "SYS_TIME"], drop: ["ALL"] } },
      ),
    ).toMatchObject({ privileged: true, readOnlyRootFilesystem: true, capabilitiesAdd: ["NET_ADMIN", "SYS_TIME"], capabilitiesDrop: ["ALL"] });
  });

  it("sets no-new-privileges only when allowPrivilegeEscalation is false", () => {
    expect(securityOf(undefined, { allowPrivilegeEscalation: false }).noNewPrivileges).toBe(true);
    expect(securityOf(undefined, { allowPrivilegeEscalation: true }).noNewPrivileges).toBe(false);
    expect(securityOf(undefined, {}).noNewPrivileges).toBe(false);
  });
});
