import type { IntOrString } from "../../schema/primitives.js";
import { validateNonnegativeField } from "../../validation/common.js";
import { forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { isValidPortName, isValidPortNum } from "../../validation/names.js";
import type { ExecAction, HTTPGetAction, Lifecycle, LifecycleHandler, Probe, TCPSocketAction } from "./probe.js";

const httpHeaderNamePattern = /^[-A-Za-z0-9]+$/;
const httpHeaderNameMessage =
  "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";

/** A port given by number (1–65535) or by the name of a container port. */
export function validatePortNumOrName(port: IntOrString, path: FieldPath): FieldError[] {
  const messages = typeof port === "number" ? isValidPortNum(port) : isValidPortName(port);
  return messages.map((message) => invalid(path, port, message));
}

function validateExecAction(exec: ExecAction, path: FieldPath): FieldError[] {
  return exec.command && exec.command.length > 0 ? [] : [required(path.child("command"))];
}

function validateHTTPGetAction(action: HTTPGetAction, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!action.path) errors.push(required(path.child("path")));
  errors.push(...validatePortNumOrName(action.port, path.child("port")));
  const scheme = action.scheme ?? "";
  if (scheme !== "HTTP" && scheme !== "HTTPS") errors.push(notSupported(path.child("scheme"), scheme, ["HTTP", "HTTPS"]));
  for (const header of action.httpHeaders ?? []) {
    if (!httpHeaderNamePattern.test(header.name)) errors.push(invalid(path.child("httpHeaders"), header.name, httpHeaderNameMessage));
  }
  return errors;
}

function validateTCPSocketAction(action: TCPSocketAction, path: FieldPath): FieldError[] {
  return validatePortNumOrName(action.port, path.child("port"));
}

/** The handler kinds of a probe or lifecycle hook, in the order Kubernetes checks them. */
type Handler = Pick<Probe, "exec" | "httpGet" | "tcpSocket" | "grpc"> & Pick<LifecycleHandler, "sleep">;

/** Exactly one handler, each valid; `gracePeriod` bounds a sleep. */
function validateHandler(handler: Handler, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  const one = (name: string, check: () => FieldError[]): void => {
    if (count > 0) errors.push(forbidden(path.child(name), "may not specify more than 1 handler type"));
    else {
      count++;
      errors.push(...check());
    }
  };
  if (handler.exec) {
    const exec = handler.exec;
    one("exec", () => validateExecAction(exec, path.child("exec")));
  }
  if (handler.httpGet) {
    const httpGet = handler.httpGet;
    one("httpGet", () => validateHTTPGetAction(httpGet, path.child("httpGet")));
  }
  if (handler.tcpSocket) {
    const tcpSocket = handler.tcpSocket;
    one("tcpSocket", () => validateTCPSocketAction(tcpSocket, path.child("tcpSocket")));
  }
  if (handler.grpc) {
    const grpc = handler.grpc;
    one("grpc", () => validatePortNumOrName(grpc.port, path.child("grpc").child("port")));
  }
  if (handler.sleep) {
    const seconds = handler.sleep.seconds;
    one("sleep", () =>
      gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)
        ? [
            invalid(
              path.child("sleep"),
              seconds,
              `must be non-negative and less than or equal to terminationGracePeriodSeconds (${gracePeriod})`,
            ),
          ]
        : [],
    );
  }
  if (count === 0) errors.push(required(path, "must specify a handler type"));
  return errors;
}

function validateProbe(probe: Probe, path: FieldPath): FieldError[] {
  const { exec, httpGet, tcpSocket, grpc } = probe;
  const errors = validateHandler({ exec, httpGet, tcpSocket, grpc }, undefined, path);
  errors.push(...validateNonnegativeField(probe.initialDelaySeconds, path.child("initialDelaySeconds")));
  errors.push(...validateNonnegativeField(probe.timeoutSeconds, path.child("timeoutSeconds")));
  errors.push(...validateNonnegativeField(probe.periodSeconds, path.child("periodSeconds")));
  errors.push(...validateNonnegativeField(probe.successThreshold, path.child("successThreshold")));
  errors.push(...validateNonnegativeField(probe.failureThreshold, path.child("failureThreshold")));
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace <= 0) errors.push(invalid(path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
  return errors;
}

/** Liveness and startup probes: as any probe, and successThreshold must be 1. */
export function validateLivenessOrStartupProbe(probe: Probe | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errors = validateProbe(probe, path);
  const threshold = probe.successThreshold ?? 0;
  if (threshold !== 1) errors.push(invalid(path.child("successThreshold"), threshold, "must be 1"));
  return errors;
}

/** Readiness probes: as any probe, without their own grace period. */
export function validateReadinessProbe(probe: Probe | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errors = validateProbe(probe, path);
  if (probe.terminationGracePeriodSeconds !== undefined) {
    errors.push(invalid(path.child("terminationGracePeriodSeconds"), probe.terminationGracePeriodSeconds, "must not be set for readinessProbes"));
  }
  return errors;
}

/** postStart and preStop hooks: one handler each; a sleep no longer than the grace period. */
export function validateLifecycle(lifecycle: Lifecycle, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (lifecycle.postStart) errors.push(...validateHandler(lifecycle.postStart, gracePeriod, path.child("postStart")));
  if (lifecycle.preStop) errors.push(...validateHandler(lifecycle.preStop, gracePeriod, path.child("preStop")));
  return errors;
}
