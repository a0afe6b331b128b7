import { createHash } from "node:crypto";
import { ImagePullError, RuntimeNotFoundError, type ImageInfo, type RegistryAuth } from "../container-runtime.js";

/** What the fake registry does with one image. */
export interface FakeRegistryImage {
  /** Pulls fail with this message (ErrImagePull) until changed. */
  failWith?: string;
  /** Pulls succeed only with these credentials. */
  auth?: { username: string; password: string };
}

/**
 * The fake engine's local images and the registry it pulls from: an image is
 * pullable when the registry table has it, present once pulled or added.
 */
export class FakeImages {
  private readonly present = new Map<string, ImageInfo>();
  private readonly registry = new Map<string, FakeRegistryImage>();
  /** Every pull asked for, in order (tests count them). */
  readonly pulls: string[] = [];

  /** `openRegistry`: the registry serves every image it is not told otherwise about. */
  constructor(private readonly options: { openRegistry: boolean } = { openRegistry: false }) {}

  /** Makes `image` present locally, as if pulled before. */
  addLocal(image: string): void {
    this.present.set(image, infoOf(image));
  }

  removeLocal(image: string): void {
    this.present.delete(image);
  }

  /** Puts `image` in the registry (or changes how it answers). */
  setRemote(image: string, behaviour: FakeRegistryImage = {}): void {
    this.registry.set(image, behaviour);
  }

  status(image: string): ImageInfo | undefined {
    return this.present.get(image);
  }

  /** The present image's info; a RuntimeNotFoundError when it is not present. */
  require(image: string): ImageInfo {
    const info = this.present.get(image);
    if (!info) throw new RuntimeNotFoundError(`inspect image ${image}`, `No such image: ${image}`);
    return info;
  }

  pull(image: string, auths: RegistryAuth[]): ImageInfo {
    this.pulls.push(image);
    const remote = this.registry.get(image) ?? (this.options.openRegistry ? {} : undefined);
    if (!remote) throw new ImagePullError(image, `manifest for ${image} not found: manifest unknown`);
    if (remote.failWith !== undefined) throw new ImagePullError(image, remote.failWith);
    const wanted = remote.auth;
    if (wanted && !auths.some((a) => a.username === wanted.username && a.password === wanted.password)) {
      throw new ImagePullError(image, `pull access denied for ${image}: authentication required`);
    }
    const info = infoOf(image);
    this.present.set(image, info);
    return info;
  }
}

function infoOf(image: string): ImageInfo {
  const digest = createHash("sha256").update(image).digest("hex");
  return { image, ref: `docker-pullable://${image.split(":")[0]}@sha256:${digest}`, sizeBytes: 1_000_000 };
}
