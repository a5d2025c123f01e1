// Row types of the delivery tables (migration 2026-11-30T0000-delivery); see db/database.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeliveryTables {}
