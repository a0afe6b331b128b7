import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RequestInfo } from "../apiserver/request/request-info.js";
import type { UserInfo } from "../auth/user.js";
import { isAudited, type AuditEvent, type AuditUser } from "./audit-event.js";

/** A user agent longer than this is cut: it is free text from the client. */
const maxUserAgentLength = 256;

/**
 * What the audit log learns about one request while it is served: the
 * handler fills in the identity, the target and the failure as it finds
 * them, and asks for the event when the answer is done.
 */
export class RequestAudit {
  readonly id = randomUUID();
  private readonly received: Date;
  private readonly userAgent: string;
  // Read on arrival: a closed socket no longer knows its peer.
  private readonly sourceAddress: string;
  info: RequestInfo | undefined;
  /** Who the request runs as; an impersonated user carries who authenticated. */
  user: UserInfo | undefined;
  /** The object's name when the path does not carry it (a create names it in the body). */
  objectName = "";
  reason: string | undefined;

  constructor(request: IncomingMessage, now: Date) {
    this.received = now;
    this.userAgent = (request.headers["user-agent"] ?? "").slice(0, maxUserAgentLength);
    this.sourceAddress = request.socket.remoteAddress ?? "";
  }

  /** Takes the name from an answered object (`metadata.name`), for creates. */
  nameFrom(body: unknown): void {
    if (typeof body !== "object" || body === null) return;
    const metadata = (body as { metadata?: unknown }).metadata;
    if (typeof metadata !== "object" || metadata === null) return;
    const name = (metadata as { name?: unknown }).name;
    if (typeof name === "string") this.objectName = name;
  }

  /** The event for this request, or undefined when it is not audited (reads, non-resource paths). */
  event(code: number): AuditEvent | undefined {
    const info = this.info;
    if (info === undefined || !isAudited(info)) return undefined;
    const target =
      info.kind === "resource"
        ? { apiGroup: info.group, apiVersion: info.version, resource: info.resource, subresource: info.subresource, namespace: info.namespace, name: info.name || this.objectName }
        : { apiGroup: "", apiVersion: "", resource: "", subresource: "", namespace: "", name: "", path: info.path };
    const event: AuditEvent = {
      time: this.received.toISOString(),
      requestId: this.id,
      user: this.user ? auditUser(this.user.impersonator ?? this.user) : null,
      verb: info.verb,
      ...target,
      code,
      userAgent: this.userAgent,
      sourceAddress: this.sourceAddress,
    };
    if (this.user?.impersonator) event.impersonatedUser = auditUser(this.user);
    if (this.reason !== undefined) event.reason = this.reason;
    return event;
  }
}

function auditUser(user: UserInfo): AuditUser {
  return { name: user.name, groups: [...user.groups], ...(user.uid ? { uid: user.uid } : {}) };
}
