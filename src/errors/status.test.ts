import { describe, expect, it } from "vitest";
import { invalid as invalidField, required } from "../api/validation/field-error.js";
import { alreadyExists, conflict, formatStatusError, invalid, notFound } from "./status.js";

describe("Status errors", () => {
  it("words NotFound, AlreadyExists and Conflict as Kubernetes does", () => {
    expect(notFound({ group: "", resource: "pods" }, "web").status).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "web" not found',
      reason: "NotFound",
      details: { name: "web", kind: "pods" },
      code: 404,
    });
    expect(alreadyExists({ group: "apps", resource: "deployments" }, "web").message).toBe(
      'deployments.apps "web" already exists',
    );
    expect(conflict({ group: "", resource: "pods" }, "web").status).toMatchObject({
      code: 409,
      reason: "Conflict",
      message:
        'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it("gives Invalid one cause per field", () => {
    const error = invalid({ group: "apps", kind: "Deployment" }, "web", [
      required("spec.template.spec.containers[0].image"),
      invalidField("spec.replicas", -1, "must be greater than or equal to 0"),
    ]);
    expect(error.status).toMatchObject({
      code: 422,
      reason: "Invalid",
      message:
        'Deployment.apps "web" is invalid: [spec.template.spec.containers[0].image: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]',
      details: {
        name: "web",
        group: "apps",
        kind: "Deployment",
        causes: [
          { reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.containers[0].image" },
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: -1: must be greater than or equal to 0",
            field: "spec.replicas",
          },
        ],
      },
    });
    expect(formatStatusError(error).split("\n")).toHaveLength(3);
  });

  it("keeps a single cause on the message line", () => {
    const error = invalid({ group: "", kind: "Pod" }, "p", [required("spec.containers")]);
    expect(error.message).toBe('Pod "p" is invalid: spec.containers: Required value');
  });
});
