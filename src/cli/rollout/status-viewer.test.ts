import { describe, expect, it } from "vitest";
import { readDeployment } from "./deployment-objects.js";
import { RolloutError } from "./rollout-error.js";
import { deploymentRolloutStatus } from "./status-viewer.js";

const deployment = (status: Record<string, unknown>, options: { generation?: number; replicas?: number; revision?: string } = {}) =>
  readDeployment({
    metadata: {
      name: "web",
      generation: options.generation ?? 2,
      ...(options.revision ? { annotations: { "deployment.kubernetes.io/revision": options.revision } } : {}),
    },
    spec: { replicas: options.replicas ?? 3, template: {} },
    status,
  });

const observed = { observedGeneration: 2 };

describe("deploymentRolloutStatus", () => {
  it("waits for the controller to see the latest spec", () => {
    expect(deploymentRolloutStatus(deployment({}), 0)).toEqual({ message: "Waiting for deployment spec update to be observed...\n", done: false });
    expect(deploymentRolloutStatus(deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), 0).done).toBe(false);
  });

  it("reports updated, then old, then available replicas, in kubectl's words", () => {
    const lines = [
      { ...observed, replicas: 3, updatedReplicas: 1 },
      { ...observed, replicas: 4, updatedReplicas: 3 },
      { ...observed, replicas: 3, updatedReplicas: 3, availableReplicas: 2 },
    ].map((status) => deploymentRolloutStatus(deployment(status), 0));
    expect(lines).toEqual([
      { message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n', done: false },
      { message: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n', done: false },
      { message: 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n', done: false },
    ]);
  });

  it("is done when every replica is updated and available and no old one is left", () => {
    const done = { message: 'deployment "web" successfully rolled out\n', done: true };
    expect(deploymentRolloutStatus(deployment({ ...observed, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), 0)).toEqual(done);
    // More updated than wanted (a scale-down under way) is done too, as for kubectl.
    expect(deploymentRolloutStatus(deployment({ ...observed, replicas: 4, updatedReplicas: 4, availableReplicas: 4 }), 0)).toEqual(done);
    expect(deploymentRolloutStatus(deployment({ ...observed }, { replicas: 0 }), 0)).toEqual(done);
  });

  it("fails once the progress deadline has passed", () => {
    const stuck = deployment({ ...observed, replicas: 3, updatedReplicas: 1, conditions: [{ type: "Available", status: "True", reason: "ProgressDeadlineExceeded" }, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] });
    expect(() => deploymentRolloutStatus(stuck, 0)).toThrow(new RolloutError('deployment "web" exceeded its progress deadline'));
    const progressing = deployment({ ...observed, replicas: 3, updatedReplicas: 1, conditions: [{ type: "Progressing", status: "True", reason: "ReplicaSetUpdated" }] });
    expect(deploymentRolloutStatus(progressing, 0).done).toBe(false);
  });

  it("holds to a pinned revision", () => {
    const atTwo = deployment({ ...observed, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, { revision: "2" });
    expect(deploymentRolloutStatus(atTwo, 2).done).toBe(true);
    expect(() => deploymentRolloutStatus(atTwo, 3)).toThrow("desired revision (3) is different from the running revision (2)");
    expect(() => deploymentRolloutStatus(deployment({}, { revision: "two" }), 1)).toThrow(
      'cannot get the revision of deployment "web": strconv.ParseInt: parsing "two": invalid syntax',
    );
  });
});
