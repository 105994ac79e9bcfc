/**
 * PostgreSQL's text and jsonb cannot hold U+0000: a NUL in any input fails the query that stores
 * or looks it up, which would answer a 500 instead of naming the field. Input with one is
 * malformed and is refused where it enters (the action factory, the order API, the CSV import).
 * Client-safe: no server imports.
 */
export const NUL_MESSAGE = "Remove the invisible NUL character (\\u0000) from this field.";

/** For zod refinements on text the schema reads from a URL or a form. */
export const hasNoNul = (value: string): boolean => !value.includes("\u0000");

/** The dotted path of the first string (or key) holding a NUL, "form" at the top; null when there is none. */
export function findNulByte(value: unknown, path: readonly string[] = []): string | null {
  const here = path.join(".") || "form";
  if (typeof value === "string") return value.includes("\u0000") ? here : null;
  // Deeper than any form or order body: a crafted nest is refused by the schemas anyway.
  if (value === null || typeof value !== "object" || path.length > 32) return null;
  if (typeof Blob !== "undefined" && value instanceof Blob) return null; // files are parsed (and checked) by their readers
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return here;
    const found = findNulByte(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
