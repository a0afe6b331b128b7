import { z } from "zod";

/** kubectl's annotation naming the container that logs and exec default to. */
const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

const namedSchema = z.object({ name: z.string() });

// Only what choosing a container needs; the rest of the pod is not read.
const podSchema = z.object({
  metadata: z.object({ name: z.string().optional(), annotations: z.record(z.string(), z.string()).optional() }).optional(),
  spec: z
    .object({
      containers: z.array(namedSchema).optional(),
      initContainers: z.array(namedSchema).optional(),
      ephemeralContainers: z.array(namedSchema).optional(),
    })
    .optional(),
  status: z.object({ phase: z.string().optional() }).optional(),
});

/** The parts of a pod (as the server sent it) that logs and exec use. */
export interface PodContainers {
  name: string;
  phase: string;
  containers: string[];
  initContainers: string[];
  ephemeralContainers: string[];
  defaultContainer?: string;
}

/** Reads a pod from the server's JSON (an edge: checked, not trusted). */
export function podContainersOf(value: unknown): PodContainers {
  const pod = podSchema.parse(value);
  const names = (list: Array<{ name: string }> | undefined): string[] => (list ?? []).map((c) => c.name);
  const result: PodContainers = {
    name: pod.metadata?.name ?? "",
    phase: pod.status?.phase ?? "",
    containers: names(pod.spec?.containers),
    initContainers: names(pod.spec?.initContainers),
    ephemeralContainers: names(pod.spec?.ephemeralContainers),
  };
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined) result.defaultContainer = annotated;
  return result;
}

/** The container chosen, and kubectl's notice when it chose one of several. */
export interface ContainerChoice {
  container: string;
  notice?: string;
}

/**
 * The container a command without `-c` acts on, as kubectl picks it: the
 * one the default-container annotation names when the pod has it, else the
 * first; with other containers to choose from, kubectl says which it took.
 *
 * @example
 * defaultContainer(duo); // { container: "main", notice: 'Defaulted container "main" out of: main, sidecar' }
 */
export function defaultContainer(pod: PodContainers): ContainerChoice | undefined {
  const all = [...pod.containers, ...pod.initContainers, ...pod.ephemeralContainers];
  if (pod.defaultContainer !== undefined && all.includes(pod.defaultContainer)) return { container: pod.defaultContainer };
  const first = pod.containers[0];
  if (first === undefined) return undefined;
  if (all.length === 1) return { container: first };
  const described = [
    ...pod.containers,
    ...pod.initContainers.map((c) => `${c} (init)`),
    ...pod.ephemeralContainers.map((c) => `${c} (ephem)`),
  ].join(", ");
  return { container: first, notice: `Defaulted container "${first}" out of: ${described}` };
}

/** Whether the pod has a container (of any kind) by this name. */
export function hasContainer(pod: PodContainers, name: string): boolean {
  return [...pod.containers, ...pod.initContainers, ...pod.ephemeralContainers].includes(name);
}
