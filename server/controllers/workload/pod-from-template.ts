import type { OwnerReference } from "../../../src/api/meta/v1/object-meta.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** The parts of a pod template a controller stamps pods from. */
export interface PodTemplateLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined;
  spec?: unknown;
}

/**
 * A new pod from a controller's template, as Kubernetes' pod control makes
 * it: the template's labels and annotations, `generateName` from the
 * owner's name, and the controller reference. `extraLabels` (e.g. a Job's
 * or a DaemonSet's own) are added on top.
 */
export function podFromTemplate(
  template: PodTemplateLike,
  namespace: string,
  ownerName: string,
  controllerRef: OwnerReference,
  extraLabels: Record<string, string> = {},
): ApiObject {
  const labels = { ...template.metadata?.labels, ...extraLabels };
  const annotations = template.metadata?.annotations;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      // The server trims a long prefix so the random suffix still fits.
      generateName: `${ownerName}-`,
      namespace,
      labels,
      ...(annotations !== undefined ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}
