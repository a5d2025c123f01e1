import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Topic choices take effect (issue 20): a contact says whether the stories of the topics they
// follow come first in the newsletter ('first', the rest listed by title) or alone ('only');
// each ledger row keeps the variant its message is assembled as (the mode and the topics
// followed when the audience was taken; null: the issue unchanged), so a resumed send sends what
// it started with.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('topic_mode', 'text', (col) => col.notNull().defaultTo('first')).execute();
  await db.schema.alterTable('delivery_recipients').addColumn('topic_variant', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delivery_recipients').dropColumn('topic_variant').execute();
  await db.schema.alterTable('contacts').dropColumn('topic_mode').execute();
}
