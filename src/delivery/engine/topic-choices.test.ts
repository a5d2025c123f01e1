import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import { importContent } from '../../content-folder/import.service.js';
import { systemClock } from '../../lib/clock.js';
import { companyKey, emailKey } from '../../members/members.js';
import { createMailTransport } from '../../mail/transport.js';
import type { Edition } from '../delivery.js';
import { compileCount } from '../render/edition.js';
import { assemblyCount } from '../render/topic-blocks.js';
import { createSend } from './deliveries.service.js';
import { runDelivery } from './sender.js';

// Topic choices take effect (issue 20), through a real send to a real SMTP server: a contact who
// follows some topics gets their stories first and the rest by title ('first') or their stories
// only ('only'); all or no topics: the issue unchanged. MJML runs once per delivery and language
// (compileCount), variants are assembled once per key (assemblyCount), never per recipient; the
// teaser's variants hold no members-only text.

const CANARY = 'TOPIC-MEMBERS-CANARY-41c9';

function story(slug: string, title: string, topic: string, teaser: string): string {
  return `---\ntitle: ${title}\nkind: news\ntopics:\n  - ${topic}\n---\n${teaser}.\n\n<!-- members-only -->\nMembers analysis ${CANARY} of ${slug}.\n`;
}

const FILES: Record<string, string> = {
  'topics/tc-robots.md': '---\nname: Robots\nposition: 1\n---\nRobots.\n',
  'topics/tc-energy.md': '---\nname: Energy\nposition: 2\n---\nEnergy.\n',
  'topics/tc-health.md': '---\nname: Health\nposition: 3\n---\nHealth.\n',
  'stories/tc-alpha.md': story('tc-alpha', 'Alpha robots story', 'tc-robots', 'Alpha teaser body'),
  'stories/tc-beta.md': story('tc-beta', 'Beta energy story', 'tc-energy', 'Beta teaser body'),
  'stories/tc-gamma.md': story('tc-gamma', 'Gamma health story', 'tc-health', 'Gamma teaser body'),
  'events/tc-event.md': '---\ntitle: Topic event\nstarts: 2027-03-04T09:30\nends: 2027-03-04T17:00\ntime_zone: Asia/Shanghai\ncity: Shanghai\norganiser: own\n---\nAn event teaser body.\n',
  'issues/2032-spring.md':
    '---\ntitle: Topic Issue\nseason: spring\nyear: 2032\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: Landscape Section\n    items:\n      - story: tc-alpha\n      - story: tc-beta\n  - kind: landscape\n    heading: Health Section\n    items:\n      - story: tc-gamma\n  - kind: upcoming_events\n    heading: Events Section\n    items:\n      - event: tc-event\n---\nThe issue intro.\n',
};

