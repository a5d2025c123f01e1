// Row types of the meta table (migration 2026-11-28T0000-content): small named values such as
// the content version. Conventions: see db/database.ts.

export interface MetaTable {
  key: string;
  value: string;
}

/** The meta tables, part of `DB`. */
export interface MetaTables {
  meta: MetaTable;
}
