import type { RequestInfo } from "../apiserver/request/request-info.js";

/** Who made a request, as the audit log names them (never a credential). */
export interface AuditUser {
  name: string;
  groups: string[];
  uid?: string;
}

/**
 * One line of the audit log: who asked to change what, and how it ended.
 * It never carries a request or response body, nor query values (they can
 * carry tokens or secret data).
 */
export interface AuditEvent {
  /** When the request arrived (RFC 3339, milliseconds). */
  time: string;
  /** Also sent back to the client as the `Audit-Id` header. */
  requestId: string;
  /** null when the request did not authenticate (401). */
  user: AuditUser | null;
  /** The identity the request acted as, when it was impersonated. */
  impersonatedUser?: AuditUser;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** For a write to a path that names no resource (`/skiff/v1/jointokens`, `/skiff/v1/join`): the path; the resource fields are then empty. */
  path?: string;
  /** The HTTP code answered (101 for a switch to WebSocket); 0 when the client left before any answer. */
  code: number;
  /** The Status reason of a failure (`Forbidden`, `Invalid`, ...). */
  reason?: string;
  userAgent: string;
  sourceAddress: string;
}

const writeVerbs = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/** Subresources that act on a running pod whatever the HTTP verb: recorded like writes. */
const actingSubresources = new Set(["exec", "attach", "portforward", "proxy"]);

/** Methods that change something on a path that names no resource (joining, join tokens). */
const writeMethods = new Set(["post", "put", "patch", "delete"]);

/** Whether a request is recorded: every write, and every request that acts on a pod. Reads are not. */
export function isAudited(info: RequestInfo): boolean {
  if (info.kind !== "resource") return writeMethods.has(info.verb);
  return writeVerbs.has(info.verb) || actingSubresources.has(info.subresource);
}