async function seed(db: Database): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'insights-topics-'));
  try {
    for (const [path, text] of Object.entries(FILES)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    await importContent(db, folder, { clock: systemClock }).catch((error: { problems?: unknown }) => {
      throw new Error(JSON.stringify(error.problems));
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const now = '2026-11-01T00:00:00.000Z';

async function contact(db: Database, email: string, companyId: number | null, topics: readonly string[], mode: 'first' | 'only' = 'first'): Promise<void> {
  const row = await db.insertInto('contacts').values({ email, email_key: emailKey(email), name: '', language: 'en', topic_mode: mode, company_id: companyId, subscription_changed_at: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  for (const slug of topics) {
    const topic = await db.selectFrom('topics').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await db.insertInto('contact_topics').values({ contact_id: row.id, topic_id: topic.id }).execute();
  }
}

describe.each(ENGINES)('topic choices in a send [%s]', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await seed(db);
    const company = await db.insertInto('companies').values({ name: 'Topic Member Co', name_key: companyKey('Topic Member Co'), industry: null, membership: 'active', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) await contact(db, `robots-first-${i}@m.test`, company.id, ['tc-robots']);
    await contact(db, 'robots-only@m.test', company.id, ['tc-robots'], 'only');
    await contact(db, 'energy-health@m.test', company.id, ['tc-energy', 'tc-health']);
    await contact(db, 'all@m.test', company.id, ['tc-robots', 'tc-energy', 'tc-health'], 'only');
    await contact(db, 'none@m.test', company.id, [], 'only');
    await contact(db, 'robots-first@p.test', null, ['tc-robots']);
    await contact(db, 'robots-only@p.test', null, ['tc-robots'], 'only');
    await contact(db, 'none@p.test', null, []);
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  async function send(edition: Edition) {
    const sink = await startSmtpSink({ keepRaw: true });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 3, dkim: undefined });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug: '2032-spring', edition, scheduledAt: null, actor: SYSTEM_ACTOR });
      expect(await runDelivery(senderDeps(db, transport, { concurrency: 3 }), delivery.id)).toBe('done');
      const parsed = new Map<string, { text: string; html: string }>();
      for (const message of sink.messages) {
        const mail = await simpleParser(message.raw);
        for (const to of message.to) parsed.set(to, { text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' });
      }
      return parsed;
    } finally {
      transport.close();
      await sink.close();
    }
  }

  let full: Map<string, { text: string; html: string }>;
  let teaser: Map<string, { text: string; html: string }>;
  let compiles = 0;
  let assembled = 0;

  it('compiles each edition once and assembles each variant once, whatever the number of recipients', async () => {
    const before = { mjml: compileCount.mjml, variants: assemblyCount.variants };
    full = await send('full');
    teaser = await send('teaser');
    compiles = compileCount.mjml - before.mjml;
    assembled = assemblyCount.variants - before.variants;
    expect(full.size).toBe(7);
    expect(teaser.size).toBe(3);
    // One language, two deliveries: MJML ran twice for ten recipients.
    expect(compiles).toBe(2);
    // Full: unchanged, first:robots (three contacts), only:robots, first:energy,health; teaser: unchanged, first:robots, only:robots.
    expect(assembled).toBe(7);
    const ledger = await db.selectFrom('delivery_recipients').select(['email', 'topic_variant']).orderBy('email').execute();
    expect(Object.fromEntries(ledger.map((row) => [row.email, row.topic_variant]))).toEqual({
      'all@m.test': null, 'energy-health@m.test': 'first:tc-energy,tc-health', 'none@m.test': null, 'none@p.test': null,
      'robots-first-0@m.test': 'first:tc-robots', 'robots-first-1@m.test': 'first:tc-robots', 'robots-first-2@m.test': 'first:tc-robots',
      'robots-first@p.test': 'first:tc-robots', 'robots-only@m.test': 'only:tc-robots', 'robots-only@p.test': 'only:tc-robots',
    });
  }, 60_000);

  /** Where a message's link leads: a `/r/<delivery>-<row>-<link>-<mac>` address resolved through the delivery's numbered links. */
  async function targetOf(href: string | undefined): Promise<string> {
    const token = /\/r\/(\d+)-(\d+)-(\d+)-[\w-]+$/.exec(href ?? '');
    if (!token) return `not a tracked link: ${href}`;
    const link = await db.selectFrom('delivery_links').select('url').where('delivery_id', '=', Number(token[1])).where('link_index', '=', Number(token[3])).executeTakeFirst();
    return link?.url ?? `no link ${token[3]} in delivery ${token[1]}`;
  }

  it('a contact following one topic gets its stories first and the others as titles with links', async () => {
    for (const mail of [full.get('robots-first-0@m.test')!, teaser.get('robots-first@p.test')!]) {
      const { text, html } = mail;
      expect(text).toContain('YOUR TOPICS');
      expect(html).toContain('Your topics');
      const alpha = text.indexOf('Alpha teaser body');
      expect(alpha).toBeGreaterThan(text.indexOf('YOUR TOPICS'));
      expect(alpha).toBeLessThan(text.indexOf('LANDSCAPE SECTION'));
      // The others by title, linked to their pages (through the tracked redirect, engagement); not their bodies.
      expect(await targetOf(/-> Beta energy story: (\S+)/.exec(text)?.[1])).toBe('http://insights.test/stories/tc-beta');
      expect(await targetOf(/-> Gamma health story: (\S+)/.exec(text)?.[1])).toBe('http://insights.test/stories/tc-gamma');
      expect(await targetOf(/<a href="([^"]+)"[^>]*>Gamma health story<\/a>/.exec(html)?.[1])).toBe('http://insights.test/stories/tc-gamma');
      expect(text).not.toContain('Beta teaser body');
      expect(text).not.toContain('Gamma teaser body');
      expect(html).not.toContain('Gamma teaser body');
      // Alpha appears once (in its topics' block), events stay in full where they were.
      expect(text.split('Alpha teaser body')).toHaveLength(2);
      expect(text).toContain('An event teaser body');
      expect(text).not.toContain('You receive only the stories');
    }
    const two = full.get('energy-health@m.test')!.text;
    expect(two.indexOf('Beta teaser body')).toBeLessThan(two.indexOf('Gamma teaser body'));
    expect(two.indexOf('Gamma teaser body')).toBeLessThan(two.indexOf('LANDSCAPE SECTION'));
    expect(two).toContain('-> Alpha robots story');
    // The section whose every story moved up is left out, heading and all.
    expect(two).not.toContain('HEALTH SECTION');
  });

  it("'only': the stories of the topics followed and nothing else of the stories, with a link to the whole issue", () => {
    for (const { text, html } of [full.get('robots-only@m.test')!, teaser.get('robots-only@p.test')!]) {
      expect(text).toContain('Alpha teaser body');
      expect(text).not.toContain('Beta');
      expect(text).not.toContain('Gamma');
      expect(html).not.toContain('Gamma');
      expect(text).not.toContain('HEALTH SECTION');
      expect(text).toContain('You receive only the stories of the topics you follow.');
      expect(text).toContain('http://insights.test/issues/2032-spring');
      expect(text).toContain('An event teaser body');
    }
  });

  it('following every topic or none gets the issue unchanged', () => {
    const strip = (s: string) => s.replace(/\/r\/[\w-]+/g, '/r/T').replace(/\/unsubscribe\/[\w-]+/g, '/unsubscribe/T').replace(/unsubscribe%2B[\w-]+|unsubscribe\+[\w-]+/g, 'U');
    const all = full.get('all@m.test')!;
    const none = full.get('none@m.test')!;
    expect(strip(all.text)).toBe(strip(none.text));
    expect(strip(all.html)).toBe(strip(none.html));
    for (const { text, html } of [all, none, teaser.get('none@p.test')!]) {
      expect(text).not.toContain('YOUR TOPICS');
      expect(html).not.toContain('Your topics');
      expect(text).not.toContain('-> ');
      expect(text.indexOf('Alpha teaser body')).toBeLessThan(text.indexOf('Beta teaser body'));
      expect(text.indexOf('Beta teaser body')).toBeLessThan(text.indexOf('Gamma teaser body'));
      expect(text).toContain('HEALTH SECTION');
    }
  });

  it('members-only text is in the full variants and never in any teaser variant', () => {
    for (const [to, { text, html }] of full) expect(text.includes(CANARY) && html.includes(CANARY), to).toBe(true);
    for (const [to, { text, html }] of teaser) {
      expect(text.includes(CANARY), to).toBe(false);
      expect(html.includes(CANARY), to).toBe(false);
    }
    expect(compiles).toBeGreaterThan(0);
    expect(assembled).toBeGreaterThan(0);
  });
});
