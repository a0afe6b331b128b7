import Docker from "dockerode";
import { RuntimeError, type RuntimeInfo } from "./container-runtime.js";

/**
 * What the node's status needs of Docker (its version, and whether it
 * answers), straight over dockerode: the part of the Docker runtime the
 * node part uses until the whole runtime is wired in.
 *
 * @param dockerHost `unix:///var/run/docker.sock` or `tcp://host:2375`; default: DOCKER_HOST, else the default socket
 */
export function dockerRuntimeInfo(dockerHost?: string): RuntimeInfo {
  // A hung daemon must read as down, not hold the status loop.
  const docker = new Docker({ ...dockerOptions(dockerHost), timeout: 5_000 });
  return {
    async version() {
      try {
        const answer = await docker.version();
        return { name: "docker", version: answer.Version };
      } catch (error) {
        throw new RuntimeError("docker version", error instanceof Error ? error.message : String(error), { cause: error });
      }
    },
    async ping() {
      try {
        await docker.ping();
      } catch (error) {
        throw new RuntimeError("docker ping", error instanceof Error ? error.message : String(error), { cause: error });
      }
    },
  };
}

/** dockerode's connection options for a DOCKER_HOST-style address. */
export function dockerOptions(dockerHost: string | undefined): Docker.DockerOptions {
  if (!dockerHost) return {};
  if (dockerHost.startsWith("unix://")) return { socketPath: dockerHost.slice("unix://".length) };
  const url = new URL(dockerHost.replace(/^tcp:/, "http:"));
  return { host: url.hostname, port: Number(url.port || 2375), protocol: "http" };
}
