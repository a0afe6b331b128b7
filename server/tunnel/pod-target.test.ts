import { describe, expect, it } from "vitest";
import { StatusError } from "../../src/errors/status.js";
import { assignedNode, chooseContainer, podTargetOf, type PodTarget } from "./pod-target.js";

const stored = podTargetOf({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "shop", uid: "u-7", annotations: { "kubectl.kubernetes.io/default-container": "app" } },
  spec: { nodeName: "pi-1", initContainers: [{ name: "migrate" }], containers: [{ name: "app" }, { name: "proxy" }] },
});
const single: PodTarget = { namespace: "default", name: "solo", uid: "u-1", nodeName: "", initContainers: [], containers: ["main"] };

function badRequestMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StatusError && error.code === 400) return error.message;
    throw error;
  }
  throw new Error("expected a 400");
}

describe("pod targets", () => {
  it("reads what the routes need from a stored pod", () => {
    expect(stored).toEqual({
      namespace: "shop",
      name: "web",
      uid: "u-7",
      nodeName: "pi-1",
      initContainers: ["migrate"],
      containers: ["app", "proxy"],
      defaultContainer: "app",
    });
  });

  it("takes a named container, init containers included", () => {
    expect(chooseContainer(stored, "proxy")).toBe("proxy");
    expect(chooseContainer(stored, "migrate")).toBe("migrate");
    expect(badRequestMessage(() => chooseContainer(stored, "db"))).toBe("container db is not valid for pod web");
  });

  it("defaults to the only container, else to the annotated one", () => {
    expect(chooseContainer(single, "")).toBe("main");
    expect(chooseContainer(stored, "")).toBe("app");
  });

  it("lists every container, init containers first, when it cannot choose", () => {
    const unannotated: PodTarget = { ...stored, defaultContainer: undefined };
    expect(badRequestMessage(() => chooseContainer(unannotated, ""))).toBe(
      "a container name must be specified for pod web, choose one of: [migrate app proxy]",
    );
    const wronglyAnnotated: PodTarget = { ...stored, defaultContainer: "gone" };
    expect(badRequestMessage(() => chooseContainer(wronglyAnnotated, ""))).toContain("choose one of");
  });

  it("needs a node for an exec", () => {
    expect(assignedNode(stored)).toBe("pi-1");
    expect(badRequestMessage(() => assignedNode(single))).toBe("pod solo does not have a host assigned");
  });
});
