// Types of the privacy domain: the person a data request is about, the registry's vocabulary
// (how a row is found for a person, what erasure does to it) and the results of export and erasure.

/** The person a request is about: the normalised address, and the contact when there is one. */
export interface DataSubject {
  /** Trimmed and lower-cased, as every `*_key` column holds it. */
  readonly emailKey: string;
  readonly contactId: number | null;
  /** The keyed hash of `emailKey` under the erasure key (what `erased_addresses` keeps). */
  readonly addressHash: string;
}

/**
 * How rows of a table are found for a person; a table's locators are OR-ed.
 * - `contact`: `column` = the contact's id;
 * - `address`: lower(`column`) = the normalised address (exact);
 * - `mentions`: lower(`column`) contains the address (free text: activity labels, bounce details);
 * - `json`: the JSON text in `column` has `field` equal to the address (job payloads);
 * - `member`: an activity row whose actor is this contact (`actor_type = 'member'`);
 * - `subject`: an activity row about this contact (`subject_type = 'contact'`);
 * - `in`: `column` is one of `select` from `table` where `where` matches the person (by contact or address).
 */
export type Locator =
  | { readonly by: 'contact'; readonly column: string }
  | { readonly by: 'address'; readonly column: string }
  | { readonly by: 'mentions'; readonly column: string }
  | { readonly by: 'json'; readonly column: string; readonly field: string }
  | { readonly by: 'member' }
  | { readonly by: 'subject' }
  | { readonly by: 'in'; readonly column: string; readonly table: string; readonly select: string; readonly where: { readonly by: 'contact' | 'address'; readonly column: string } };

/**
 * What a column becomes when its row is anonymised:
 * `null`; `erased` (the text `erased:<row id>`, unique per row, for NOT NULL and unique columns);
 * `contact-ref` (`contact #<id>`, for audit labels); `address-hash` (the keyed hash of the address);
 * `skip-if-queued` (a ledger state: `queued` becomes `skipped`, any other state stays, so a
 * resumed send never mails the person and a delivered row stays a tombstone).
 */
export type Replacement = null | 'erased' | 'contact-ref' | 'address-hash' | 'skip-if-queued' | 'empty';

/** What erasure does to a located row. */
export type ErasureRule =
  | { readonly action: 'delete' }
  | { readonly action: 'anonymise'; readonly set: Readonly<Record<string, Replacement>>; readonly why: string }
  | { readonly action: 'keep'; readonly why: string };

/** One table holding personal data, as the registry names it. */
export interface TableEntry {
  readonly kind: 'table';
  readonly table: string;
  /** The section of the export document its rows go to; null: not exported (e.g. token hashes). */
  readonly exportAs: string | null;
  /** The columns that hold personal data (the schema test checks them against the database). */
  readonly personal: readonly string[];
  /** Columns left out of the export (secrets, compiled HTML). */
  readonly exportOmits?: readonly string[];
  readonly locate: readonly Locator[];
  readonly erasure: ErasureRule;
  /** What it holds and why, for docs/privacy.md. */
  readonly holds: string;
}

/** Files holding personal data outside the database. */
export interface FileEntry {
  readonly kind: 'files';
  readonly name: string;
  /** Where, relative to DATA_DIR. */
  readonly where: string;
  readonly holds: string;
  readonly erasure: ErasureRule;
}

export type RegistryEntry = TableEntry | FileEntry;

/** How many rows (or files) of one registry entry a request concerns. */
export interface EntryCount {
  readonly entry: string;
  readonly action: ErasureRule['action'];
  readonly count: number;
}

/** What an erasure did (or, for a dry run, would do). */
export interface ErasureReport {
  readonly dryRun: boolean;
  readonly contactId: number | null;
  readonly counts: readonly EntryCount[];
}

/** A person's data as one document (Art. 15, 20). */
export interface PersonalDataExport {
  readonly format: 'innovation-insights/personal-data/1';
  readonly exportedAt: string;
  readonly address: string;
  readonly sections: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
}

/** Which retention age (a site setting, in days) a purge rule uses. */
export type RetentionAge = 'retainSnapshotsDays' | 'retainErrorsDays' | 'retainUserAgentsDays' | 'retainClicksDays' | 'retainRateLimitsDays';

/** A condition a row must meet besides its age: a column's value is one of `in`, or its text contains `contains`. */
export type RetentionFilter =
  | { readonly column: string; readonly in: readonly string[] }
  | { readonly column: string; readonly contains: string };

/**
 * One purge rule (retention.service.ts runs them): rows of `table` whose `timestamp` is older
 * than the `age` setting and that meet every filter are deleted, or have the columns of `clear`
 * overwritten with erasure's replacements (so a cleared ledger row is the same tombstone an
 * erasure leaves). A row already cleared is not counted again, so a second run does nothing.
 */
export interface RetentionRule {
  /** The rule's name in counts, logs and docs (`delivery-snapshots`). */
  readonly name: string;
  readonly table: string;
  /** The column identifying a row (batches are taken by it). */
  readonly key: string;
  readonly age: RetentionAge;
  /** The row's own time (ISO text) that the age counts from. */
  readonly timestamp: string;
  readonly only?: readonly RetentionFilter[];
  readonly action: { readonly action: 'delete' } | { readonly action: 'clear'; readonly set: Readonly<Record<string, null | 'erased' | 'empty'>> };
  /** What stays and why, for docs/operations.md. */
  readonly why: string;
}

/** What one rule purged (or, for a dry run, would purge). */
export interface RetentionCount {
  readonly rule: string;
  readonly action: 'delete' | 'clear';
  readonly count: number;
}

/** What a purge did. */
export interface RetentionReport {
  readonly dryRun: boolean;
  readonly counts: readonly RetentionCount[];
}
