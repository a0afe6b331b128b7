import type { Container } from "../../../src/api/core/v1/container.js";
import type { HTTPGetAction } from "../../../src/api/core/v1/probe.js";
import { ActionError } from "./action-error.js";
import { joinHostPort, resolveContainerPort } from "./container-port.js";
import type { HttpGetRequest } from "./http-get.js";

/** The Kubernetes version skiff follows, as the kubelet puts it in its User-Agent (`kube-probe/1.32`). */
const KUBE_VERSION = "1.32";

/**
 * The request an httpGet action makes, as the kubelet builds it: to `host`
 * or else the pod's IP, the port by number or name, the path as given (a
 * query too), the action's headers, and a `User-Agent: kube-probe/1.32`
 * (`kube-lifecycle/1.32` for hooks) and `Accept: *\/*` unless the action sets
 * them (an empty Accept removes it). Throws `ActionError` when the port does
 * not resolve or there is no address.
 */
export function httpGetRequest(
  action: HTTPGetAction,
  container: Container,
  podIP: string | undefined,
  purpose: "probe" | "lifecycle",
): HttpGetRequest {
  const scheme = (action.scheme || "HTTP").toLowerCase();
  if (scheme !== "http" && scheme !== "https") throw new ActionError(`unsupported protocol scheme "${scheme}"`);
  const host = action.host || podIP;
  if (!host) throw new ActionError("failed to find networking container: the pod has no IP");
  const port = resolveContainerPort(action.port, container);
  const url = new URL(action.path || "/", `${scheme}://${joinHostPort(host, port)}`);
  // A path that is itself a URL keeps its path and query only, as Go's formatURL does.
  url.protocol = `${scheme}:`;
  url.host = joinHostPort(host, port);

  const headers: Array<[string, string]> = (action.httpHeaders ?? []).map((header) => [header.name, header.value]);
  const has = (name: string): [string, string] | undefined => headers.find(([given]) => given.toLowerCase() === name);
  if (!has("user-agent")) headers.push(["User-Agent", `kube-${purpose}/${KUBE_VERSION}`]);
  const accept = has("accept");
  if (!accept) headers.push(["Accept", "*/*"]);
  else if (accept[1] === "") return { url, headers: headers.filter(([name]) => name.toLowerCase() !== "accept") };
  return { url, headers };
}
