import { randomInt, randomUUID } from "node:crypto";
import type { ObjectMeta, StoredObject } from "../storage/object-store.js";

/** Kubernetes' timestamps: RFC 3339 in UTC, whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

// Kubernetes leaves out vowels and look-alike characters so generated
// suffixes never spell words or confuse readers.
const suffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
const suffixLength = 5;
const maxGeneratedNameBase = 63 - suffixLength;

/** `generateName` plus a random suffix, as Kubernetes' SimpleNameGenerator. */
export function generateName(base: string): string {
  const trimmed = base.length > maxGeneratedNameBase ? base.slice(0, maxGeneratedNameBase) : base;
  let suffix = "";
  for (let i = 0; i < suffixLength; i++) suffix += suffixAlphabet[randomInt(suffixAlphabet.length)];
  return trimmed + suffix;
}

/**
 * The fields the server owns on a new object: a fresh uid and the creation
 * time; whatever a client sent for these, or for generation (which
 * prepareForCreate sets for the kinds that keep one), is dropped.
 */
export function fillSystemMetadataForCreate(object: StoredObject, now: number): void {
  const meta = object.metadata;
  meta.uid = randomUUID();
  meta.creationTimestamp = rfc3339(now);
  delete meta.generation;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
}

/** Fields a client can never change on an existing object. */
const immutableMeta = [
  "uid",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "generation",
  "namespace",
  "name",
] as const satisfies ReadonlyArray<keyof ObjectMeta>;

/** Copies the server-owned metadata of `previous` onto `next`. */
export function keepSystemMetadata(next: StoredObject, previous: StoredObject): void {
  const target: Record<string, unknown> = next.metadata;
  for (const field of immutableMeta) {
    const value = previous.metadata[field];
    if (value === undefined) delete target[field];
    else target[field] = value;
  }
  delete next.metadata.selfLink;
}
