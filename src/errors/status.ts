import { type FieldError, fieldErrorMessage } from "../api/validation/field-error.js";

/**
 * Kubernetes' Status, the body of every error answer, and the one error
 * taxonomy of skiff: the store's results become StatusErrors in the
 * apiserver, travel as Status JSON, and become StatusErrors again in the
 * client and a single line in the CLI.
 */
export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "BadRequest"
  | "Forbidden"
  | "Unauthorized"
  | "Expired"
  | "Gone"
  | "RequestEntityTooLarge"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "UnsupportedMediaType"
  | "TooManyRequests"
  | "Timeout"
  | "ServiceUnavailable"
  | "InternalError";

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: StatusReason | string;
  details?: StatusDetails;
  code: number;
}

/** A failed request, carrying the Status to answer with. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? `status ${status.code}`);
    this.name = "StatusError";
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

/** Names a resource as Kubernetes messages do: `pods`, `deployments.apps`. */
export interface QualifiedResource {
  group: string;
  resource: string;
}

const qualified = (r: QualifiedResource): string => (r.group ? `${r.resource}.${r.group}` : r.resource);

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
  if (details) status.details = details;
  return new StatusError(status);
}

const resourceDetails = (r: QualifiedResource, name: string): StatusDetails => {
  const details: StatusDetails = { name, kind: r.resource };
  if (r.group) details.group = r.group;
  return details;
};

export const notFound = (r: QualifiedResource, name: string): StatusError =>
  failure(404, "NotFound", `${qualified(r)} "${name}" not found`, resourceDetails(r, name));

/** A path naming a resource the server does not serve: Kubernetes' words, then which one, so `kubectl create quota` says why it failed. */
export const resourceNotServed = (r: QualifiedResource): StatusError =>
  failure(404, "NotFound", `the server could not find the requested resource (skiff does not serve ${qualified(r)})`, {
    kind: r.resource,
    ...(r.group ? { group: r.group } : {}),
  });

export const alreadyExists = (r: QualifiedResource, name: string): StatusError =>
  failure(409, "AlreadyExists", `${qualified(r)} "${name}" already exists`, resourceDetails(r, name));

export const conflict = (
  r: QualifiedResource,
  name: string,
  why = "the object has been modified; please apply your changes to the latest version and try again",
): StatusError =>
  failure(409, "Conflict", `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, resourceDetails(r, name));

/**
 * 422 with one cause per bad field. `kind` is the object's Kind
 * (`Deployment`), qualified by group as Kubernetes does (`Deployment.apps`).
 */
export function invalid(kind: { group: string; kind: string }, name: string, errors: readonly FieldError[]): StatusError {
  const qualifiedKind = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const lines = errors.map((e) => `${e.field}: ${fieldErrorMessage(e)}`);
  const list = lines.length === 1 ? lines[0] : `[${lines.join(", ")}]`;
  const details: StatusDetails = {
    name,
    kind: kind.kind,
    causes: errors.map((e) => ({ reason: e.type, message: fieldErrorMessage(e), field: e.field })),
  };
  if (kind.group) details.group = kind.group;
  return failure(422, "Invalid", `${qualifiedKind} "${name}" is invalid: ${list}`, details);
}

export const badRequest = (message: string): StatusError => failure(400, "BadRequest", message);

export const unauthorized = (message = "Unauthorized"): StatusError => failure(401, "Unauthorized", message);

export const forbidden = (r: QualifiedResource, name: string, why: string): StatusError => {
  const target = name ? `${qualified(r)} "${name}"` : qualified(r);
  return failure(403, "Forbidden", `${target} is forbidden: ${why}`, resourceDetails(r, name));
};

export const methodNotSupported = (r: QualifiedResource, verb: string): StatusError =>
  failure(405, "MethodNotAllowed", `${verb} is not supported on resources of kind "${qualified(r)}"`, {
    kind: r.resource,
    ...(r.group ? { group: r.group } : {}),
  });

export const notAcceptable = (message: string): StatusError => failure(406, "NotAcceptable", message);

export const expired = (message: string): StatusError => failure(410, "Expired", message);

export const requestEntityTooLarge = (limitBytes: number): StatusError =>
  failure(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limitBytes}`);

export const unsupportedMediaType = (contentType: string): StatusError =>
  failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got "${contentType}")`);

/** A read at a revision the store has not reached yet (Kubernetes answers 504 and the client retries). */
export const resourceVersionTooLarge = (requested: number, current: number): StatusError =>
  failure(504, "Timeout", `Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
    retryAfterSeconds: 1,
  });

export const serviceUnavailable = (message: string): StatusError => failure(503, "ServiceUnavailable", message);

export const internalError = (message: string): StatusError => failure(500, "InternalError", `Internal error occurred: ${message}`);

/** The Status a successful delete of a whole object answers with when no object is returned. */
export function success(details?: StatusDetails): Status {
  const status: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 200 };
  if (details) status.details = details;
  return status;
}

/** One line for a human: the message, then each cause on its own line. */
export function formatStatusError(error: StatusError): string {
  const causes = error.status.details?.causes ?? [];
  const head = `Error from server (${error.status.reason ?? error.status.code}): ${error.status.message ?? ""}`;
  if (error.status.reason !== "Invalid" || causes.length <= 1) return head;
  return [head, ...causes.map((c) => `  * ${c.field ? `${c.field}: ` : ""}${c.message ?? c.reason ?? ""}`)].join("\n");
}
