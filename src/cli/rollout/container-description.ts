import type { Container, ResourceRequirements } from "../../api/core/v1/container.js";
import type { Probe } from "../../api/core/v1/probe.js";
import { parseQuantity, Quantity } from "../../api/quantity.js";
import type { PrefixText } from "./prefix-text.js";

/**
 * The containers of a pod template as kubectl describe prints them
 * (describeContainers without statuses): image, ports, command, resources,
 * probes, environment and mounts.
 */
export function describeContainers(text: PrefixText, title: string, containers: readonly Container[]): void {
  text.write(0, `  ${title}:${containers.length === 0 ? " <none>" : ""}\n`);
  for (const container of containers) {
    describeBasics(text, container);
    describeCommand(text, container);
    describeResources(text, container.resources);
    describeProbes(text, container);
    if ((container.envFrom ?? []).length > 0) describeEnvFrom(text, container);
    describeEnv(text, container);
    describeMounts(text, container);
  }
}

function describeBasics(text: PrefixText, container: Container): void {
  text.write(1, ` ${container.name}:\n`);
  text.write(2, `Image:\t${container.image ?? ""}\n`);
  const ports = container.ports ?? [];
  const containerPorts = ports.map((port) => `${port.containerPort}/${port.protocol ?? ""}`).join(", ");
  const hostPorts = ports.map((port) => `${port.hostPort ?? 0}/${port.protocol ?? ""}`).join(", ");
  text.write(2, containerPorts.includes(",") ? `Ports:\t${containerPorts}\n` : `Port:\t${containerPorts || "<none>"}\n`);
  text.write(2, hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`);
  const seccomp = container.securityContext?.seccompProfile;
  if (seccomp) {
    text.write(2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === "Localhost") text.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
  }
}

function describeCommand(text: PrefixText, container: Container): void {
  for (const [title, words] of [["Command", container.command ?? []], ["Args", container.args ?? []]] as const) {
    if (words.length === 0) continue;
    text.write(2, `${title}:\n`);
    for (const word of words) for (const line of word.split("\n")) text.write(3, `${line}\n`);
  }
}

function describeResources(text: PrefixText, resources: ResourceRequirements | undefined): void {
  for (const [title, list] of [["Limits", resources?.limits ?? {}], ["Requests", resources?.requests ?? {}]] as const) {
    const names = Object.keys(list).sort();
    if (names.length > 0) text.write(2, `${title}:\n`);
    for (const name of names) text.write(3, `${name}:\t${canonicalQuantity(list[name]!)}\n`);
  }
}

// A quantity as Kubernetes prints it (`0.5` → `500m`); text that is not one is shown as it is.
function canonicalQuantity(value: string): string {
  const parsed = parseQuantity(value);
  return parsed.ok ? parsed.value.toString() : value;
}

function describeProbes(text: PrefixText, container: Container): void {
  const probes: Array<[string, Probe | undefined]> = [
    ["Liveness", container.livenessProbe],
    ["Readiness", container.readinessProbe],
    ["Startup", container.startupProbe],
  ];
  for (const [title, probe] of probes) if (probe) text.write(2, `${title}:\t${describeProbe(probe)}\n`);
}

/**
 * A probe on one line, as kubectl's DescribeProbe writes it.
 *
 * @example
 * describeProbe({ httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
 * // "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3"
 */
export function describeProbe(probe: Probe): string {
  const attributes = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(" ")}] ${attributes}`;
  if (probe.httpGet) {
    const { host = "", port, path = "", scheme = "" } = probe.httpGet;
    const address = hostPort(host, String(port));
    const lead = scheme === "" ? "//" : `${scheme.toLowerCase()}://`;
    return `http-get ${lead}${address}${path} ${attributes}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ""}:${String(probe.tcpSocket.port)} ${attributes}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ""} ${attributes}`;
  return `unknown ${attributes}`;
}

// Go's net.JoinHostPort: an IPv6 host goes in brackets.
const hostPort = (host: string, port: string): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

function describeEnvFrom(text: PrefixText, container: Container): void {
  text.write(2, "Environment Variables from:\n");
  for (const source of container.envFrom ?? []) {
    const [from, reference] = source.configMapRef ? ["ConfigMap", source.configMapRef] : source.secretRef ? ["Secret", source.secretRef] : ["", undefined];
    const optional = reference?.optional === true;
    const kind = source.prefix ? `${from} with prefix '${source.prefix}'` : from;
    text.write(3, `${reference?.name ?? ""}\t${kind}\tOptional: ${optional}\n`);
  }
}

function describeEnv(text: PrefixText, container: Container): void {
  const env = container.env ?? [];
  text.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const variable of env) {
    const from = variable.valueFrom;
    if (!from) {
      (variable.value ?? "").split("\n").forEach((line, i) => text.write(3, i === 0 ? `${variable.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      // A template has no pod to read the field from: the value is left empty, as kubectl does.
      text.write(3, `${variable.name}:\t (${from.fieldRef.apiVersion ?? ""}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const { resource } = from.resourceFieldRef;
      let value = containerResourceValue(container, resource, from.resourceFieldRef.divisor);
      if (value === "0" && (resource === "limits.cpu" || resource === "limits.memory")) value = "node allocatable";
      text.write(3, `${variable.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const { key, name = "", optional } = from.secretKeyRef;
      text.write(3, `${variable.name}:\t<set to the key '${key}' in secret '${name}'>\tOptional: ${optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const { key, name = "", optional } = from.configMapKeyRef;
      text.write(3, `${variable.name}:\t<set to the key '${key}' of config map '${name}'>\tOptional: ${optional === true}\n`);
    }
  }
}

/**
 * A container's request or limit as the downward API exposes it
 * (`limits.cpu`, `requests.memory`, ...): rounded up to whole divisors (of
 * 1 when none is given); "" for what cannot be worked out, as kubectl shows it.
 */
function containerResourceValue(container: Container, resource: string, divisorText: string | undefined): string {
  const match = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(resource);
  if (!match) return "";
  const list = match[1] === "limits" ? container.resources?.limits : container.resources?.requests;
  const name = match[2]!;
  const amount = parseQuantity(list?.[name] ?? "0");
  const divisor = parseQuantity(divisorText ?? "1");
  if (!amount.ok || !divisor.ok) return "";
  const by = divisor.value.isZero() ? Quantity.fromValue(1, "DecimalSI") : divisor.value;
  const [numerator, denominator] = name === "cpu" ? [amount.value.milliValue(), by.milliValue()] : [amount.value.value(), by.value()];
  // Requests and limits are never negative: rounding up is (n + d - 1) / d.
  return ((numerator + denominator - 1n) / denominator).toString();
}

function describeMounts(text: PrefixText, container: Container): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  text.write(2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
  for (const mount of mounts) {
    const flags = [mount.readOnly ? "ro" : "rw"];
    if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`);
    text.write(3, `${mount.mountPath} from ${mount.name} (${flags.join(",")})\n`);
  }
  const devices = [...(container.volumeDevices ?? [])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : a.devicePath > b.devicePath ? 1 : 0));
  if (devices.length > 0) {
    // kubectl reuses the mounts' "<none>" here.
    text.write(2, `Devices:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const device of devices) text.write(3, `${device.devicePath} from ${device.name}\n`);
  }
}
