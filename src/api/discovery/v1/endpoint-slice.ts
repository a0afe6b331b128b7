import { z } from "zod";
import { objectReferenceSchema } from "../../core/v1/object-reference.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, stringMap } from "../../schema/primitives.js";

export const endpointSchema = z.object({
  addresses: z.array(z.string()).default(() => []),
  conditions: z
    .object({ ready: z.boolean().optional(), serving: z.boolean().optional(), terminating: z.boolean().optional() })
    .optional(),
  hostname: z.string().optional(),
  targetRef: objectReferenceSchema.optional(),
  deprecatedTopology: stringMap.optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  hints: z
    .object({
      forZones: z.array(z.object({ name: z.string().default("") })).optional(),
      forNodes: z.array(z.object({ name: z.string().default("") })).optional(),
    })
    .optional(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const endpointSlicePortSchema = z.object({
  name: z.string().optional(),
  protocol: z.string().optional(),
  port: int32.optional(),
  appProtocol: z.string().optional(),
});
export type EndpointSlicePort = z.infer<typeof endpointSlicePortSchema>;

/** An EndpointSlice: up to 1000 endpoints of one Service, one address family. */
export const endpointSliceSchema = z.object({
  ...typeFields("discovery.k8s.io/v1", "EndpointSlice"),
  metadata: metadataField,
  addressType: z.string().default(""),
  endpoints: z.array(endpointSchema).default(() => []),
  ports: z.array(endpointSlicePortSchema).optional(),
});
export type EndpointSlice = z.infer<typeof endpointSliceSchema>;

/** Ports are named "" and TCP unless they say otherwise. */
export function setEndpointSliceDefaults(slice: EndpointSlice): void {
  for (const port of slice.ports ?? []) {
    port.name ??= "";
    port.protocol ??= "TCP";
  }
}
