/**
 * Bulk statements are split so their parameter lists stay far below the engines' limits
 * (SQLite: 32,766 variables; PostgreSQL: 65,535 bind parameters per statement).
 */
export const MAX_PARAMETERS = 5_000;

/** Splits `items` into consecutive slices holding at most `size` items each. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** How many rows of `columns` values fit into one statement. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS / columns));
}
