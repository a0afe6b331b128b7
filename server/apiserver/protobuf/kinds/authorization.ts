import { metadata, type MessageSchema } from "../schemas.js";

const resourceAttributes: MessageSchema = {
  1: { name: "namespace", type: "string" },
  2: { name: "verb", type: "string" },
  3: { name: "group", type: "string" },
  4: { name: "version", type: "string" },
  5: { name: "resource", type: "string" },
  6: { name: "subresource", type: "string" },
  7: { name: "name", type: "string" },
};

const nonResourceAttributes: MessageSchema = {
  1: { name: "path", type: "string" },
  2: { name: "verb", type: "string" },
};

const accessReviewStatus: MessageSchema = {
  1: { name: "allowed", type: "bool" },
  2: { name: "reason", type: "string" },
  3: { name: "evaluationError", type: "string" },
  4: { name: "denied", type: "bool" },
};

const rulesReviewStatus: MessageSchema = {
  3: { name: "incomplete", type: "bool" },
  4: { name: "evaluationError", type: "string" },
};

/**
 * The reviews kubectl sends as protobuf: `auth can-i` (SelfSubjectAccessReview),
 * `auth can-i --list` (SelfSubjectRulesReview), `auth whoami`
 * (authentication.k8s.io SelfSubjectReview), and SubjectAccessReview.
 * Their (empty) status comes along and is read, then ignored. Extra user
 * fields (a map of lists) are not read from protobuf: send JSON for those.
 */
export const authorizationProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "authorization.k8s.io/v1/SelfSubjectAccessReview": {
    1: metadata,
    2: {
      name: "spec",
      type: {
        message: {
          1: { name: "resourceAttributes", type: { message: resourceAttributes } },
          2: { name: "nonResourceAttributes", type: { message: nonResourceAttributes } },
        },
      },
    },
    3: { name: "status", type: { message: accessReviewStatus } },
  },
  "authorization.k8s.io/v1/SubjectAccessReview": {
    1: metadata,
    2: {
      name: "spec",
      type: {
        message: {
          1: { name: "resourceAttributes", type: { message: resourceAttributes } },
          2: { name: "nonResourceAttributes", type: { message: nonResourceAttributes } },
          3: { name: "user", type: "string" },
          4: { name: "groups", type: "string", repeated: true },
          6: { name: "uid", type: "string" },
        },
      },
    },
    3: { name: "status", type: { message: accessReviewStatus } },
  },
  "authorization.k8s.io/v1/SelfSubjectRulesReview": {
    1: metadata,
    2: { name: "spec", type: { message: { 1: { name: "namespace", type: "string" } } } },
    3: { name: "status", type: { message: rulesReviewStatus } },
  },
  "authentication.k8s.io/v1/SelfSubjectReview": {
    1: metadata,
    2: {
      name: "status",
      type: {
        message: {
          1: {
            name: "userInfo",
            type: {
              message: {
                1: { name: "username", type: "string" },
                2: { name: "uid", type: "string" },
                3: { name: "groups", type: "string", repeated: true },
              },
            },
          },
        },
      },
    },
  },
};
