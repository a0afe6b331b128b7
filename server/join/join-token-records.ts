import { randomInt } from "node:crypto";
import { z } from "zod";
import type { JoinTokenInfo } from "../../src/join/join-api.js";
import type { Store } from "../store/store.js";
import { joinTokenKey, joinTokenPrefix } from "./keys.js";
import { secretHash } from "./secret-hash.js";

/** A join token as stored: its secret only as a hash. */
const recordSchema = z.object({
  id: z.string(),
  secretHash: z.string(),
  description: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type JoinTokenRecord = z.infer<typeof recordSchema>;

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
const randomText = (length: number): string => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");

/** Ids are 6 characters: a clash is rare, and a new id is drawn for it. */
const createAttempts = 5;

/** The info of a record, as listed: no hash. */
export const tokenInfo = (record: JoinTokenRecord): JoinTokenInfo => ({
  id: record.id,
  description: record.description,
  createdAt: record.createdAt,
  expiresAt: record.expiresAt,
});

/** Join tokens in the store (`/skiff/jointokens/<id>`). */
export class JoinTokenRecords {
  constructor(private readonly store: Store) {}

  /** Makes a token; its secret is returned here and kept nowhere. */
  async create(options: { description: string; now: Date; ttlMs: number }): Promise<{ record: JoinTokenRecord; secret: string }> {
    for (let attempt = 1; ; attempt++) {
      const secret = randomText(16);
      const record: JoinTokenRecord = {
        id: randomText(6),
        secretHash: secretHash(secret),
        description: options.description,
        createdAt: options.now.toISOString(),
        expiresAt: options.ttlMs === 0 ? null : new Date(options.now.getTime() + options.ttlMs).toISOString(),
      };
      const result = await this.store.create(joinTokenKey(record.id), JSON.stringify(record));
      if (result.ok) return { record, secret };
      if (attempt >= createAttempts) throw new Error(`no free join token id after ${createAttempts} attempts`);
    }
  }

  async get(id: string): Promise<JoinTokenRecord | undefined> {
    const kv = await this.store.get(joinTokenKey(id));
    return kv === undefined ? undefined : parseRecord(kv.value, kv.key);
  }

  /** Every token, by id. */
  async list(): Promise<JoinTokenRecord[]> {
    const { items } = await this.store.list(joinTokenPrefix);
    return items.map((kv) => parseRecord(kv.value, kv.key));
  }

  /** Removes a token; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return (await this.store.delete(joinTokenKey(id))).ok;
  }
}

function parseRecord(value: string, key: string): JoinTokenRecord {
  const parsed = recordSchema.safeParse(JSON.parse(value));
  // Only this file writes these keys: a record it cannot read is a bug or a damaged store.
  if (!parsed.success) throw new Error(`${key}: not a join token record`);
  return parsed.data;
}
