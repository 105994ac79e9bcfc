/**
 * What an audit entry changed, in words an admin can scan: the keys whose values differ between
 * `before` and `after`, nested objects flattened to dotted paths (benefits.bonusPoints). Entries
 * store whatever the change wrote — whole rows, a few fields, or null for a creation — so every
 * shape is accepted. Pure: shared by the page and its unit test.
 */

export type AuditChange = {
  /** Dotted path, or "value" when before/after are not objects. */
  key: string;
  before: unknown;
  after: unknown;
  /** Absent on that side (as opposed to present with the value null). */
  beforeMissing: boolean;
  afterMissing: boolean;
};

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key]) || key in a !== key in b) return false;
    return true;
  }
  return false;
}

const MAX_DEPTH = 4;

function walk(before: unknown, after: unknown, path: string, beforeMissing: boolean, afterMissing: boolean, depth: number, out: AuditChange[]): void {
  if (beforeMissing && afterMissing) return;
  // An object on one side and an object (or nothing) on the other: compare field by field, so a
  // changed nested field reads as itself rather than as two whole objects.
  const sideOk = (value: unknown, missing: boolean) => missing || isPlainObject(value);
  if (depth < MAX_DEPTH && sideOk(before, beforeMissing) && sideOk(after, afterMissing)) {
    const b = isPlainObject(before) ? before : {};
    const a = isPlainObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    for (const key of keys) walk(b[key], a[key], path ? `${path}.${key}` : key, !(key in b), !(key in a), depth + 1, out);
    return;
  }
  if (beforeMissing === afterMissing && sameValue(before, after)) return;
  out.push({ key: path || "value", before, after, beforeMissing, afterMissing });
}

/** The changed keys, sorted by path. Keys equal on both sides are left out. */
export function diffAudit(before: unknown, after: unknown): AuditChange[] {
  const out: AuditChange[] = [];
  walk(before ?? undefined, after ?? undefined, "", before === null || before === undefined, after === null || after === undefined, 0, out);
  return out;
}

/** One value as the viewer shows it: strings as they are, everything else as compact JSON. */
export function formatAuditValue(value: unknown, missing = false): string {
  if (missing) return "—";
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}
