/** A LIKE pattern for "starts with", with the user's own % and _ taken literally. */
export function startsWith(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
