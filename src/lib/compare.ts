/**
 * Compares strings by code point, the same on every database and locale (PostgreSQL servers
 * often sort with a locale that ignores hyphens; SQLite and PGlite sort by bytes).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
