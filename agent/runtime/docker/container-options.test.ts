import { describe, expect, it } from "vitest";
import type { ContainerConfig, SandboxConfig } from "../container-runtime.js";
import { containerCreateOptions, dockerUser } from "./container-options.js";
import { ownerLabels } from "./docker-labels.js";

const pod = { uid: "u-1", namespace: "ns", name: "web" };
const sandbox: SandboxConfig = {
  pod,
  attempt: 0,
  image: "pause",
  hostname: "web",
  hostNetwork: false,
  portMappings: [],
  podLabels: {},
};
const security = {
  privileged: false,
  readOnlyRootFilesystem: false,
  capabilitiesAdd: [],
  capabilitiesDrop: [],
  noNewPrivileges: false,
};

function config(overrides: Partial<ContainerConfig> = {}): ContainerConfig {
  return {
    name: "app",
    attempt: 3,
    specHash: "abc",
    image: "busybox:1",
    env: [],
    mounts: [],
    tmpfs: [],
    tty: false,
    stdin: false,
    stdinOnce: false,
    resources: {},
    security,
    ...overrides,
  };
}

const placement = { sandboxId: "sb-1", sandbox, terminationMessageFile: "/var/term/u-1/app-3-x", imageUser: "", owner: ownerLabels("node-1") };

describe("containerCreateOptions", () => {
  it("names and labels the container as dockershim did and joins the sandbox's namespaces", () => {
    const options = containerCreateOptions(config(), pod, placement);
    expect(options.name).toBe("k8s_app_web_ns_u-1_3");
    expect(options.Labels).toEqual({
      "io.kubernetes.pod.uid": "u-1",
      "io.kubernetes.pod.namespace": "ns",
      "io.kubernetes.pod.name": "web",
      "io.kubernetes.container.name": "app",
      "io.kubernetes.docker.type": "container",
      "skiff.dev/managed-by": "skiff-agent",
      "skiff.dev/node": "node-1",
      "skiff.dev/attempt": "3",
      "skiff.dev/spec-hash": "abc",
      "skiff.dev/sandbox-id": "sb-1",
      "skiff.dev/termination-message-path": "/var/term/u-1/app-3-x",
    });
    expect(options.HostConfig).toMatchObject({ NetworkMode: "container:sb-1", IpcMode: "container:sb-1", PidMode: undefined });
    const shared = containerCreateOptions(config(), pod, { ...placement, sandbox: { ...sandbox, shareProcessNamespace: true } });
    expect(shared.HostConfig?.PidMode).toBe("container:sb-1");
  });

  it("maps command to the entrypoint and args to cmd, leaving unset (or empty) ones to the image", () => {
    expect(containerCreateOptions(config({ command: ["run"], args: ["-x"] }), pod, placement)).toMatchObject({
      Entrypoint: ["run"],
      Cmd: ["-x"],
    });
    const argsOnly = containerCreateOptions(config({ command: [], args: ["-x"] }), pod, placement);
    expect(argsOnly.Entrypoint).toBeUndefined();
    expect(argsOnly.Cmd).toEqual(["-x"]);
  });

  it("mounts volumes and the termination message file, tmpfs with its size", () => {
    const options = containerCreateOptions(
      config({
        mounts: [
          { hostPath: "/h/a", containerPath: "/a", readOnly: true },
          { hostPath: "/h/b", containerPath: "/b", readOnly: false },
        ],
        tmpfs: [{ containerPath: "/mem", sizeBytes: 1024 }, { containerPath: "/unbounded" }],
        terminationMessagePath: "/tmp/done",
      }),
      pod,
      placement,
    );
    expect(options.HostConfig?.Binds).toEqual(["/h/a:/a:ro", "/h/b:/b", "/var/term/u-1/app-3-x:/tmp/done"]);
    expect(options.HostConfig?.Tmpfs).toEqual({ "/mem": "rw,nosuid,nodev,exec,size=1024", "/unbounded": "rw,nosuid,nodev,exec" });
    const defaulted = containerCreateOptions(config(), pod, placement);
    expect(defaulted.HostConfig?.Binds).toEqual(["/var/term/u-1/app-3-x:/dev/termination-log"]);
  });

  it("maps env, resources and security", () => {
    const options = containerCreateOptions(
      config({
        env: [{ name: "A", value: "1=2" }],
        tty: true,
        stdin: true,
        stdinOnce: true,
        resources: { memoryLimitBytes: 1000, cpuQuota: 50000, cpuPeriod: 100000, cpuShares: 512 },
        security: {
          runAsUser: 10,
          runAsGroup: 20,
          supplementalGroups: [30, 40],
          privileged: true,
          readOnlyRootFilesystem: true,
          capabilitiesAdd: ["NET_ADMIN"],
          capabilitiesDrop: ["ALL"],
          noNewPrivileges: true,
        },
      }),
      pod,
      placement,
    );
    expect(options).toMatchObject({ Env: ["A=1=2"], User: "10:20", Tty: true, OpenStdin: true, StdinOnce: true });
    expect(options.HostConfig).toMatchObject({
      Memory: 1000,
      MemorySwap: 1000,
      CpuQuota: 50000,
      CpuPeriod: 100000,
      CpuShares: 512,
      GroupAdd: ["30", "40"],
      Privileged: true,
      ReadonlyRootfs: true,
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      RestartPolicy: { Name: "no" },
      LogConfig: { Type: "json-file" },
    });
  });
});

describe("dockerUser", () => {
  it("is uid[:gid], keeping the image's user when only a group is set", () => {
    expect(dockerUser(security, "nobody")).toBeUndefined();
    expect(dockerUser({ ...security, runAsUser: 0 }, "")).toBe("0");
    expect(dockerUser({ ...security, runAsUser: 5, runAsGroup: 6 }, "")).toBe("5:6");
    expect(dockerUser({ ...security, runAsGroup: 6 }, "nobody:nogroup")).toBe("nobody:6");
    expect(dockerUser({ ...security, runAsGroup: 6 }, "")).toBe("0:6");
  });
});
