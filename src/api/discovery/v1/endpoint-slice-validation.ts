import { validateEndpointIP } from "../../core/v1/endpoint-ip.js";
import { PORT_PROTOCOLS } from "../../core/v1/container-validation.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { validateImmutableField } from "../../validation/common.js";
import { duplicate, invalid, notSupported, required, type FieldError, type FieldErrorType } from "../../validation/field-error.js";
import { root, type FieldPath } from "../../validation/field-path.js";
import { isDNS1123Subdomain, isValidIP } from "../../validation/names.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { validateDNS1123Label, validateQualifiedName } from "../../validation/string-fields.js";
import type { EndpointSlice } from "./endpoint-slice.js";

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;

function tooMany(path: FieldPath, count: number, limit: number): FieldError {
  const type: FieldErrorType = "FieldValueTooMany";
  return { type, field: path.toString(), detail: `${count}: must have at most ${limit} items` };
}

function validateAddress(address: string, addressType: string, path: FieldPath): FieldError[] {
  if (addressType === "FQDN") {
    const name = address.replace(/\.$/, "");
    const errors = isDNS1123Subdomain(name).map((message) => invalid(path, address, message));
    if (!name.includes(".")) errors.push(invalid(path, address, "should be a domain with at least two segments separated by dots"));
    return errors;
  }
  if (addressType !== "IPv4" && addressType !== "IPv6") return [];
  const messages = isValidIP(address);
  if (messages.length > 0) return messages.map((message) => invalid(path, address, message));
  const isV6 = address.includes(":");
  if (addressType === "IPv4" && isV6) return [invalid(path, address, "must be a valid IPv4 address")];
  if (addressType === "IPv6" && !isV6) return [invalid(path, address, "must be a valid IPv6 address")];
  return validateEndpointIP(address, path);
}

/** Validates an EndpointSlice: a known address type, addresses of that type, unique named ports. */
export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const errors = validateObjectMeta(slice.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  if (slice.addressType === "") errors.push(required(root("addressType")));
  else if (!ADDRESS_TYPES.includes(slice.addressType)) errors.push(notSupported(root("addressType"), slice.addressType, ADDRESS_TYPES));
  const endpointsPath = root("endpoints");
  if (slice.endpoints.length > MAX_ENDPOINTS) errors.push(tooMany(endpointsPath, slice.endpoints.length, MAX_ENDPOINTS));
  else {
    slice.endpoints.forEach((endpoint, i) => {
      const at = endpointsPath.index(i);
      const addressesPath = at.child("addresses");
      if (endpoint.addresses.length === 0) errors.push(required(addressesPath, "must contain at least 1 address"));
      else if (endpoint.addresses.length > MAX_ADDRESSES) errors.push(tooMany(addressesPath, endpoint.addresses.length, MAX_ADDRESSES));
      endpoint.addresses.forEach((address, j) => errors.push(...validateAddress(address, slice.addressType, addressesPath.index(j))));
      if (endpoint.nodeName !== undefined) {
        for (const message of isDNS1123Subdomain(endpoint.nodeName)) errors.push(invalid(at.child("nodeName"), endpoint.nodeName, message));
      }
      if (endpoint.hostname !== undefined) errors.push(...validateDNS1123Label(endpoint.hostname, at.child("hostname")));
    });
  }
  const ports = slice.ports ?? [];
  const portsPath = root("ports");
  if (ports.length > MAX_PORTS) return [...errors, tooMany(portsPath, ports.length, MAX_PORTS)];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = portsPath.index(i);
    const name = port.name ?? "";
    if (name) errors.push(...validateDNS1123Label(name, at.child("name")));
    if (names.has(name)) errors.push(duplicate(at.child("name"), name));
    names.add(name);
    if (port.protocol === undefined) errors.push(required(at.child("protocol")));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errors.push(notSupported(at.child("protocol"), port.protocol, PORT_PROTOCOLS));
    if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, at.child("appProtocol")));
  });
  return errors;
}

/** An EndpointSlice's address type never changes. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errors = validateObjectMetaUpdate(slice.metadata, old.metadata, root("metadata"));
  errors.push(...validateImmutableField(slice.addressType, old.addressType, root("addressType")));
  return errors;
}
