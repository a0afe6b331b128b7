import { describe, expect, it } from "vitest";
import { StatusError } from "../../../src/errors/status.js";
import { servedResources } from "../resources/model-resources.js";
import { ResourceTable } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";
import type { AdmissionRequest } from "./admission.js";
import { serviceAccountAdmission } from "./service-account.js";

const table = new ResourceTable(servedResources());
const pods = table.find("", "v1", "pods")!;

function podCreate(spec: Record<string, unknown>): AdmissionRequest & { object: StoredObject } {
  return {
    operation: "create",
    user: { name: "jane", groups: [] },
    resource: pods,
    subresource: "",
    namespace: "fresh",
    name: "web",
    object: { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "fresh" }, spec },
    dryRun: false,
  };
}

describe("ServiceAccount admission without the ServiceAccount in the store", () => {
  const plugin = serviceAccountAdmission(async () => undefined);

  it("lets a pod run as a `default` that the controller has not made yet, with its token mounted", async () => {
    const request = podCreate({ containers: [{ name: "a", image: "busybox" }] });
    await plugin.admit(request);
    const spec = request.object.spec as { serviceAccountName: string; volumes: Array<{ name: string }> };
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.volumes.map((v) => v.name)).toEqual([expect.stringMatching(/^kube-api-access-/)]);
  });

  it("refuses any other missing ServiceAccount with 403", async () => {
    const error = await Promise.resolve(plugin.admit(podCreate({ serviceAccountName: "robot", containers: [] }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(403);
  });

  it("leaves other writes alone", async () => {
    const update = { ...podCreate({ containers: [] }), operation: "update" as const };
    await plugin.admit(update);
    expect(update.object.spec).toEqual({ containers: [] });
  });
});
