import { describe, expect, it } from "vitest";
import { servedResources } from "../resources/model-resources.js";
import { ResourceTable } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { AdmissionRequest } from "./admission.js";
import { defaultTolerationSecondsAdmission } from "./default-toleration-seconds.js";

const table = new ResourceTable(servedResources());
const pods = table.find("", "v1", "pods")!;

function podWrite(tolerations: unknown[] | undefined, change: Partial<AdmissionRequest> = {}): AdmissionRequest & { object: StoredObject } {
  return {
    operation: "create",
    user: { name: "jane", groups: [] },
    resource: pods,
    subresource: "",
    namespace: "default",
    name: "web",
    object: { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [], ...(tolerations ? { tolerations } : {}) } },
    dryRun: false,
    ...change,
  } as AdmissionRequest & { object: StoredObject };
}

const tolerationsOf = (request: { object: StoredObject }): unknown => (request.object.spec as { tolerations?: unknown }).tolerations;

describe("DefaultTolerationSeconds admission", () => {
  it("gives a new pod 300 s tolerations of the not-ready and unreachable NoExecute taints", async () => {
    const request = podWrite(undefined);
    await defaultTolerationSecondsAdmission().admit(request);
    expect(tolerationsOf(request)).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
  });

  it("keeps a toleration the pod has, adds only the missing one, with the configured seconds", async () => {
    const own = { key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 2 };
    const request = podWrite([own]);
    await defaultTolerationSecondsAdmission({ notReadySeconds: 30, unreachableSeconds: 60 }).admit(request);
    expect(tolerationsOf(request)).toEqual([own, { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 }]);
  });

  it("adds nothing to a pod that tolerates every NoExecute taint, or one whose tolerations are for other effects only", async () => {
    const everything = podWrite([{ operator: "Exists", effect: "NoExecute" }]);
    await defaultTolerationSecondsAdmission().admit(everything);
    expect(tolerationsOf(everything)).toEqual([{ operator: "Exists", effect: "NoExecute" }]);
    const noSchedule = podWrite([{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoSchedule" }]);
    await defaultTolerationSecondsAdmission().admit(noSchedule);
    expect((tolerationsOf(noSchedule) as unknown[]).length).toBe(3);
  });

  it("puts them back on an update that left them out, and leaves subresources and other resources alone", async () => {
    const update = podWrite(undefined, { operation: "update" });
    await defaultTolerationSecondsAdmission().admit(update);
    expect((tolerationsOf(update) as unknown[]).length).toBe(2);
    for (const change of [{ subresource: "status" }, { resource: table.find("", "v1", "services")! }]) {
      const request = podWrite(undefined, change);
      await defaultTolerationSecondsAdmission().admit(request);
      expect(tolerationsOf(request)).toBeUndefined();
    }
  });
});
