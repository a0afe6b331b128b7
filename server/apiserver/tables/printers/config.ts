import { listAt, mapSizeAt, stringAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import { ageOf, nameOf } from "./cells.js";

/** Namespaces: STATUS is the phase (Active, Terminating). */
export const namespacePrinter: ResourcePrinter = {
  columns: [nameColumn, column("Status", "string", "The status of the namespace"), ageColumn],
  cells(namespace, now) {
    return [nameOf(namespace), stringAt(namespace, "status", "phase"), ageOf(namespace, now)];
  },
};

/** ConfigMaps: DATA counts the keys of data and binaryData. */
export const configMapPrinter: ResourcePrinter = {
  columns: [nameColumn, column("Data", "string", "Data contains the configuration data."), ageColumn],
  cells(configMap, now) {
    return [nameOf(configMap), mapSizeAt(configMap, "data") + mapSizeAt(configMap, "binaryData"), ageOf(configMap, now)];
  },
};

/** Secrets: TYPE and the number of DATA keys (never the values). */
export const secretPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Type", "string", "Used to facilitate programmatic handling of secret data."),
    column("Data", "string", "Data contains the secret data."),
    ageColumn,
  ],
  cells(secret, now) {
    return [nameOf(secret), stringAt(secret, "type"), mapSizeAt(secret, "data"), ageOf(secret, now)];
  },
};

/** ServiceAccounts: the number of SECRETS listed. */
export const serviceAccountPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Secrets", "string", "Secrets that pods running as this ServiceAccount may use."),
    ageColumn,
  ],
  cells(account, now) {
    return [nameOf(account), listAt(account, "secrets").length, ageOf(account, now)];
  },
};

/** Leases: the HOLDER identity. */
export const leasePrinter: ResourcePrinter = {
  columns: [nameColumn, column("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."), ageColumn],
  cells(lease, now) {
    return [nameOf(lease), stringAt(lease, "spec", "holderIdentity"), ageOf(lease, now)];
  },
};
