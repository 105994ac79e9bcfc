/**
 * Decodes the `application/x-www-form-urlencoded` bodies and query strings the Stripe SDK sends
 * (`metadata[plan]=gold`, `line_items[0][price]=price_…`, `expand[]=subscription`) into nested
 * objects and arrays, the way the `qs` library Stripe's API mirrors does. The SDK has no parser of
 * its own and `qs` is not installed, so this is the small subset it needs.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

export function parseForm(encoded: string): FormObject {
  const root: Record<string, unknown> = {};
  for (const pair of encoded.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const segments = splitKey(key);
    if (!segments || segments.some((s) => FORBIDDEN.has(s))) continue;
    assign(root, segments, value);
  }
  return toArrays(root) as FormObject;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** `a[b][0]` → ["a", "b", "0"]; `a[]` → ["a", ""]. */
function splitKey(key: string): string[] | null {
  const open = key.indexOf("[");
  if (open === -1) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) return null;
    segments.push(m[1]);
    consumed = m.index + m[0].length;
  }
  return consumed === rest.length ? segments : null;
}

function assign(target: Record<string, unknown>, segments: string[], value: string): void {
  let node = target;
  for (let i = 0; i < segments.length; i++) {
    // `[]` appends: give it the next free index so it becomes an array below.
    const seg = segments[i] === "" ? String(Object.keys(node).length) : segments[i];
    if (i === segments.length - 1) {
      node[seg] = value;
      return;
    }
    const next = node[seg];
    if (typeof next !== "object" || next === null) node[seg] = {};
    node = node[seg] as Record<string, unknown>;
  }
}

/** Objects whose keys are all array indexes become arrays, in index order. */
function toArrays(value: unknown): FormValue {
  if (typeof value !== "object" || value === null) return value as string;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => toArrays(obj[String(k)]));
  }
  const out: FormObject = {};
  for (const k of keys) out[k] = toArrays(obj[k]);
  return out;
}
