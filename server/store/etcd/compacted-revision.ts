/**
 * etcd has no call that reports its compaction point (3.4's Status does not
 * carry it). What it does answer exactly is whether one revision can still be
 * read: a range at revision r fails with "compacted" iff r is older than the
 * compaction point. The compaction point only moves forward, so the store
 * keeps the highest one it has seen (its own compactions, watch
 * cancellations) as a lower bound and asks etcd from there: one read when
 * nobody else compacted since, a binary search over the revisions in between
 * when someone did (another skiff server, `etcdctl compact`, etcd's own
 * auto-compaction).
 */

/** Reads at `revision`: true if etcd still holds it, false if compacted. */
export type RevisionProbe = (revision: number) => Promise<boolean>;

/**
 * The oldest readable revision, given a lower bound that is known to be
 * compacted-to or older, and the current revision (always readable). Returns
 * 0 when revision 1 is still readable, i.e. nothing has been forgotten.
 */
export async function findCompactedRevision(
  knownAtLeast: number,
  currentRevision: () => Promise<number>,
  isReadable: RevisionProbe,
): Promise<number> {
  const lowest = Math.max(knownAtLeast, 1);
  if (await isReadable(lowest)) return knownAtLeast;
  // Invariant: `low` is compacted, `high` is readable.
  let low = lowest;
  let high = await currentRevision();
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await isReadable(middle)) high = middle;
    else low = middle;
  }
  return high;
}
