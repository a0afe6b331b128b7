import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { HTTPGetAction, Probe } from "../../../src/api/core/v1/probe.js";
import type { Clock } from "../../../src/clock.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerRuntime } from "../../runtime/container-runtime.js";
import { ActionError } from "../actions/action-error.js";
import { resolveContainerPort } from "../actions/container-port.js";
import type { GrpcHealthChecker } from "../actions/grpc-health-check.js";
import { CommandTimeoutError, MAX_OUTPUT_BYTES, runCommand } from "../actions/exec-command.js";
import { HttpGetError, type HttpGetter } from "../actions/http-get.js";
import { httpGetRequest } from "../actions/http-get-request.js";
import { DialError, type TcpDialer } from "../actions/tcp-dial.js";
import { containerReference, formatPod } from "./container-reference.js";
import { PROBE_KIND_TITLE, probeSettings, type ProbeKind } from "./probe-settings.js";

/** The container a probe checks, as it is now. */
export interface ProbeTarget {
  pod: Pod;
  container: Container;
  containerId: string;
  podIP: string | undefined;
}

/** How the prober reaches containers: the engine for exec, and the network (injected so unit tests need neither). */
export interface ProbeTransports {
  runtime: Pick<ContainerRuntime, "exec">;
  httpGet: HttpGetter;
  tcpDial: TcpDialer;
  grpcHealthCheck: GrpcHealthChecker;
  clock: Clock;
}

/** One check's verdict: a warning (redirect elsewhere) counts as success. */
type CheckResult = { result: "success" | "warning" | "failure"; output: string };

/** The kubelet tries an action up to three times when it could not be run at all. */
const MAX_ATTEMPTS = 3;

/**
 * Runs one probe once, as the kubelet's prober does, and records what
 * `kubectl describe` shows: `Unhealthy` for a failure (`Liveness probe
 * failed: HTTP probe failed with statuscode: 500`) or for an action that
 * could not be run (`... probe errored and resulted in unknown state: ...`),
 * `ProbeWarning` for a redirect to another host.
 */
export class Prober {
  constructor(
    private readonly transports: ProbeTransports,
    private readonly events: EventRecorder,
    private readonly log: Logger,
  ) {}

  /** "success" or "failure"; undefined when the probe errored (its result is dropped). */
  async probe(kind: ProbeKind, probe: Probe, target: ProbeTarget): Promise<"success" | "failure" | undefined> {
    const title = PROBE_KIND_TITLE[kind];
    const reference = containerReference(target.pod, target.container);
    let error: ActionError | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        const { result, output } = await this.check(probe, target);
        if (result === "success") return "success";
        if (result === "warning") {
          this.events.event(reference, "Warning", "ProbeWarning", `${title} probe warning: ${output}`);
          return "success";
        }
        this.log.debug({ pod: formatPod(target.pod), container: target.container.name, kind, output }, "probe failed");
        this.events.event(reference, "Warning", "Unhealthy", `${title} probe failed: ${output}`);
        return "failure";
      } catch (caught) {
        error = caught instanceof ActionError ? caught : new ActionError(String(caught instanceof Error ? caught.message : caught), { cause: caught });
      }
    }
    const message = error?.message ?? "";
    this.log.debug({ pod: formatPod(target.pod), container: target.container.name, kind, err: message }, "probe errored");
    this.events.event(reference, "Warning", "Unhealthy", `${title} probe errored and resulted in unknown state: ${message}`);
    return undefined;
  }

  private check(probe: Probe, target: ProbeTarget): Promise<CheckResult> {
    const { timeoutMs } = probeSettings(probe);
    if (probe.exec) return this.checkExec(probe.exec.command ?? [], timeoutMs, target);
    if (probe.httpGet) return this.checkHttpGet(probe.httpGet, timeoutMs, target);
    if (probe.tcpSocket) {
      const port = resolveContainerPort(probe.tcpSocket.port, target.container);
      return this.checkTcp(probe.tcpSocket.host || target.podIP, port, timeoutMs);
    }
    if (probe.grpc) return this.checkGrpc(probe.grpc.port, probe.grpc.service ?? "", timeoutMs, target.podIP);
    throw new ActionError(`missing probe handler for ${formatPod(target.pod)}:${target.container.name}`);
  }

  private async checkExec(command: string[], timeoutMs: number, target: ProbeTarget): Promise<CheckResult> {
    const { runtime, clock } = this.transports;
    try {
      const { exitCode, stdout, stderr } = await runCommand(runtime, target.containerId, command, { clock, timeoutMs });
      const output = Buffer.from(stdout + stderr).subarray(0, MAX_OUTPUT_BYTES).toString("utf8");
      return { result: exitCode === 0 ? "success" : "failure", output };
    } catch (error) {
      if (error instanceof CommandTimeoutError) return { result: "failure", output: error.message };
      throw new ActionError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  private async checkHttpGet(action: HTTPGetAction, timeoutMs: number, target: ProbeTarget): Promise<CheckResult> {
    const request = httpGetRequest(action, target.container, target.podIP, "probe");
    const { clock, httpGet } = this.transports;
    try {
      const { statusCode, body } = await httpGet(request, { timeoutMs, clock });
      if (statusCode >= 200 && statusCode < 300) return { result: "success", output: body };
      if (statusCode >= 300 && statusCode < 400) return { result: "warning", output: `Probe terminated redirects, Response body: ${body}` };
      // Never the body: it may hold what should not reach an event (Kubernetes issue 99425).
      return { result: "failure", output: `HTTP probe failed with statuscode: ${statusCode}` };
    } catch (error) {
      if (error instanceof HttpGetError) return { result: "failure", output: error.message };
      throw error;
    }
  }

  private async checkGrpc(port: number, service: string, timeoutMs: number, podIP: string | undefined): Promise<CheckResult> {
    // gRPC probes have no host field: always the pod's IP.
    if (!podIP) throw new ActionError("failed to find networking container: the pod has no IP");
    const { clock, grpcHealthCheck } = this.transports;
    const { serving, message } = await grpcHealthCheck(podIP, port, service, { timeoutMs, clock });
    return { result: serving ? "success" : "failure", output: message };
  }

  private async checkTcp(host: string | undefined, port: number, timeoutMs: number): Promise<CheckResult> {
    if (!host) throw new ActionError("failed to find networking container: the pod has no IP");
    const { clock, tcpDial } = this.transports;
    try {
      await tcpDial(host, port, { timeoutMs, clock });
      return { result: "success", output: "" };
    } catch (error) {
      if (error instanceof DialError) return { result: "failure", output: error.message };
      throw error;
    }
  }
}
