import { describe, expect, it } from "vitest";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { setNewReplicaSetAnnotations } from "./replica-set-annotations.js";

describe("setNewReplicaSetAnnotations", () => {
  const d: ApiObject = {
    metadata: {
      annotations: {
        "kubernetes.io/change-cause": "image set to 2",
        "deployment.kubernetes.io/revision": "9",
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
      },
    },
  };

  it("copies the Deployment's own annotations, sets the revision and, on creation, the replicas annotations", () => {
    const rs: ApiObject = { metadata: {} };
    expect(setNewReplicaSetAnnotations(d, rs, 3, false, 4, 5)).toBe(true);
    expect(rs.metadata?.annotations).toEqual({
      "kubernetes.io/change-cause": "image set to 2",
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/desired-replicas": "4",
      "deployment.kubernetes.io/max-replicas": "5",
    });
    expect(setNewReplicaSetAnnotations(d, rs, 3, true, 4, 5)).toBe(false);
  });

  it("keeps the revisions a re-used ReplicaSet had in revision-history", () => {
    const rs: ApiObject = { metadata: { annotations: { "deployment.kubernetes.io/revision": "1" } } };
    setNewReplicaSetAnnotations({ metadata: {} }, rs, 3, true, 1, 2);
    setNewReplicaSetAnnotations({ metadata: {} }, rs, 5, true, 1, 2);
    expect(rs.metadata?.annotations).toMatchObject({ "deployment.kubernetes.io/revision": "5", "deployment.kubernetes.io/revision-history": "1,3" });
  });
});
