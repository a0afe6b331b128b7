import type { Service } from "../../../src/api/core/v1/service.js";

/** The Services the agent watches, read from its informer cache. */
export interface ServiceSource {
  /** Whether the cache has been filled once (after a restart, pods wait for it). */
  hasSynced(): boolean;
  services(namespace: string): Service[];
}

/** The Service whose variables every pod gets, whatever its enableServiceLinks. */
const MASTER_SERVICE = { namespace: "default", name: "kubernetes" };

/**
 * The service-link variables a pod's containers get, as the kubelet makes
 * them: `default/kubernetes` always (KUBERNETES_SERVICE_HOST and _PORT, which
 * in-cluster clients read), and with enableServiceLinks (default on) every
 * Service of the pod's namespace that has a cluster IP, which wins over the
 * master one of the same name. Services are taken in name order.
 */
export function serviceEnvironment(source: ServiceSource, namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const byName = new Map<string, Service>();
  for (const service of source.services(MASTER_SERVICE.namespace)) {
    if (service.metadata.name === MASTER_SERVICE.name && hasClusterIP(service)) byName.set(MASTER_SERVICE.name, service);
  }
  if (enableServiceLinks) {
    for (const service of source.services(namespace)) {
      if (hasClusterIP(service)) byName.set(service.metadata.name ?? "", service);
    }
  }
  const env = new Map<string, string>();
  for (const name of [...byName.keys()].sort()) {
    for (const [key, value] of serviceVariables(byName.get(name) as Service)) env.set(key, value);
  }
  return env;
}

function hasClusterIP(service: Service): boolean {
  const ip = service.spec?.clusterIP ?? "";
  return ip !== "" && ip !== "None";
}

/** `my-svc` → `MY_SVC`. */
function variableName(name: string): string {
  return name.replaceAll("-", "_").toUpperCase();
}

/** One Service's variables: _SERVICE_HOST, _SERVICE_PORT (+ per named port), and Docker's link variables. */
function serviceVariables(service: Service): Array<[string, string]> {
  const ports = service.spec?.ports ?? [];
  const first = ports[0];
  if (!first) return [];
  const ip = service.spec?.clusterIP ?? "";
  const prefix = variableName(service.metadata.name ?? "");
  const vars: Array<[string, string]> = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(first.port)],
  ];
  for (const port of ports) {
    if (port.name) vars.push([`${prefix}_SERVICE_PORT_${variableName(port.name)}`, String(port.port)]);
  }
  const hostPort = ip.includes(":") ? `[${ip}]:` : `${ip}:`;
  ports.forEach((port, index) => {
    const protocol = (port.protocol || "TCP").toLowerCase();
    const url = `${protocol}://${hostPort}${port.port}`;
    // Docker's links name the first port without its number.
    if (index === 0) vars.push([`${prefix}_PORT`, url]);
    const portPrefix = `${prefix}_PORT_${port.port}_${protocol.toUpperCase()}`;
    vars.push([portPrefix, url], [`${portPrefix}_PROTO`, protocol], [`${portPrefix}_PORT`, String(port.port)], [`${portPrefix}_ADDR`, ip]);
  });
  return vars;
}
