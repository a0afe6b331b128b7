import type { UserInfo } from "../../auth/user.js";

/** One create of a virtual resource: who asks, where, and the body as decoded JSON (or protobuf read as JSON). */
export interface VirtualCreate {
  user: UserInfo;
  /** "" for cluster-scoped resources. */
  namespace: string;
  body: unknown;
}

/**
 * A create-only resource that is never stored: the answer is computed from
 * the request (Kubernetes' SelfSubjectAccessReview, SubjectAccessReview,
 * SelfSubjectReview; TokenReview would be one too). Discovery lists it with
 * the single verb "create"; every other verb is 405.
 */
export interface VirtualResource {
  group: string;
  version: string;
  /** Plural, as in the URL: `selfsubjectaccessreviews`. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  /** The object to send back (201), or a thrown StatusError. */
  create(request: VirtualCreate): Promise<unknown> | unknown;
}
