/**
 * Whether a database error is a unique-constraint violation, on either engine: SQLite reports
 * `SQLITE_CONSTRAINT_UNIQUE`, PostgreSQL (and PGlite) SQLSTATE `23505`. Services check first and
 * use this only for the race where two writers take the same slug at once.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
