import type { Generated } from 'kysely';
import type { Language } from '../../i18n/languages.js';

// Row types of engagement (migration 2026-12-04T0300-engagement). Conventions: see db/database.ts.

export const ITEM_KINDS = ['story', 'event', 'program', 'report'] as const;
export type LinkItemKind = (typeof ITEM_KINDS)[number];

export const MACHINE_REASONS = ['head', 'early', 'burst', 'scanner'] as const;
export type MachineReason = (typeof MACHINE_REASONS)[number];

export interface EngagementKeysTable {
  name: string;
  secret: string;
  created_at: string;
}

export interface DeliveryLinksTable {
  delivery_id: number;
  language: Language;
  link_index: number;
  url: string;
  item_kind: LinkItemKind | null;
  item_slug: string | null;
  label: Generated<string>;
}

export interface LinkClicksTable {
  id: Generated<number>;
  delivery_id: number;
  language: Language;
  link_index: number;
  clicked_at: string;
  /** 1: counted as a person's click; 0: a machine's (machine_reason says why). */
  human: number;
  machine_reason: MachineReason | null;
}

export interface ContactClicksTable {
  id: Generated<number>;
  contact_id: number;
  delivery_id: number;
  language: Language;
  link_index: number;
  clicked_at: string;
}

export interface ClickGuardsTable {
  /** HMAC of (client address, token): one counted click per pair per window. */
  guard_key: string;
  /** HMAC of the client address (never the address). */
  source_hash: string;
  token_hash: string;
  click_id: number | null;
  contact_click_id: number | null;
  at: string;
}

export interface ContactOpensTable {
  id: Generated<number>;
  contact_id: number;
  delivery_id: number;
  opened_at: string;
}

/** The open pixel's count of a delivery, without a contact. */
export interface DeliveryOpenCountsTable {
  delivery_id: number;
  opens: number;
}

/** One open counted per delivery and ledger row: a keyed hash (HMAC, tracking key) of the two, never the row; swept after two days. */
export interface OpenGuardsTable {
  open_key: string;
  at: string;
}

/** The engagement tables, part of `DB`. */
export interface EngagementTables {
  engagement_keys: EngagementKeysTable;
  delivery_links: DeliveryLinksTable;
  link_clicks: LinkClicksTable;
  contact_clicks: ContactClicksTable;
  click_guards: ClickGuardsTable;
  contact_opens: ContactOpensTable;
  delivery_open_counts: DeliveryOpenCountsTable;
  open_guards: OpenGuardsTable;
}
