import { required, type FieldError } from "../../../src/api/validation/field-error.js";
import { root } from "../../../src/api/validation/field-path.js";
import { invalid } from "../../../src/errors/status.js";
import type { Authorizer, RequestAttributes } from "../authorizer.js";
import type { UserInfo } from "../user.js";
import type { NonResourceAttributesSpec, ResourceAttributesSpec } from "./review-schemas.js";

export const authorizationGroup = "authorization.k8s.io";

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributesSpec | undefined;
  nonResourceAttributes?: NonResourceAttributesSpec | undefined;
}

/** A review asks about exactly one of a resource or a non-resource path. */
export function accessReviewSpecErrors(spec: AccessReviewSpec): FieldError[] {
  const both = spec.resourceAttributes !== undefined && spec.nonResourceAttributes !== undefined;
  const neither = spec.resourceAttributes === undefined && spec.nonResourceAttributes === undefined;
  if (both || neither) return [required(root("spec").child("resourceAttributes"), "exactly one of nonResourceAttributes or resourceAttributes must be specified")];
  return [];
}

/** The request a review describes, as if `user` made it. */
export function reviewAttributes(spec: AccessReviewSpec, user: UserInfo): RequestAttributes {
  const nonResource = spec.nonResourceAttributes;
  if (nonResource) return { kind: "nonresource", user, verb: nonResource.verb, path: nonResource.path };
  const r = spec.resourceAttributes!;
  return {
    kind: "resource",
    user,
    verb: r.verb,
    group: r.group,
    version: r.version,
    resource: r.resource,
    subresource: r.subresource,
    namespace: r.namespace,
    name: r.name,
    fieldSelector: "",
    labelSelector: "",
  };
}

/** Asks the server's own authorizer and answers as SubjectAccessReviewStatus. */
export async function reviewStatus(authorizer: Authorizer, kind: string, spec: AccessReviewSpec, user: UserInfo): Promise<{ allowed: boolean; reason?: string }> {
  const errors = accessReviewSpecErrors(spec);
  if (errors.length > 0) throw invalid({ group: authorizationGroup, kind }, "", errors);
  const decision = await authorizer.authorize(reviewAttributes(spec, user));
  const status: { allowed: boolean; reason?: string } = { allowed: decision.decision === "allow" };
  if (decision.reason) status.reason = decision.reason;
  return status;
}
