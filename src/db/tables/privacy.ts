// Row types of the privacy tables (migration 2026-12-01T0600-privacy). Conventions: see db/database.ts.

/** An erased person's address, as a keyed hash only. */
export interface ErasedAddressesTable {
  address_hash: string;
  former_contact_id: number | null;
  erased_at: string;
}

/** The privacy tables, part of `DB`. */
export interface PrivacyTables {
  erased_addresses: ErasedAddressesTable;
}
