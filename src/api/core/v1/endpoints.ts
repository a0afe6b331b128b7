import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32 } from "../../schema/primitives.js";
import { invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root, type FieldPath } from "../../validation/field-path.js";
import { isDNS1123Subdomain, isValidPortNum } from "../../validation/names.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { validateDNS1123Label, validateLegacyIP, validateQualifiedName } from "../../validation/string-fields.js";
import { PORT_PROTOCOLS } from "./container-validation.js";
import { objectReferenceSchema } from "./object-reference.js";
import { validateEndpointIP } from "./endpoint-ip.js";

export const endpointAddressSchema = z.object({
  ip: z.string().default(""),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: objectReferenceSchema.optional(),
});
export type EndpointAddress = z.infer<typeof endpointAddressSchema>;

export const endpointPortSchema = z.object({
  name: z.string().optional(),
  port: int32.default(0),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
});
export type EndpointPort = z.infer<typeof endpointPortSchema>;

export const endpointSubsetSchema = z.object({
  addresses: z.array(endpointAddressSchema).optional(),
  notReadyAddresses: z.array(endpointAddressSchema).optional(),
  ports: z.array(endpointPortSchema).optional(),
});
export type EndpointSubset = z.infer<typeof endpointSubsetSchema>;

/** Endpoints: the ready and not-ready addresses behind a Service, by port. */
export const endpointsSchema = z.object({
  ...typeFields("v1", "Endpoints"),
  metadata: metadataField,
  subsets: z.array(endpointSubsetSchema).optional(),
});
export type Endpoints = z.infer<typeof endpointsSchema>;

/** Ports are TCP unless they say otherwise. */
export function setEndpointsDefaults(endpoints: Endpoints): void {
  for (const subset of endpoints.subsets ?? []) {
    for (const port of subset.ports ?? []) port.protocol ||= "TCP";
  }
}

function validateAddress(address: EndpointAddress, path: FieldPath): FieldError[] {
  const errors = validateLegacyIP(address.ip, path.child("ip"));
  if (address.hostname) errors.push(...validateDNS1123Label(address.hostname, path.child("hostname")));
  if (address.nodeName !== undefined) {
    for (const message of isDNS1123Subdomain(address.nodeName)) errors.push(invalid(path.child("nodeName"), address.nodeName, message));
  }
  if (errors.length === 0) errors.push(...validateEndpointIP(address.ip, path.child("ip")));
  return errors;
}

function validatePort(port: EndpointPort, requireName: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !port.name) errors.push(required(path.child("name")));
  else if (port.name) errors.push(...validateDNS1123Label(port.name, path.child("name")));
  for (const message of isValidPortNum(port.port)) errors.push(invalid(path.child("port"), port.port, message));
  if (!port.protocol) errors.push(required(path.child("protocol")));
  else if (!PORT_PROTOCOLS.includes(port.protocol)) errors.push(notSupported(path.child("protocol"), port.protocol, PORT_PROTOCOLS));
  if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, path.child("appProtocol")));
  return errors;
}

/** Validates Endpoints: each subset has addresses, every address and port valid. */
export function validateEndpoints(endpoints: Endpoints): FieldError[] {
  const errors = validateObjectMeta(endpoints.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  (endpoints.subsets ?? []).forEach((subset, i) => {
    const at = root("subsets").index(i);
    const ready = subset.addresses ?? [];
    const notReady = subset.notReadyAddresses ?? [];
    if (ready.length === 0 && notReady.length === 0) errors.push(required(at, "must specify `addresses` or `notReadyAddresses`"));
    ready.forEach((address, j) => errors.push(...validateAddress(address, at.child("addresses").index(j))));
    notReady.forEach((address, j) => errors.push(...validateAddress(address, at.child("notReadyAddresses").index(j))));
    const ports = subset.ports ?? [];
    ports.forEach((port, j) => errors.push(...validatePort(port, ports.length > 1, at.child("ports").index(j))));
  });
  return errors;
}
