import { describe, expect, it } from "vitest";
import { findCompactedRevision } from "./compacted-revision.js";

/** etcd's rule: a read at r fails iff r < the compaction point. */
function fakeEtcd(compactedTo: number, current: number) {
  const probes: number[] = [];
  return {
    probes,
    current: async () => current,
    isReadable: async (revision: number) => {
      probes.push(revision);
      return revision >= compactedTo;
    },
  };
}

describe("findCompactedRevision", () => {
  it("is 0 when nothing was compacted", async () => {
    const etcd = fakeEtcd(0, 100);
    expect(await findCompactedRevision(0, etcd.current, etcd.isReadable)).toBe(0);
    expect(etcd.probes).toEqual([1]);
  });

  it("costs one read when the known point is still etcd's", async () => {
    const etcd = fakeEtcd(40, 100);
    expect(await findCompactedRevision(40, etcd.current, etcd.isReadable)).toBe(40);
    expect(etcd.probes).toEqual([40]);
  });

  it.each([
    [0, 2],
    [0, 57],
    [10, 11],
    [10, 999],
    [10, 1000],
  ])("finds a later compaction made by someone else (known %i, actual %i)", async (known, actual) => {
    const etcd = fakeEtcd(actual, 1000);
    expect(await findCompactedRevision(known, etcd.current, etcd.isReadable)).toBe(actual);
    expect(etcd.probes.length).toBeLessThanOrEqual(12);
  });
});
