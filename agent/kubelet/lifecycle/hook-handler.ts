import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { HTTPGetAction, LifecycleHandler } from "../../../src/api/core/v1/probe.js";
import { sleep, type Clock } from "../../../src/clock.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { ContainerRuntime } from "../../runtime/container-runtime.js";
import { runCommand } from "../actions/exec-command.js";
import { HttpGetError, hostPort, type HttpGetRequest, type HttpGetter } from "../actions/http-get.js";
import { httpGetRequest } from "../actions/http-get-request.js";
import { formatPod } from "../probes/container-reference.js";

export interface HookHandlerDeps {
  runtime: Pick<ContainerRuntime, "exec">;
  httpGet: HttpGetter;
  clock: Clock;
  events: EventRecorder;
}

export interface HookContext {
  pod: Pod;
  container: Container;
  containerId: string;
  podIP: string | undefined;
  /** Aborted when the caller stops waiting (a preStop's grace period ran out). */
  signal?: AbortSignal;
}

/**
 * Runs one lifecycle handler as the kubelet's handler runner does: exec
 * (non-zero exit fails), httpGet (only no response fails — the status code
 * is not looked at; an HTTPS hook answered in plain HTTP is retried in
 * HTTP), sleep. tcpSocket is accepted by the API but never run (it fails),
 * as in Kubernetes. Resolves with undefined on success, else with the
 * kubelet's failure message.
 */
export async function runHookHandler(handler: LifecycleHandler, context: HookContext, deps: HookHandlerDeps): Promise<string | undefined> {
  const where = `for Container ${JSON.stringify(context.container.name)} in Pod ${JSON.stringify(formatPod(context.pod))}`;
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const failure = await runExec(command, context, deps);
    return failure && `Exec lifecycle hook ([${command.join(" ")}]) ${where} failed - error: ${failure.error}, message: ${JSON.stringify(failure.output)}`;
  }
  if (handler.httpGet) {
    const error = await runHttpGet(handler.httpGet, context, deps);
    return error && `HTTP lifecycle hook (${handler.httpGet.path ?? ""}) ${where} failed - error: ${error}`;
  }
  if (handler.sleep) {
    const seconds = handler.sleep.seconds;
    await sleep(deps.clock, seconds * 1000, context.signal);
    if (!context.signal?.aborted) return undefined;
    return `Sleep lifecycle hook (${seconds}) ${where} failed - error: container terminated before sleep hook finished`;
  }
  const kind = handler.tcpSocket ? "tcpSocket is not supported as a lifecycle handler" : "no handler given";
  return `Cannot run handler: invalid handler: ${kind}`;
}

async function runExec(command: string[], context: HookContext, deps: HookHandlerDeps): Promise<{ error: string; output: string } | undefined> {
  try {
    const options = context.signal ? { clock: deps.clock, signal: context.signal } : { clock: deps.clock };
    const { exitCode, stdout, stderr } = await runCommand(deps.runtime, context.containerId, command, options);
    if (exitCode === 0) return undefined;
    return { error: `command '${command.join(" ")}' exited with ${exitCode}: ${stderr}`, output: stdout + stderr };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), output: "" };
  }
}

async function runHttpGet(action: HTTPGetAction, context: HookContext, deps: HookHandlerDeps): Promise<string | undefined> {
  let request: HttpGetRequest;
  try {
    request = httpGetRequest(action, context.container, context.podIP, "lifecycle");
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const options = context.signal ? { clock: deps.clock, signal: context.signal } : { clock: deps.clock };
  try {
    await deps.httpGet(request, options);
    return undefined;
  } catch (error) {
    if (!(error instanceof HttpGetError)) return error instanceof Error ? error.message : String(error);
    if (!error.httpsToHttp) return error.message;
    // The kubelet retries an HTTPS hook that got a plain HTTP answer in HTTP, without credentials.
    const url = new URL(request.url);
    url.protocol = "http:";
    const headers = request.headers.filter(([name]) => name.toLowerCase() !== "authorization");
    try {
      await deps.httpGet({ url, headers }, options);
    } catch {
      return error.message;
    }
    deps.events.event(
      { kind: "Pod", apiVersion: "v1", namespace: context.pod.metadata.namespace, name: context.pod.metadata.name, uid: context.pod.metadata.uid },
      "Warning",
      "LifecycleHTTPFallback",
      `request to HTTPS lifecycle hook ${hostPort(url)} got HTTP response, retry with HTTP succeeded`,
    );
    return undefined;
  }
}
