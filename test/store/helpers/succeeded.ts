/**
 * The result of a store write that the test needs to succeed, narrowed to
 * its `ok: true` variant; a refused write fails the test, showing what the
 * store answered (the current value that stopped it).
 *
 * @example
 * const created = succeeded(await store.create("/a", "1"));
 * expect(created.kv.value).toBe("1");
 */
export function succeeded<R extends { ok: boolean }>(result: R): Extract<R, { ok: true }> {
  if (!result.ok) throw new Error(`store write refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { ok: true }>;
}
