import { statusSchema } from "../../api/meta/v1/status.js";
import { type Status, StatusError, type StatusReason } from "../../errors/status.js";

const reasonByCode: Record<number, StatusReason> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  410: "Expired",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/**
 * The StatusError for a failed answer: the server's own Status when the body
 * is one, otherwise one made from the HTTP code and the body's text.
 */
export function statusErrorFrom(code: number, body: Buffer): StatusError {
  const text = body.toString("utf8");
  try {
    const fromBody = statusErrorFromValue(JSON.parse(text), code);
    if (fromBody) return fromBody;
  } catch {
    // not JSON: fall through to a Status made from the code
  }
  const reason = reasonByCode[code] ?? (code >= 500 ? "InternalError" : "BadRequest");
  const message = text.trim() === "" ? `the server answered ${code}` : text.trim().slice(0, 1000);
  return new StatusError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason, message, code });
}

/**
 * The StatusError for a decoded value that is a `kind: Status` object (the
 * body of an error answer, or the object of a watch ERROR event); undefined
 * when it is not one. `code` stands in when the Status carries none.
 */
export function statusErrorFromValue(value: unknown, code: number): StatusError | undefined {
  const parsed = statusSchema.safeParse(value);
  if (!parsed.success || parsed.data.kind !== "Status") return undefined;
  const s = parsed.data;
  const status: Status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: s.status === "Success" ? "Success" : "Failure",
    code: s.code ?? code,
  };
  if (s.message !== undefined) status.message = s.message;
  if (s.reason !== undefined) status.reason = s.reason;
  if (s.details !== undefined) status.details = s.details;
  return new StatusError(status);
}
