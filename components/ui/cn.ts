/**
 * Joins class names, skipping falsy ones. Deliberately not tailwind-merge: a caller's className is
 * appended, so to override a conflicting utility (e.g. a height) use Tailwind's important suffix (`h-14!`).
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
