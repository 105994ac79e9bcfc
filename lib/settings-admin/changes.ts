/** Helpers the settings services share to record only what an edit changed. Pure. */

/** jsonb and arrays compare by value; key order never makes a change. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, normalise((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}

/** The keys of `after` whose value differs from `before`, and both sides restricted to them. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): { changed: (keyof T & string)[]; before: Partial<T>; after: Partial<T> } {
  const changed = (Object.keys(after) as (keyof T & string)[]).filter((key) => after[key] !== undefined && !sameValue(before[key], after[key]));
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<T>,
  };
}
