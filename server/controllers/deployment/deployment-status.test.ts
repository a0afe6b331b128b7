import { describe, expect, it } from "vitest";
import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";
import { calculateStatus, rolloutStatus, setCondition, timeOf, type DeploymentCondition } from "./deployment-status.js";
import type { DeploymentObject } from "./fenceposts.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const deployment = (status: DeploymentObject["status"] = {}, progressDeadlineSeconds = 600): DeploymentObject => ({
  metadata: { name: "web", generation: 2 },
  spec: { replicas: 4, progressDeadlineSeconds, template: {} as never, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } },
  status,
});
const rs = (name: string, replicas: number, status: { replicas: number; readyReplicas?: number; availableReplicas?: number }): ReplicaSetObject => ({
  metadata: { name },
  spec: { replicas, template: {} as never },
  status,
});
const condition = (type: string, status: string, reason: string, at: number): DeploymentCondition => ({ type, status, reason, message: "", lastUpdateTime: timeOf(at), lastTransitionTime: timeOf(at) });

describe("deployment status", () => {
  it("sums the ReplicaSets and is Available at replicas - maxUnavailable", () => {
    const newRS = rs("web-new", 2, { replicas: 2, readyReplicas: 1, availableReplicas: 1 });
    const status = calculateStatus([rs("web-old", 3, { replicas: 3, readyReplicas: 3, availableReplicas: 2 }), newRS], newRS, deployment(), now);
    expect(status).toMatchObject({ observedGeneration: 2, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 3, unavailableReplicas: 2 });
    expect(status.conditions).toEqual([expect.objectContaining({ type: "Available", status: "True", reason: "MinimumReplicasAvailable" })]);
    const short = calculateStatus([rs("web-old", 4, { replicas: 4, availableReplicas: 2 })], undefined, deployment(), now);
    expect(short.conditions?.[0]).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." });
  });

  it("keeps a condition's transition time while its status holds", () => {
    const status = { conditions: [condition("Available", "True", "MinimumReplicasAvailable", now - 60_000)] };
    setCondition(status, condition("Available", "True", "Other", now));
    expect(status.conditions[0]).toMatchObject({ reason: "Other", lastTransitionTime: timeOf(now - 60_000), lastUpdateTime: timeOf(now) });
  });

  it("moves Progressing to ReplicaSetUpdated on progress, to NewReplicaSetAvailable when complete, and times out without progress", () => {
    const started = condition("Progressing", "True", "NewReplicaSetCreated", now - 5_000);
    const newRS = rs("web-new", 2, { replicas: 2, availableReplicas: 0 });
    const old = rs("web-old", 3, { replicas: 3, availableReplicas: 3 });
    const d = deployment({ replicas: 4, updatedReplicas: 1, conditions: [started] });
    const progressing = rolloutStatus([old, newRS], newRS, d, now);
    expect(progressing.conditions?.find((c) => c.type === "Progressing")).toMatchObject({
      reason: "ReplicaSetUpdated",
      message: 'ReplicaSet "web-new" is progressing.',
      lastUpdateTime: timeOf(now),
      lastTransitionTime: started.lastTransitionTime,
    });

    const done = rs("web-new", 4, { replicas: 4, availableReplicas: 4 });
    const complete = rolloutStatus([rs("web-old", 0, { replicas: 0 }), done], done, d, now);
    expect(complete.conditions?.find((c) => c.type === "Progressing")).toMatchObject({ reason: "NewReplicaSetAvailable", message: 'ReplicaSet "web-new" has successfully progressed.' });

    const stalled = deployment({ replicas: 5, updatedReplicas: 2, availableReplicas: 3, conditions: [started] }, 3);
    const timedOut = rolloutStatus([old, newRS], newRS, stalled, now);
    expect(timedOut.conditions?.find((c) => c.type === "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-new" has timed out progressing.' });
  });

  it("carries a ReplicaSet's ReplicaFailure over, and drops Progressing without a deadline", () => {
    const failing: ReplicaSetObject = {
      ...rs("web-new", 2, { replicas: 0 }),
      status: { replicas: 0, conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: "quota", lastTransitionTime: timeOf(now) }] },
    };
    const d = deployment({ conditions: [condition("Progressing", "True", "NewReplicaSetCreated", now)] }, 2147483647);
    const status = rolloutStatus([failing], failing, d, now);
    expect(status.conditions?.map((c) => c.type).sort()).toEqual(["Available", "ReplicaFailure"]);
    expect(status.conditions?.find((c) => c.type === "ReplicaFailure")).toMatchObject({ reason: "FailedCreate", message: "quota", lastUpdateTime: timeOf(now) });
  });
});
