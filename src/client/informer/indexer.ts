import type { IndexFunction } from "./index-functions.js";

/**
 * A keyed store with secondary indexes (client-go's thread-safe store with
 * indexers). Index values are computed when an object is stored and removed
 * with the same function from the object being replaced, so stored objects
 * must not change: the informer stores them and never copies them.
 */
export class Indexer<T> {
  private readonly items = new Map<string, T>();
  private readonly functions = new Map<string, IndexFunction<T>>();
  // index name → value → keys filed under it
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  constructor(indexFunctions: Readonly<Record<string, IndexFunction<T>>> = {}) {
    for (const [name, fn] of Object.entries(indexFunctions)) this.addIndex(name, fn);
  }

  /** Adds an index and files every stored object in it. A name already used is an error. */
  addIndex(name: string, fn: IndexFunction<T>): void {
    if (this.functions.has(name)) throw new Error(`index "${name}" already exists`);
    this.functions.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.indexes.set(name, index);
    for (const [key, object] of this.items) fileUnder(index, fn(object), key);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }

  /** Stores the object under the key, replacing (and un-indexing) what was there. */
  set(key: string, object: T): void {
    const old = this.items.get(key);
    this.items.set(key, object);
    for (const [name, fn] of this.functions) {
      const index = this.indexes.get(name)!;
      if (old !== undefined) unfile(index, fn(old), key);
      fileUnder(index, fn(object), key);
    }
  }

  /** Removes the key; returns what was stored under it. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    for (const [name, fn] of this.functions) unfile(this.indexes.get(name)!, fn(old), key);
    return old;
  }

  /** The keys filed under `value` in the index. An unknown index is an error (a typo must not read as "none"). */
  indexKeys(indexName: string, value: string): string[] {
    const index = this.indexes.get(indexName);
    if (!index) throw new Error(`index "${indexName}" does not exist`);
    return [...(index.get(value) ?? [])];
  }

  /** The objects filed under `value` in the index. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((key) => this.items.get(key)!);
  }
}

function fileUnder(index: Map<string, Set<string>>, values: readonly string[], key: string): void {
  for (const value of values) {
    let keys = index.get(value);
    if (!keys) index.set(value, (keys = new Set()));
    keys.add(key);
  }
}

function unfile(index: Map<string, Set<string>>, values: readonly string[], key: string): void {
  for (const value of values) {
    const keys = index.get(value);
    if (!keys) continue;
    keys.delete(key);
    if (keys.size === 0) index.delete(value);
  }
}
