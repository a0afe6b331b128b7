import { stringify } from "yaml";
import type { ApiObject } from "../../src/client/rest/rest-client.js";

export interface DeploymentOptions {
  namespace?: string;
  /** Left out unless given, so the server's default shows. */
  replicas?: number;
  /** metadata.labels, whole (the pod template is always labelled `app: <name>`). */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  strategy?: Record<string, unknown>;
  /** Fields of the first container beside its name `main` and the image, which they may replace; unknown fields pass through as written. */
  container?: Record<string, unknown>;
  /** Containers after the first. */
  sidecars?: Array<Record<string, unknown>>;
}

/**
 * An apps/v1 Deployment as people write one: selector and pod template on
 * `app: <name>`, one container `main` running `image`, and what `options` add.
 *
 * @example
 * deploymentObject("web", "skiff-test/busybox:1", { replicas: 2 });
 */
export function deploymentObject(name: string, image: string, options: DeploymentOptions = {}): ApiObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...(options.labels === undefined ? {} : { labels: options.labels }),
      ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
    },
    spec: {
      ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
      selector: { matchLabels: { app: name } },
      ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "main", image, ...options.container }, ...(options.sidecars ?? [])] },
      },
    },
  };
}

/** {@link deploymentObject} as a YAML manifest for kubectl's stdin or a file. */
export function deploymentManifest(name: string, image: string, options: DeploymentOptions = {}): string {
  return stringify(deploymentObject(name, image, options));
}
