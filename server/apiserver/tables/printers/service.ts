import { intAt, listAt, stringAt, stringMapAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, column, nameColumn, wide } from "./columns.js";
import { ageOf, formatLabels, nameOf } from "./cells.js";

/** Services: TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S) as kubectl prints them. */
export const servicePrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Type", "string", "type determines how the Service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
    column("Cluster-IP", "string", "clusterIP is the IP address of the service, usually assigned randomly."),
    column("External-IP", "string", "IP addresses for which nodes also accept traffic for this service."),
    column("Port(s)", "string", "The list of ports that are exposed by this service."),
    ageColumn,
    wide("Selector", "string", "Route service traffic to pods with label keys and values matching this selector."),
  ],
  cells(service, now) {
    const ports = portsText(service);
    return [
      nameOf(service),
      serviceType(service),
      clusterIP(service) || "<none>",
      externalIP(service),
      ports === "" ? "<none>" : ports,
      ageOf(service, now),
      formatLabels(stringMapAt(service, "spec", "selector")),
    ];
  },
};

/** spec.type, ClusterIP when unset (Kubernetes' default). */
function serviceType(service: unknown): string {
  return stringAt(service, "spec", "type") || "ClusterIP";
}

/** The first cluster IP (spec.clusterIPs[0], else spec.clusterIP); `None` for headless services. */
function clusterIP(service: unknown): string {
  const first = listAt(service, "spec", "clusterIPs")[0];
  return (typeof first === "string" ? first : "") || stringAt(service, "spec", "clusterIP");
}

/**
 * EXTERNAL-IP: the external IPs; for a LoadBalancer first its ingress
 * addresses, `<pending>` while it has none; the external name for an
 * ExternalName service.
 */
function externalIP(service: unknown): string {
  const externalIPs = listAt(service, "spec", "externalIPs").filter((ip): ip is string => typeof ip === "string");
  switch (serviceType(service)) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const all = [...loadBalancerAddresses(service), ...externalIPs];
      return all.length > 0 ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return stringAt(service, "spec", "externalName");
    default:
      return "<unknown>";
  }
}

/** status.loadBalancer.ingress: each entry's IP, else its hostname, without repeats. */
function loadBalancerAddresses(service: unknown): string[] {
  const addresses = listAt(service, "status", "loadBalancer", "ingress").map(
    (ingress) => stringAt(ingress, "ip") || stringAt(ingress, "hostname"),
  );
  return [...new Set(addresses.filter((address) => address !== ""))];
}

/** `80/TCP,443:30443/TCP`: port, node port when set, protocol. */
function portsText(service: unknown): string {
  return listAt(service, "spec", "ports")
    .map((port) => {
      const protocol = stringAt(port, "protocol") || "TCP";
      const nodePort = intAt(port, "nodePort");
      const number = intAt(port, "port");
      return nodePort > 0 ? `${number}:${nodePort}/${protocol}` : `${number}/${protocol}`;
    })
    .join(",");
}
