import { isExpired } from "../watch/watch-errors.js";
import type { ListerWatcher } from "./lister-watcher.js";

/**
 * Lists everything, `pageSize` objects a request, as one consistent
 * snapshot. When a continue token expires between pages (410), lists again
 * in one request, as client-go's pager does.
 */
export async function listAll<T>(
  source: ListerWatcher<T>,
  pageSize: number,
  signal: AbortSignal,
): Promise<{ items: T[]; resourceVersion: string }> {
  const items: T[] = [];
  let token: string | undefined;
  for (;;) {
    let page;
    try {
      page = await source.list({ limit: pageSize, ...(token ? { continue: token } : {}), signal });
    } catch (error) {
      if (token === undefined || !isExpired(error)) throw error;
      const whole = await source.list({ signal });
      return { items: whole.items, resourceVersion: whole.resourceVersion };
    }
    items.push(...page.items);
    if (!page.continue) return { items, resourceVersion: page.resourceVersion };
    token = page.continue;
  }
}
