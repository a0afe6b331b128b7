import type { Container } from "../../../src/api/core/v1/container.js";
import type { IntOrString } from "../../../src/api/schema/primitives.js";
import { ActionError } from "./action-error.js";

/**
 * The port number an action names: a number as it is, a string as the
 * name of one of the container's ports, else as a number in text. Throws
 * `ActionError` with the kubelet's texts (it parses with Go's strconv).
 *
 * @example resolveContainerPort("http", { name: "web", ports: [{ name: "http", containerPort: 8080 }] }) // 8080
 */
export function resolveContainerPort(port: IntOrString, container: Container): number {
  let number: number;
  if (typeof port === "number") number = port;
  else {
    const named = container.ports?.find((candidate) => candidate.name === port);
    if (named) number = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) number = Number(port);
    else throw new ActionError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
  }
  if (number > 0 && number < 65536) return number;
  throw new ActionError(`invalid port number: ${number}`);
}

/** `host:port`, with an IPv6 host in brackets (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
