import type Docker from "dockerode";
import type { ContainerConfig, LinuxSecurity, PodIdentity, SandboxConfig } from "../container-runtime.js";
import { containerLabels, containerName, type Owner } from "./docker-labels.js";
import { LOG_CONFIG } from "./log-config.js";

/** Where a container's termination message goes when its spec names no path (the API's default). */
export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

export interface ContainerPlacement {
  sandboxId: string;
  sandbox: SandboxConfig;
  /** The file on the node bind-mounted at the termination message path. */
  terminationMessageFile: string;
  /** The image's own `User` (name or uid, maybe `:group`), for a group set without a user. */
  imageUser: string;
  /** The labels that make the container this runtime's. */
  owner: Owner;
}

/**
 * Docker's `User`: `uid[:gid]`. Docker cannot take a group alone, so a pod
 * that sets only runAsGroup keeps the image's user with that group.
 */
export function dockerUser(security: LinuxSecurity, imageUser: string): string | undefined {
  if (security.runAsUser === undefined && security.runAsGroup === undefined) return undefined;
  const user = security.runAsUser ?? (imageUser.split(":")[0] || "0");
  return security.runAsGroup === undefined ? String(user) : `${user}:${security.runAsGroup}`;
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list !== undefined && list.length > 0 ? list : undefined;
}

function tmpfsOptions(sizeBytes: number | undefined): string {
  // Like the kubelet's memory-backed emptyDir: executables allowed, size only when limited.
  return sizeBytes === undefined ? "rw,nosuid,nodev,exec" : `rw,nosuid,nodev,exec,size=${sizeBytes}`;
}

/**
 * How Docker creates one of a pod's containers, in the sandbox's network and
 * IPC (and optionally PID) namespaces. Kubernetes' `command` replaces the
 * image's entrypoint and `args` its cmd; Docker already drops the image's cmd
 * when an entrypoint is given, which is what Kubernetes does with a command
 * and no args.
 */
export function containerCreateOptions(
  config: ContainerConfig,
  pod: PodIdentity,
  placement: ContainerPlacement,
): Docker.ContainerCreateOptions {
  const { sandboxId, sandbox, terminationMessageFile } = placement;
  const namespaceOf = `container:${sandboxId}`;
  const security = config.security;
  const binds = config.mounts.map((m) => `${m.hostPath}:${m.containerPath}${m.readOnly ? ":ro" : ""}`);
  binds.push(`${terminationMessageFile}:${config.terminationMessagePath ?? DEFAULT_TERMINATION_MESSAGE_PATH}`);
  const tmpfs: Record<string, string> = {};
  for (const t of config.tmpfs) tmpfs[t.containerPath] = tmpfsOptions(t.sizeBytes);
  const memory = config.resources.memoryLimitBytes;
  return {
    name: containerName(config.name, pod, config.attempt),
    Image: config.image,
    Entrypoint: nonEmpty(config.command),
    Cmd: nonEmpty(config.args),
    WorkingDir: config.workingDir || undefined,
    Env: config.env.map(({ name, value }) => `${name}=${value}`),
    User: dockerUser(security, placement.imageUser),
    Tty: config.tty,
    OpenStdin: config.stdin,
    StdinOnce: config.stdinOnce,
    Labels: containerLabels(sandboxId, config, pod, terminationMessageFile, placement.owner),
    HostConfig: {
      NetworkMode: namespaceOf,
      IpcMode: namespaceOf,
      PidMode: sandbox.shareProcessNamespace ? namespaceOf : undefined,
      Binds: binds,
      Tmpfs: tmpfs,
      Memory: memory,
      // No swap beyond the limit, as the kubelet sets it.
      MemorySwap: memory,
      CpuQuota: config.resources.cpuQuota,
      CpuPeriod: config.resources.cpuPeriod,
      CpuShares: config.resources.cpuShares,
      GroupAdd: security.supplementalGroups?.map(String),
      Privileged: security.privileged,
      ReadonlyRootfs: security.readOnlyRootFilesystem,
      CapAdd: security.capabilitiesAdd,
      CapDrop: security.capabilitiesDrop,
      SecurityOpt: security.noNewPrivileges ? ["no-new-privileges"] : [],
      RestartPolicy: { Name: "no" },
      LogConfig: LOG_CONFIG,
    },
  };
}
