import { describe, expect, it } from "vitest";
import { parsePod } from "../testing/parse-pod.js";
import { podFsUser } from "./fs-user.js";

const pod = (spec: object) => parsePod({ metadata: { name: "p", namespace: "ns", uid: "u" }, spec });

describe("podFsUser", () => {
  it("is the user all containers run as, the pod's unless a container names its own", () => {
    expect(podFsUser(pod({ securityContext: { runAsUser: 1000 }, containers: [{ name: "a" }, { name: "b" }] }))).toBe(1000);
    expect(
      podFsUser(pod({ initContainers: [{ name: "i", securityContext: { runAsUser: 7 } }], containers: [{ name: "a", securityContext: { runAsUser: 7 } }] })),
    ).toBe(7);
  });

  it("is undefined when a container names no user or two containers differ", () => {
    expect(podFsUser(pod({ containers: [{ name: "a" }] }))).toBeUndefined();
    expect(podFsUser(pod({ containers: [{ name: "a", securityContext: { runAsUser: 7 } }, { name: "b" }] }))).toBeUndefined();
    expect(
      podFsUser(pod({ securityContext: { runAsUser: 1000 }, initContainers: [{ name: "i", securityContext: { runAsUser: 0 } }], containers: [{ name: "a" }] })),
    ).toBeUndefined();
  });
});
