import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import { importContent } from '../../content-folder/import.service.js';
import type { Database } from '../../db/database.js';
import { systemClock } from '../../lib/clock.js';
import { createMailTransport } from '../../mail/transport.js';
import type { Edition } from '../delivery.js';
import { createSend } from './deliveries.service.js';
import { runDelivery } from './sender.js';

// Findings' charts in the newsletter: every message carries one PNG per finding it shows, in
// multipart/related beside the HTML, each referenced by `<img src="cid:…">` (never a URL). The
// teaser edition carries no image of a members-only finding, as it carries none of its text.
// The PNGs are rendered when the edition is compiled and stored with it: every recipient of an
// edition and language gets the very same bytes.

const CANARY = 'CHART-CANARY-41c7';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const files: Record<string, string> = {
  'reports/charts.md': `---\ntitle: Chart survey\nsegments:\n  - key: all\n    name: 所有企业\n  - key: auto\n    name: 汽车行业\nsegment_columns: [industry]\nquestions:\n  - key: ai\n    text: Do you use AI?\n    kind: single\n    answers:\n      - code: 'yes'\n        text: 'Yes'\n      - code: 'no'\n        text: 'No'\nfindings:\n  - title: Public chart finding\n    statement: use AI\n    segment: {column: industry, value: auto}\n    question: ai\n    answers: ['yes']\n  - title: Finding ${CANARY}\n    statement: do not use AI\n    segment: {column: industry, value: auto}\n    question: ai\n    answers: ['no']\n    members_only: true\n---\nSurvey teaser.\n`,
  'reports/charts.responses.csv': `respondent,industry,ai\n${Array.from({ length: 60 }, (_, i) => `r${i},${i < 24 ? 'auto' : 'trade'},${i % 3 === 0 ? 'no' : 'yes'}`).join('\n')}\n`,
  'issues/2031-spring.md': `---\ntitle: 2031 Spring Issue\nseason: spring\nyear: 2031\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: report\n    heading: Report\n    items:\n      - report: charts\n---\nThe intro.\n`,
};

/** The images a message's HTML shows, by Content-ID, and its inline PNG attachments. */
function imagesOf(parsed: ParsedMail): { refs: string[]; alts: Map<string, string>; pngs: Attachment[] } {
  const html = parsed.html as string;
  const refs = [...html.matchAll(/<img src="cid:([^"]+)"/g)].map((m) => m[1]!);
  const alts = new Map([...html.matchAll(/<img src="cid:([^"]+)" alt="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const));
  return { refs, alts, pngs: parsed.attachments.filter((a) => a.contentType === 'image/png') };
}

describe.each(ENGINES)('findings’ charts in the newsletter [%s]', (engine) => {
  let db: Database;
  let folder: string;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    folder = await mkdtemp(join(tmpdir(), 'insights-charts-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    await importContent(db, folder, { clock: systemClock });
  }, 60_000);
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await destroyTestDatabase(db);
  });

  it('each message carries a PNG per finding it shows, referenced by cid; the teaser none of the members-only finding', async () => {
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const people = await seedContacts(db, { members: 4, subscribers: 4, prefix: 'chart', languages: ['en', 'zh'] });
    const sink = await startSmtpSink({ keepRaw: true });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      for (const edition of ['full', 'teaser'] as Edition[]) {
        const delivery = await createSend(deliveryEnv(db), { slug: '2031-spring', edition, scheduledAt: null, actor: SYSTEM_ACTOR });
        expect(await runDelivery(senderDeps(db, transport), delivery.id)).toBe('done');
        // Rendered once per edition and language, stored with the edition.
        const stored = await db.selectFrom('delivery_images').select(['language', 'cid']).where('delivery_id', '=', delivery.id).orderBy('language').orderBy('position').execute();
        expect(stored.map((row) => row.language)).toEqual(edition === 'full' ? ['en', 'en', 'zh', 'zh'] : ['en', 'zh']);
      }
      expect(sink.messages).toHaveLength(8);
      const parsed = new Map<string, ParsedMail>();
      for (const message of sink.messages) parsed.set(message.to[0]!, await simpleParser(message.raw, { keepCidLinks: true }));

      const byEdition = { full: people.members, teaser: people.subscribers };
      const bytes = (pngs: Attachment[]) => pngs.map((png) => png.content.toString('base64'));
      const membersOnlyPngs: string[] = [];
      const firstOf = new Map<string, string[]>();
      for (const [edition, addresses] of Object.entries(byEdition)) {
        for (const [i, address] of addresses.entries()) {
          const mail = parsed.get(address)!;
          const { refs, alts, pngs } = imagesOf(mail);
          expect(refs, address).toHaveLength(edition === 'full' ? 2 : 1);
          // Every reference has its attachment and every attachment a reference; inline, in multipart/related.
          expect(pngs.map((png) => png.cid).sort(), address).toEqual([...refs].sort());
          expect(mail.html as string).not.toMatch(/<img src="https?:/);
          for (const png of pngs) {
            expect(png.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
            expect(png.content.readUInt32BE(16)).toBe(960);
            expect(png.contentDisposition).toBe('inline');
            expect(png.related).toBe(true);
          }
          expect(mail.html as string).toMatch(/<img src="cid:[^"]+" alt="[^"]+" width="480" height="\d+"/);
          // The alt text carries the numbers; in Chinese for the Chinese reader.
          const alt = alts.get(refs[0]!)!;
          expect(alt).toMatch(/\d+\s?%/);
          expect(alt).toContain('汽车行业');
          if (edition === 'full') {
            const secret = refs.find((ref) => alts.get(ref)!.includes(CANARY));
            expect(secret, address).toBeDefined();
            membersOnlyPngs.push(pngs.find((png) => png.cid === secret)!.content.toString('base64'));
          } else {
            expect(mail.html as string).not.toContain(CANARY);
            expect(mail.text).not.toContain(CANARY);
          }
          // Readers of one edition and language get the very same images.
          const key = `${edition}:${i % 2}`;
          if (firstOf.has(key)) expect(bytes(pngs)).toEqual(firstOf.get(key));
          else firstOf.set(key, bytes(pngs));
        }
      }
      // The public chart is the same picture in both editions; the members-only one is in no teaser.
      expect(firstOf.get('teaser:0')![0]).toBe(firstOf.get('full:0')![0]);
      for (const address of people.subscribers) {
        const { pngs } = imagesOf(parsed.get(address)!);
        for (const png of bytes(pngs)) expect(membersOnlyPngs).not.toContain(png);
      }
      // Chinese readers' charts differ from English readers' (their labels are in Chinese).
      expect(firstOf.get('full:1')![0]).not.toBe(firstOf.get('full:0')![0]);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);
});
