import type Docker from "dockerode";
import type { ContainerState, ContainerStatus } from "../container-runtime.js";
import { RuntimeLabel } from "../runtime-labels.js";
import { attemptFromLabels, podFromLabels } from "./docker-labels.js";

/** Docker writes an unset time as Go's zero time. */
export function dockerTime(value: string | undefined): Date | undefined {
  if (!value || value.startsWith("0001-01-01")) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** Docker's state word (`docker ps`'s State) as the runtime's. */
export function containerState(dockerState: string): ContainerState {
  switch (dockerState) {
    case "created":
      return "created";
    case "running":
    case "paused":
    case "restarting":
      return "running";
    case "exited":
    case "dead":
      return "exited";
    default:
      return "unknown";
  }
}

/** Kubernetes' `imageID`: the repo digest when the image came from a registry, else the local image id. */
export function imageRefOf(image: Pick<Docker.ImageInspectInfo, "Id" | "RepoDigests">): string {
  const digest = image.RepoDigests?.[0];
  return digest ? `docker-pullable://${digest}` : `docker://${image.Id}`;
}

/**
 * A container's status from Docker's inspection, the way dockershim read it:
 * an exit is Completed (0), Error or OOMKilled; a container that never ran
 * (its process could not start) is ContainerCannotRun with Docker's error.
 */
export function containerStatusOf(
  info: Docker.ContainerInspectInfo,
  imageRef: string,
  terminationMessage: string | undefined,
): ContainerStatus {
  const labels = info.Config.Labels ?? {};
  const createdAt = new Date(info.Created);
  const startedAt = dockerTime(info.State.StartedAt);
  const finishedAt = dockerTime(info.State.FinishedAt);
  const base = {
    id: info.Id,
    pod: podFromLabels(labels),
    sandboxId: labels[RuntimeLabel.sandboxId] ?? "",
    name: labels[RuntimeLabel.containerName] ?? "",
    attempt: attemptFromLabels(labels),
    specHash: labels[RuntimeLabel.specHash] ?? "",
    image: info.Config.Image,
    imageRef,
    createdAt,
  };
  const state = containerState(info.State.Status);
  if (state === "exited" && finishedAt) {
    const reason = info.State.OOMKilled ? "OOMKilled" : info.State.ExitCode === 0 ? "Completed" : "Error";
    const message = terminationMessage || info.State.Error || undefined;
    return { ...base, state, startedAt, finishedAt, exitCode: info.State.ExitCode, reason, message };
  }
  if (state !== "running" && info.State.ExitCode !== 0) {
    return {
      ...base,
      state: "exited",
      startedAt: createdAt,
      finishedAt: createdAt,
      exitCode: info.State.ExitCode,
      reason: "ContainerCannotRun",
      message: info.State.Error || undefined,
    };
  }
  return { ...base, state, startedAt };
}
