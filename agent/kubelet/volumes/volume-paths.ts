import path from "node:path";
import { VOLUME_SOURCES, type Volume, type VolumeSourceName } from "../../../src/api/core/v1/volume.js";

/**
 * Where a pod's volumes live on the node, as the kubelet lays them out:
 * `<root>/pods/<uid>/volumes/<plugin>/<name>`, the plugin named as the
 * kubelet names it (`kubernetes.io~configmap`), so the tree reads the same.
 */
export const VOLUME_PLUGIN_DIRS = {
  emptyDir: "kubernetes.io~empty-dir",
  configMap: "kubernetes.io~configmap",
  secret: "kubernetes.io~secret",
  downwardAPI: "kubernetes.io~downward-api",
  projected: "kubernetes.io~projected",
} as const;
export type LocalVolumeKind = keyof typeof VOLUME_PLUGIN_DIRS;

/** A pod uid or volume name that cannot be one path component (`..`, `a/b`): never used as a path. */
export class UnsafePathError extends Error {
  constructor(what: string, value: string) {
    super(`${what} ${JSON.stringify(value)} cannot name a directory`);
    this.name = "UnsafePathError";
  }
}

function component(what: string, value: string): string {
  if (value === "" || value === "." || value === ".." || value.includes("/") || value.includes("\0")) {
    throw new UnsafePathError(what, value);
  }
  return value;
}

/** `<root>/pods/<uid>`: everything the agent keeps for the pod. */
export function podDir(root: string, podUid: string): string {
  return path.join(root, "pods", component("pod uid", podUid));
}

/** `<root>/pods/<uid>/volumes/<plugin>/<name>`. */
export function volumeDir(root: string, podUid: string, kind: LocalVolumeKind, name: string): string {
  return path.join(podDir(root, podUid), "volumes", VOLUME_PLUGIN_DIRS[kind], component("volume name", name));
}

/** Which source a volume names (the first, in Kubernetes' order), or undefined for none. */
export function volumeSourceName(volume: Volume): VolumeSourceName | undefined {
  return VOLUME_SOURCES.find((source) => volume[source] !== undefined);
}
