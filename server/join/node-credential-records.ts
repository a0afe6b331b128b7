import { z } from "zod";
import type { KeyValue } from "../store/store.js";

/** A node credential as stored: the token only as a hash. */
export const nodeCredentialRecordSchema = z.object({
  nodeName: z.string(),
  tokenHash: z.string(),
  createdAt: z.string(),
  /** The join token it was issued for (which may since have been deleted). */
  joinTokenId: z.string(),
});
export type NodeCredentialRecord = z.infer<typeof nodeCredentialRecordSchema>;

/** Reads a stored record; undefined for a value this server cannot read (logged by the caller). */
export function parseNodeCredential(kv: KeyValue): NodeCredentialRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(kv.value);
  } catch {
    return undefined;
  }
  const parsed = nodeCredentialRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
