import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Inquiries routed to the staff who own their topic (issue 17, the Innovation Hub's services):
// `inquiry_topic_owners` names one staff member per topic (chosen in the desk), and each inquiry
// remembers whom it was assigned to when it arrived (`assigned_staff_id`, null when the topic had
// no owner; the desk's inbox filters "assigned to me" by it).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inquiry_topic_owners')
    .addColumn('topic', 'text', (col) => col.primaryKey())
    .addColumn('staff_id', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .alterTable('inquiries')
    .addColumn('assigned_staff_id', 'integer', (col) => col.references('staff.id'))
    .execute();
  await db.schema.createIndex('inquiries_assigned').on('inquiries').columns(['assigned_staff_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inquiries_assigned').execute();
  await db.schema.alterTable('inquiries').dropColumn('assigned_staff_id').execute();
  await db.schema.dropTable('inquiry_topic_owners').execute();
}
