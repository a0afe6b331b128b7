/**
 * Bounds for "keys that start with prefix" as an index range:
 * `key >= lower AND key < upper`. SQLite compares TEXT bytewise (UTF-8),
 * which is code point order, the same order etcd uses for keys.
 */
export interface KeyRange {
  lower: string;
  /**
   * The first string after every key with the prefix, or, when there is
   * none (empty prefix, or only U+10FFFF), an empty BLOB: SQLite sorts every
   * BLOB after every TEXT value, so `key < x''` holds for all keys.
   */
  upper: string | Buffer;
}

const maxCodePoint = 0x10ffff;

export function prefixRange(prefix: string): KeyRange {
  const codePoints = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? maxCodePoint;
    if (last < maxCodePoint) {
      // Skip the surrogate block: those code points never occur in UTF-8 text.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return { lower: prefix, upper: String.fromCodePoint(...codePoints, next) };
    }
  }
  return { lower: prefix, upper: Buffer.alloc(0) };
}

/** The smallest string greater than `key`: a key range that starts strictly after it. */
export function justAfter(key: string): string {
  return `${key}\u0000`;
}
