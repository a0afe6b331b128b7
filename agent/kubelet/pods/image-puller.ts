import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerRuntime, ImageInfo, RegistryAuth } from "../../runtime/container-runtime.js";
import { BackOff } from "./back-off.js";
import type { PodEvents } from "./pod-events.js";
import type { Attempt } from "./waiting-reason.js";

/** Pull back-off, as the kubelet's image manager: 10 s doubling to 5 min. */
const PULL_BACKOFF_INITIAL_MS = 10_000;
const PULL_BACKOFF_MAX_MS = 300_000;

type PullPolicy = "Always" | "IfNotPresent" | "Never";

/** The defaulted policy: Always for `:latest` or no tag, else IfNotPresent. */
function pullPolicyOf(container: Container): PullPolicy {
  const policy = container.imagePullPolicy;
  if (policy === "Always" || policy === "IfNotPresent" || policy === "Never") return policy;
  const image = container.image ?? "";
  const lastPart = image.split("/").pop() ?? "";
  if (image.includes("@")) return "IfNotPresent";
  return !lastPart.includes(":") || lastPart.endsWith(":latest") ? "Always" : "IfNotPresent";
}

/**
 * Makes a container's image present per its imagePullPolicy, with events
 * (Pulling, Pulled, Failed, BackOff) and a back-off per pod and image after
 * a failed pull: ErrImagePull on the failure, ImagePullBackOff while waiting.
 */
export class ImagePuller {
  private readonly backOff: BackOff;
  /** The last pull error per back-off key, for the ImagePullBackOff message. */
  private readonly lastErrors = new Map<string, string>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.backOff = new BackOff(clock, PULL_BACKOFF_INITIAL_MS, PULL_BACKOFF_MAX_MS);
  }

  async ensure(pod: Pod, container: Container, auths: RegistryAuth[], events: PodEvents): Promise<Attempt<ImageInfo>> {
    const image = container.image ?? "";
    if (!image) return { waiting: { reason: "InvalidImageName", message: "the container has no image" }, retryAfterMs: PULL_BACKOFF_MAX_MS };
    const policy = pullPolicyOf(container);
    const present = await this.runtime.imageStatus(image);
    if (policy === "Never" || (policy === "IfNotPresent" && present)) {
      if (present) {
        events.container(container.name, "Normal", "Pulled", `Container image "${image}" already present on machine`);
        return { ok: present };
      }
      const message = `Container image "${image}" is not present with pull policy of Never`;
      events.container(container.name, "Warning", "ErrImageNeverPull", message);
      return { waiting: { reason: "ErrImageNeverPull", message }, retryAfterMs: PULL_BACKOFF_INITIAL_MS };
    }
    const key = `${pod.metadata.uid ?? ""}/${image}`;
    const waitMs = this.backOff.remaining(key);
    if (waitMs > 0) {
      events.container(container.name, "Normal", "BackOff", `Back-off pulling image "${image}"`);
      const message = `Back-off pulling image "${image}": ErrImagePull: ${this.lastErrors.get(key) ?? "pull failed"}`;
      return { waiting: { reason: "ImagePullBackOff", message }, retryAfterMs: waitMs };
    }
    events.container(container.name, "Normal", "Pulling", `Pulling image "${image}"`);
    const started = this.clock.now();
    try {
      const info = await this.runtime.pullImage(image, auths);
      this.backOff.reset(key);
      this.lastErrors.delete(key);
      const seconds = ((this.clock.now() - started) / 1000).toFixed(3);
      events.container(container.name, "Normal", "Pulled", `Successfully pulled image "${image}" in ${seconds}s`);
      return { ok: info };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.info({ err: error, image, pod: pod.metadata.name }, "image pull failed");
      this.backOff.next(key, this.clock.now());
      this.lastErrors.set(key, reason);
      events.container(container.name, "Warning", "Failed", `Failed to pull image "${image}": ${reason}`);
      events.container(container.name, "Warning", "Failed", "Error: ErrImagePull");
      return { waiting: { reason: "ErrImagePull", message: reason }, retryAfterMs: this.backOff.remaining(key) };
    }
  }

  /** Forgets a pod's back-offs once it is gone. */
  forget(podUid: string): void {
    this.backOff.resetPrefix(`${podUid}/`);
    for (const key of this.lastErrors.keys()) if (key.startsWith(`${podUid}/`)) this.lastErrors.delete(key);
  }
}
