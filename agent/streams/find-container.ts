import type { ExecRequest, LogRequest } from "../../src/tunnel/control-message.js";
import { failed, type StreamStatus } from "../../src/tunnel/stream-status.js";
import type { ContainerStatus } from "../runtime/container-runtime.js";
import type { StreamRuntime } from "./stream-runtime.js";

export type FoundContainer = { ok: true; container: ContainerStatus } | { ok: false; status: StreamStatus };

type PodContainer = Pick<LogRequest, "namespace" | "pod" | "uid" | "container">;

/**
 * Why the kubelet last said a container of a pod waits (`CreateContainerConfigError`,
 * `ErrImagePull`, ...), from the pod's status; undefined when it does not know.
 */
export type ContainerWaitingReason = (podUid: string, container: string) => string | undefined;

/** The kubelet's words for a container that has no log yet, by its waiting reason. */
function waitingToStart(who: string, reason: string | undefined): string {
  switch (reason) {
    case "ErrImagePull":
      return `${who} is waiting to start: image can't be pulled`;
    case "ImagePullBackOff":
      return `${who} is waiting to start: trying and failing to pull image`;
    default:
      return `${who} is waiting to start: ${reason || "ContainerCreating"}`;
  }
}

/**
 * The attempts of one container of one pod, newest first. Matched by the
 * pod's uid, so a newer pod of the same name is never served.
 */
async function attemptsOf(runtime: StreamRuntime, target: PodContainer): Promise<ContainerStatus[]> {
  if (target.uid === "") return [];
  const containers = await runtime.listContainers({ podUid: target.uid });
  return containers
    .filter((c) => c.pod.uid === target.uid && c.pod.namespace === target.namespace && c.pod.name === target.pod && c.name === target.container)
    .sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime());
}

const started = (c: ContainerStatus): boolean => c.state === "running" || c.state === "exited";

/**
 * The container whose log a request asks for, as the kubelet picks it from
 * the container's state and last state: the newest attempt once it has
 * started, else the one before it (a restart not yet started still shows
 * the last run); with `previous`, the attempt before the newest. Refusals
 * are the kubelet's 400s, naming the waiting reason the pod's status gives.
 */
export async function findLogContainer(runtime: StreamRuntime, request: LogRequest, waitingReason?: ContainerWaitingReason): Promise<FoundContainer> {
  const [newest, before] = await attemptsOf(runtime, request);
  const who = `container "${request.container}" in pod "${request.pod}"`;
  if (request.previous) {
    if (before) return { ok: true, container: before };
    return { ok: false, status: failed(400, "BadRequest", `previous terminated ${who} not found`) };
  }
  if (newest && started(newest)) return { ok: true, container: newest };
  if (before) return { ok: true, container: before };
  return { ok: false, status: failed(400, "BadRequest", waitingToStart(who, waitingReason?.(request.uid, request.container))) };
}

/** The running container an exec asks for: the newest attempt, which must be running. */
export async function findExecContainer(runtime: StreamRuntime, request: ExecRequest): Promise<FoundContainer> {
  const [newest] = await attemptsOf(runtime, request);
  if (!newest) return { ok: false, status: failed(404, "NotFound", `container not found ("${request.container}")`) };
  if (newest.state !== "running") {
    return { ok: false, status: failed(400, "BadRequest", `container "${request.container}" in pod "${request.pod}" is not running`) };
  }
  return { ok: true, container: newest };
}
