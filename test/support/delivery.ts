import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SYSTEM_ACTOR } from '../../src/activity/activity.js';
import { importContent } from '../../src/content-folder/import.service.js';
import type { Database } from '../../src/db/database.js';
import type { SendSettings } from '../../src/delivery/delivery.js';
import { createSend, type DeliveryEnv } from '../../src/delivery/engine/deliveries.service.js';
import { runDelivery, type SenderDeps } from '../../src/delivery/engine/sender.js';
import { createMailTransport, type MailTransport } from '../../src/mail/transport.js';
import type { Language } from '../../src/i18n/languages.js';
import { systemClock, type Clock } from '../../src/lib/clock.js';
import { companyKey, emailKey } from '../../src/members/members.js';
import { TEST_SECRET_KEY, TEST_SITE_URL } from './app.js';
import { startSmtpSink } from './smtp-sink.js';

// Fixtures for delivery tests: an issue whose every members-only part holds a canary, and
// contacts in bulk (members of an active company, and public subscribers).

export const MEMBERS_CANARY = 'MEMBERS-CANARY-7f3a9c';
export const TEASER_TEXT = 'Public teaser of the delivery story';

function issueFiles(slug: string, year: number, season: string): Record<string, string> {
  return {
    [`stories/${slug}-story.md`]: `---\ntitle: Robots in Shenzhen ${slug}\nkind: news\n---\n${TEASER_TEXT}.\n\n<!-- members-only -->\nSecret analysis ${MEMBERS_CANARY} in the story.\n`,
    [`events/${slug}-event.md`]: `---\ntitle: Delivery event ${slug}\nstarts: 2027-03-04T09:30\nends: 2027-03-04T17:00\ntime_zone: Asia/Shanghai\ncity: Shanghai\norganiser: own\n---\nAn event teaser.\n<!-- members-only -->\nDoor code ${MEMBERS_CANARY}.\n`,
    [`issues/${slug}.md`]: `---\ntitle: ${year} ${season} Issue\nseason: ${season}\nyear: ${year}\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: China's Innovation Landscape\n    items:\n      - label: Story 1\n        story: ${slug}-story\n  - kind: upcoming_events\n    heading: Upcoming events\n    items:\n      - event: ${slug}-event\n---\nThe issue intro for everyone.\n\n<!-- members-only -->\nIntro for members ${MEMBERS_CANARY}.\n`,
  };
}

/** Imports a published issue (default `2026-fall`) whose members-only parts hold MEMBERS_CANARY. */
export async function seedIssue(db: Database, year = 2026, season = 'fall'): Promise<string> {
  const slug = `${year}-${season}`;
  const folder = await mkdtemp(join(tmpdir(), 'insights-delivery-'));
  try {
    for (const [path, text] of Object.entries(issueFiles(slug, year, season))) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    await importContent(db, folder, { clock: systemClock });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return slug;
}

/**
 * Inserts `members` contacts at an active member company and `subscribers` without one; returns
 * their addresses. With `languages`, the contacts of each group read them in turn (the first
 * member the first language, the second the second, …); otherwise all read English.
 */
export async function seedContacts(db: Database, counts: { members: number; subscribers: number; prefix?: string; languages?: readonly Language[] }): Promise<{ members: string[]; subscribers: string[] }> {
  const now = '2026-11-01T00:00:00.000Z';
  const prefix = counts.prefix ?? 'p';
  const name = `Member Co ${prefix}`;
  const company = await db
    .insertInto('companies')
    .values({ name, name_key: companyKey(name), industry: null, membership: 'active', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = Array.from({ length: counts.members }, (_, i) => `${prefix}-member-${i}@members.test`);
  const subscribers = Array.from({ length: counts.subscribers }, (_, i) => `${prefix}-reader-${i}@public.test`);
  const languages = counts.languages ?? ['en'];
  const languageOf = (i: number): Language => languages[i % languages.length]!;
  const rows = [
    ...members.map((email, i) => ({ email, company_id: company.id as number | null, name: `Member ${i}`, language: languageOf(i) })),
    ...subscribers.map((email, i) => ({ email, company_id: null, name: i % 2 === 0 ? `Reader <${i}> & Co` : '', language: languageOf(i) })),
  ];
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('contacts')
      .values(rows.slice(i, i + 500).map((row) => ({ ...row, email_key: emailKey(row.email), subscription_changed_at: null, created_at: now, updated_at: now })))
      .execute();
  }
  return { members, subscribers };
}

export const FAST_SETTINGS: SendSettings = { concurrency: 5, rate: 100_000, leaseMs: 60_000, retryBaseMs: 30, maxAttempts: 10, breakerFailures: 10, probeBaseMs: 50, domainLimits: new Map(), domainBackoffMs: 100 };

/** The delivery services' parts on a test database; `clock` is the test's one clock (the system's by default: senders wait for real retries). */
export function deliveryEnv(db: Database, clock: Clock = systemClock): DeliveryEnv {
  return { db, clock, secretKey: TEST_SECRET_KEY, site: { name: 'Innovation Insights', url: TEST_SITE_URL }, mailDomain: 'insights.test' };
}

export function senderDeps(db: Database, transport: MailTransport, settings: Partial<SendSettings> = {}): SenderDeps {
  return { ...deliveryEnv(db), transport, settings: { ...FAST_SETTINGS, ...settings }, mailFrom: 'Innovation Insights <newsletter@insights.test>' };
}

/** Sends one edition of an issue to its whole audience through a real SMTP sink on 127.0.0.1; the delivery and every message received, parsed. */
export async function sendThroughSink(db: Database, slug: string, edition: 'full' | 'teaser') {
  const sink = await startSmtpSink({});
  const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
  try {
    const delivery = await createSend(deliveryEnv(db), { slug, edition, scheduledAt: null, actor: SYSTEM_ACTOR });
    // No vitest here: bench/send.ts imports this file too.
    const result = await runDelivery(senderDeps(db, transport), delivery.id);
    if (result !== 'done') throw new Error(`delivery #${delivery.id} of ${slug}/${edition} ended ${result}, not done`);
    const messages = await Promise.all(sink.messages.map(async (m) => ({ to: m.to[0]!, parsed: await simpleParser(m.raw) })));
    return { deliveryId: delivery.id, messages };
  } finally {
    transport.close();
    await sink.close();
  }
}
