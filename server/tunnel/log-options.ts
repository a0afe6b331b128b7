import { forbidden, invalid, type FieldError } from "../../src/api/validation/field-error.js";
import { invalid as invalidStatus } from "../../src/errors/status.js";
import { queryBool, queryInt64, queryTime } from "./query-values.js";

/** Kubernetes' PodLogOptions, read from the query of `pods/{name}/log`. */
export interface PodLogOptions {
  /** "" when the request names none. */
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** RFC 3339 in whole seconds, UTC, as Kubernetes passes it on to the node. */
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
}

/**
 * Reads and checks the log options: an unreadable value is a 400, a value out
 * of bounds a 422 `PodLogOptions "web" is invalid: ...`, as in Kubernetes.
 */
export function parsePodLogOptions(query: URLSearchParams, podName: string): PodLogOptions {
  const options: PodLogOptions = {
    container: query.get("container") ?? "",
    follow: queryBool(query, "follow"),
    previous: queryBool(query, "previous"),
    timestamps: queryBool(query, "timestamps"),
  };
  const sinceSeconds = queryInt64(query, "sinceSeconds");
  const sinceTime = queryTime(query, "sinceTime");
  const tailLines = queryInt64(query, "tailLines");
  const limitBytes = queryInt64(query, "limitBytes");
  if (sinceSeconds !== undefined) options.sinceSeconds = sinceSeconds;
  if (sinceTime !== undefined) options.sinceTime = new Date(Math.floor(sinceTime / 1000) * 1000).toISOString().replace(".000Z", "Z");
  if (tailLines !== undefined) options.tailLines = tailLines;
  if (limitBytes !== undefined) options.limitBytes = limitBytes;

  const errors = validatePodLogOptions(options);
  if (errors.length > 0) throw invalidStatus({ group: "", kind: "PodLogOptions" }, podName, errors);
  return options;
}

function validatePodLogOptions(options: PodLogOptions): FieldError[] {
  const errors: FieldError[] = [];
  if (options.tailLines !== undefined && options.tailLines < 0) {
    errors.push(invalid("tailLines", options.tailLines, "must be greater than or equal to 0"));
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1) {
    errors.push(invalid("limitBytes", options.limitBytes, "must be greater than 0"));
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    errors.push(forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
  } else if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
    errors.push(invalid("sinceSeconds", options.sinceSeconds, "must be greater than 0"));
  }
  return errors;
}
