// Row types of the event registration tables (migration 2026-11-30T0100-event-registrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventRegistrationTables {}
