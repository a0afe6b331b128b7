import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { z } from "zod";
import { ImagePullError, type ImageInfo, type RegistryAuth } from "../container-runtime.js";
import { dockerMessage, dockerStatusCode, toRuntimeError } from "./docker-errors.js";
import { imageRefOf } from "./container-status.js";
import { authsFor, pullReference } from "./image-reference.js";
import { forEachLine, parseJson } from "./json-lines.js";

/** One line of Docker's pull progress; a failed pull ends with an error line (the HTTP status is 200 by then). */
const PullProgress = z.object({
  error: z.string().optional(),
  errorDetail: z.object({ message: z.string().optional() }).optional(),
});

/** Reads a pull's progress to its end; the registry's message if it failed. */
async function pullFailure(stream: Readable): Promise<string | undefined> {
  let failure: string | undefined;
  await forEachLine(stream, (line) => {
    const progress = PullProgress.safeParse(parseJson(line));
    const message = progress.success ? (progress.data.errorDetail?.message ?? progress.data.error) : undefined;
    if (message) failure = message;
  });
  return failure;
}

/** Images on the engine: what is present, and pulls with registry credentials. */
export class DockerImages {
  /** image id → its digest reference; an image's id names its content, so it does not go stale. */
  private readonly refs = new Map<string, string>();

  constructor(private readonly docker: Docker) {}

  async status(image: string): Promise<ImageInfo | undefined> {
    try {
      const info = await this.docker.getImage(image).inspect();
      const ref = imageRefOf(info);
      this.refs.set(info.Id, ref);
      return { image, ref, sizeBytes: info.Size };
    } catch (error) {
      if (dockerStatusCode(error) === 404) return undefined;
      throw toRuntimeError(`inspect image ${image}`, error);
    }
  }

  /** The digest reference of an image id (a container's `Image`); the id itself if the image is gone. */
  async refOf(imageId: string): Promise<string> {
    const known = this.refs.get(imageId);
    if (known) return known;
    try {
      const ref = imageRefOf(await this.docker.getImage(imageId).inspect());
      this.refs.set(imageId, ref);
      return ref;
    } catch {
      return `docker://${imageId}`;
    }
  }

  /**
   * Pulls with each credential whose registry matches, in order, then
   * anonymously; the first that works wins. When none does, the
   * ImagePullError carries what the registry said to each.
   */
  async pull(image: string, auths: RegistryAuth[]): Promise<ImageInfo> {
    const reference = pullReference(image);
    const attempts: Array<RegistryAuth | undefined> = [...authsFor(image, auths), undefined];
    const failures: string[] = [];
    for (const auth of attempts) {
      const failure = await this.pullOnce(reference, auth);
      if (failure === undefined) {
        // A re-pulled tag may carry a new digest: forget what was known.
        this.refs.clear();
        const info = await this.status(image);
        if (info) return info;
        failures.push("the image is not present after its pull");
        break;
      }
      failures.push(auth ? `with the credentials of ${auth.serverAddress}: ${failure}` : failure);
    }
    throw new ImagePullError(image, failures.join("; "));
  }

  private async pullOnce(reference: string, auth: RegistryAuth | undefined): Promise<string | undefined> {
    const authconfig = auth
      ? { username: auth.username, password: auth.password, serveraddress: auth.serverAddress }
      : undefined;
    let stream: Readable;
    try {
      stream = (await this.docker.pull(reference, authconfig ? { authconfig } : {})) as Readable;
    } catch (error) {
      return dockerMessage(error);
    }
    try {
      return await pullFailure(stream);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
