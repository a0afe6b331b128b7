import { required } from "../../../src/api/validation/field-error.js";
import { root } from "../../../src/api/validation/field-path.js";
import { invalid } from "../../../src/errors/status.js";
import type { VirtualResource } from "../../apiserver/virtual/virtual-resource.js";
import type { Authorizer } from "../authorizer.js";
import type { RbacPolicy } from "../rbac/rbac-policy.js";
import type { UserInfo } from "../user.js";
import { authorizationGroup, reviewStatus } from "./access-review.js";
import { readReview } from "./review-body.js";
import { selfSubjectAccessReviewSchema, selfSubjectRulesReviewSchema, subjectAccessReviewSchema } from "./review-schemas.js";
import { rulesReviewStatus } from "./rules-review.js";

const authenticationGroup = "authentication.k8s.io";
const created = { creationTimestamp: null };

/**
 * The access reviews as virtual resources (create-only, never stored):
 * `kubectl auth can-i` (SelfSubjectAccessReview), `can-i --list`
 * (SelfSubjectRulesReview), admins asking about others
 * (SubjectAccessReview) and `kubectl auth whoami` (SelfSubjectReview).
 */
export function reviewResources(authorizer: Authorizer, policy: RbacPolicy): VirtualResource[] {
  return [
    {
      group: authorizationGroup,
      version: "v1",
      resource: "selfsubjectaccessreviews",
      kind: "SelfSubjectAccessReview",
      singular: "selfsubjectaccessreview",
      namespaced: false,
      async create({ user, body }) {
        const { spec } = readReview(selfSubjectAccessReviewSchema, body, authorizationGroup, "SelfSubjectAccessReview");
        const status = await reviewStatus(authorizer, "SelfSubjectAccessReview", spec, user);
        return { kind: "SelfSubjectAccessReview", apiVersion: "authorization.k8s.io/v1", metadata: created, spec, status };
      },
    },
    {
      group: authorizationGroup,
      version: "v1",
      resource: "subjectaccessreviews",
      kind: "SubjectAccessReview",
      singular: "subjectaccessreview",
      namespaced: false,
      async create({ body }) {
        const { spec } = readReview(subjectAccessReviewSchema, body, authorizationGroup, "SubjectAccessReview");
        if (spec.user === "" && spec.groups.length === 0) {
          throw invalid({ group: authorizationGroup, kind: "SubjectAccessReview" }, "", [required(root("spec").child("user"), "at least one of user or group must be specified")]);
        }
        const subject: UserInfo = { name: spec.user, groups: spec.groups };
        if (spec.uid) subject.uid = spec.uid;
        if (spec.extra) subject.extra = spec.extra;
        const status = await reviewStatus(authorizer, "SubjectAccessReview", spec, subject);
        return { kind: "SubjectAccessReview", apiVersion: "authorization.k8s.io/v1", metadata: created, spec, status };
      },
    },
    {
      group: authorizationGroup,
      version: "v1",
      resource: "selfsubjectrulesreviews",
      kind: "SelfSubjectRulesReview",
      singular: "selfsubjectrulesreview",
      namespaced: false,
      create({ user, body }) {
        const { spec } = readReview(selfSubjectRulesReviewSchema, body, authorizationGroup, "SelfSubjectRulesReview");
        return { kind: "SelfSubjectRulesReview", apiVersion: "authorization.k8s.io/v1", metadata: created, spec, status: rulesReviewStatus(policy, user, spec.namespace) };
      },
    },
    {
      group: authenticationGroup,
      version: "v1",
      resource: "selfsubjectreviews",
      kind: "SelfSubjectReview",
      singular: "selfsubjectreview",
      namespaced: false,
      create({ user }) {
        const userInfo: Record<string, unknown> = { username: user.name, groups: user.groups };
        if (user.uid) userInfo.uid = user.uid;
        if (user.extra) userInfo.extra = user.extra;
        return { kind: "SelfSubjectReview", apiVersion: "authentication.k8s.io/v1", metadata: created, status: { userInfo } };
      },
    },
  ];
}
