import type { IKeyValue } from "etcd3";
import type { KeyValue } from "../store.js";

/** etcd reads a range end of a single zero byte as "to the end of the keyspace". */
const toTheEnd = Buffer.from([0]);

/**
 * Maps store keys to etcd keys under one namespace prefix and back. Keys are
 * UTF-8 bytes, so etcd's byte order is the store's key order.
 */
export class KeySpace {
  private readonly prefix: Buffer;

  constructor(prefix: string) {
    this.prefix = Buffer.from(prefix, "utf8");
  }

  /** The etcd key for a store key. */
  key(key: string): Buffer {
    return Buffer.concat([this.prefix, Buffer.from(key, "utf8")]);
  }

  /**
   * The etcd range `[key, range_end)` of every store key that starts with
   * `keyPrefix`; with `startAfter`, only the keys after that one.
   */
  range(keyPrefix: string, startAfter?: string): { key: Buffer; range_end: Buffer } {
    const first = this.key(keyPrefix);
    const end = prefixEnd(first);
    if (startAfter !== undefined) {
      // The smallest key greater than startAfter is startAfter + "\0".
      return { key: Buffer.concat([this.key(startAfter), toTheEnd]), range_end: end };
    }
    // etcd rejects an empty key; "\0" is the smallest non-empty one.
    return { key: first.length > 0 ? first : toTheEnd, range_end: end };
  }

  /** A store KeyValue from an etcd one read under this prefix. */
  keyValue(kv: IKeyValue): KeyValue {
    return {
      key: kv.key.subarray(this.prefix.length).toString("utf8"),
      value: kv.value.toString("utf8"),
      createRevision: Number(kv.create_revision),
      modRevision: Number(kv.mod_revision),
    };
  }
}

/** The first key after every key that starts with `prefix`. */
export function prefixEnd(prefix: Buffer): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const byte = prefix[i];
    if (byte !== undefined && byte < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = byte + 1;
      return end;
    }
  }
  // Empty or all 0xff: no key bounds it from above.
  return toTheEnd;
}
