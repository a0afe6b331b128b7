import { z } from "zod";

/** What a hollow-node process is told, as its one argument (JSON). */
export const fleetOrderSchema = z.object({
  server: z.string().url(),
  token: z.string().min(1),
  namePrefix: z.string().regex(/^[a-z0-9-]+$/),
  first: z.number().int().min(0),
  count: z.number().int().min(1),
  dataRoot: z.string().min(1),
  concurrency: z.number().int().min(1).optional(),
});
export type FleetOrder = z.infer<typeof fleetOrderSchema>;

/** The line a hollow-node process prints once all its nodes run: its heap before and after, each after a full GC. */
export const fleetStartedSchema = z.object({
  type: z.literal("started"),
  nodes: z.number().int(),
  startMs: z.number(),
  baselineHeapBytes: z.number(),
  heapBytes: z.number(),
  rssBytes: z.number(),
});
export type FleetStarted = z.infer<typeof fleetStartedSchema>;

/** The line it prints when its nodes could not start. */
export const fleetFailedSchema = z.object({ type: z.literal("failed"), message: z.string() });

export const fleetLineSchema = z.discriminatedUnion("type", [fleetStartedSchema, fleetFailedSchema]);
