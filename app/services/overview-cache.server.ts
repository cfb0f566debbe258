import type { DB } from "../../db/connect";

/**
 * Issue 26, "cost does not grow with history": overviews across every cohort ever held (the
 * examiner's interview candidates, the coordinator's report of a year) are worked out once per day
 * and per value of the installation's overview epoch, one row that database triggers move on
 * whenever any cohort's progress or any certificate changes (migration 0021). A request then reads
 * that one row and gets the value it already had; only after a change is the overview worked out
 * again (and then the progress of the cohorts that did not change still comes from the progress
 * cache, app/services/progress.server.ts).
 *
 * The epoch is read BEFORE the data: whatever is worked out is at least as new as the epoch it is
 * kept under, so a change that lands in between only makes the next request work it out again.
 * With several app processes every process keeps its own copy and reads the same epoch.
 */
export async function overviewEpoch(db: DB): Promise<string> {
  const row = await db.selectFrom("overview_epoch").select("version").where("id", "=", 1).executeTakeFirst();
  // No row (a database between migrations): a value that is never kept.
  return row ? String(row.version) : "";
}

interface Entry {
  today: string;
  epoch: string;
  value: unknown;
}

/**
 * Per database (a test may open several in one process), per overview key. Keyed by the handle's
 * adapter: one per database opened, shared by the handles `withPlugin` derives from it (a test
 * that counts queries sees the kept value, as a request does).
 */
const caches = new WeakMap<object, Map<string, Entry>>();
/** Distinct overviews kept per handle (a key is e.g. "report:2026"; a handful are in use). */
const LIMIT = 64;

/**
 * The overview `key` for `today`: from the cache while the epoch is unchanged, else `compute()`d.
 * The value is shared between requests: `compute` must return something nobody changes (frozen).
 */
export async function cachedOverview<T>(db: DB, key: string, today: string, compute: () => Promise<T>): Promise<T> {
  const epoch = await overviewEpoch(db);
  const owner = db.getExecutor().adapter;
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && epoch !== "" && hit.epoch === epoch && hit.today === today) return hit.value as T;
  const value = deepFreeze(await compute());
  if (epoch === "") return value;
  cache.delete(key);
  cache.set(key, { today, epoch, value });
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
