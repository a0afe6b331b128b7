import { listAt, numberAt, stringAt, valueAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import { ageOf, nameOf } from "./cells.js";

/** kubectl shows at most this many addresses, then `+ N more...`. */
const SHOWN = 3;

/** Endpoints: up to three `ip:port` pairs. */
export const endpointsPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
    ageColumn,
  ],
  cells(endpoints, now) {
    return [nameOf(endpoints), endpointsText(endpoints), ageOf(endpoints, now)];
  },
};

/** EndpointSlices: ADDRESSTYPE, up to three PORTS and ENDPOINTS. */
export const endpointSlicePrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice."),
    column("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
    column("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
    ageColumn,
  ],
  cells(slice, now) {
    const ports = listAt(slice, "ports").map((port) => {
      const number = numberAt(port, "port");
      if (number !== undefined) return String(number);
      return typeof valueAt(port, "name") === "string" ? stringAt(port, "name") : "*";
    });
    const addresses = listAt(slice, "endpoints").flatMap((endpoint) =>
      listAt(endpoint, "addresses").filter((address): address is string => typeof address === "string"),
    );
    return [
      nameOf(slice),
      stringAt(slice, "addressType"),
      shortList(ports) || "<unset>",
      shortList(addresses) || "<unset>",
      ageOf(slice, now),
    ];
  },
};

/**
 * `10.42.0.5:80,10.42.1.7:80,10.42.2.3:80 + 2 more...`: every address with
 * every port of its subset (addresses alone for a subset without ports),
 * `<none>` without subsets.
 */
function endpointsText(endpoints: unknown): string {
  const subsets = listAt(endpoints, "subsets");
  if (subsets.length === 0) return "<none>";
  const entries = subsets.flatMap((subset) => {
    const ips = listAt(subset, "addresses").map((address) => stringAt(address, "ip"));
    const ports = listAt(subset, "ports");
    if (ports.length === 0) return ips;
    return ports.flatMap((port) => ips.map((ip) => joinHostPort(ip, numberAt(port, "port") ?? 0)));
  });
  return shortList(entries);
}

/** The first three joined by commas, and how many more there are. */
function shortList(entries: readonly string[]): string {
  const shown = entries.slice(0, SHOWN).join(",");
  return entries.length > SHOWN ? `${shown} + ${entries.length - SHOWN} more...` : shown;
}

/** `ip:port`, with brackets around IPv6 addresses (Go's net.JoinHostPort). */
function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
