// Row types of the program registration, matching and inquiry tables (migration 2026-11-30T0200-programs).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProgramTables {}
