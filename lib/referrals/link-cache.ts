import "server-only";

/**
 * The redirect is the hot path of a shared link (bench:redirect): codes never change owner and
 * settings change rarely, so both are kept in memory for a short while and the request itself
 * touches no database; the click is written after the response. A settings change reaches links
 * within CACHE_MS on every instance.
 */
const CACHE_MS = 30_000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { value: unknown; until: number }>();

export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value as T;
  const value = await load();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { value, until: Date.now() + CACHE_MS });
  return value;
}

/** Tests and the settings form call this so a change applies at once in this process. */
export function clearReferralLinkCache(): void {
  cache.clear();
}

