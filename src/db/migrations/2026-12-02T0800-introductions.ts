import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Innovator introductions (issue 17): a member contact asks for an introduction to an organisation
// of the innovators directory; staff triage it (state, notes, assignee) and send it to one of the
// organisation's contact persons, who accepts or declines through a one-time link. Only after
// both sides said yes is each sent the other's details, once: `introduced_at` is the claim, set
// in the transaction that enqueues the two emails. `src/introductions/README.md` has the states.

const STATES = `('new', 'contacted', 'accepted', 'declined', 'closed')`;
const PURPOSES = `('partnership', 'sourcing', 'investment', 'technology-scouting', 'other')`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement());
  await db.schema
    .createTable('innovator_introductions')
    .addColumn('id', 'integer', id)
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull().check(sql.raw(`purpose in ${PURPOSES}`)))
    .addColumn('message', 'text', (col) => col.notNull())
    // The member's yes: when they ticked the box, and the sentence they saw (its row in consent_wordings).
    .addColumn('consented_at', 'text', (col) => col.notNull())
    .addColumn('consent_wording_id', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('new').check(sql.raw(`state in ${STATES}`)))
    .addColumn('notes', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('assignee_id', 'integer', (col) => col.references('staff.id').onDelete('set null'))
    .addColumn('innovator_contact_id', 'integer', (col) => col.references('organization_contacts.id').onDelete('set null'))
    // The request email's claim: set with the enqueue, so a second "send" sends nothing.
    .addColumn('sent_at', 'text')
    // sha-256 of the accept/decline link's token (lib/tokens.ts); cleared once used.
    .addColumn('decision_token_hash', 'text', (col) => col.unique())
    // sha-256 of the opt-out link's token: it stays usable after the decision.
    .addColumn('opt_out_token_hash', 'text', (col) => col.unique())
    .addColumn('decided_at', 'text')
    // The introduction emails' claim: set with their enqueue, so each side gets exactly one.
    .addColumn('introduced_at', 'text')
    // A demo sample (content-folder/demo-introductions.ts): marked in the desk, left out of the figures.
    .addColumn('sample', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // One open request per contact and organisation: a double click or a second tab makes none.
  await db.schema
    .createIndex('innovator_introductions_open_uq')
    .on('innovator_introductions')
    .columns(['contact_id', 'organization_id'])
    .unique()
    .where(sql.ref('state'), 'in', ['new', 'contacted'])
    .execute();
  await db.schema.createIndex('innovator_introductions_state').on('innovator_introductions').columns(['state', 'created_at']).execute();
  await db.schema.createIndex('innovator_introductions_organization').on('innovator_introductions').column('organization_id').execute();
  await db.schema.createIndex('innovator_introductions_innovator_contact').on('innovator_introductions').column('innovator_contact_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('innovator_introductions').execute();
}
