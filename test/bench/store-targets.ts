import type { Etcd3 } from "etcd3";
import type { Store } from "../../server/store/store.js";

/** What the store benchmark does to a backend: the operations every row of the table measures. */
export interface BenchTarget {
  /** Writes a new key durably (acknowledged only once on disk). */
  put(key: string, value: string): Promise<void>;
  get(key: string): Promise<void>;
  /** Lists every key under the prefix; resolves with how many there were. */
  list(prefix: string): Promise<number>;
  /** Calls `onEvent` with the key of every change under the prefix from now on; resolves once watching. */
  watch(prefix: string, onEvent: (key: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** A skiff store engine, through the Store contract as the apiserver uses it. */
export function storeTarget(store: Store): BenchTarget {
  return {
    put: async (key, value) => {
      const result = await store.create(key, value);
      if (!result.ok) throw new Error(`create ${key}: key exists`);
    },
    get: async (key) => {
      if ((await store.get(key)) === undefined) throw new Error(`get ${key}: missing`);
    },
    list: async (prefix) => (await store.list(prefix)).items.length,
    watch: async (prefix, onEvent) => {
      const watch = store.watch(prefix, await store.currentRevision());
      void (async () => {
        for await (const event of watch) onEvent(event.kv.key);
      })();
      return () => watch.close();
    },
    close: () => store.close(),
  };
}

/** etcd through its own client with no skiff code in between: the baseline. */
export function etcdDirectTarget(client: Etcd3): BenchTarget {
  return {
    put: async (key, value) => {
      await client.put(key).value(value);
    },
    get: async (key) => {
      if ((await client.get(key).string()) === null) throw new Error(`get ${key}: missing`);
    },
    list: async (prefix) => Object.keys(await client.getAll().prefix(prefix).strings()).length,
    watch: async (prefix, onEvent) => {
      const watcher = await client.watch().prefix(prefix).create();
      watcher.on("put", (kv) => onEvent(kv.key.toString()));
      return () => void watcher.cancel();
    },
    close: async () => client.close(),
  };
}
