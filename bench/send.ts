// Send bench: 20,000 messages of the 2024 spring demo issue's full edition through the whole
// engine (audience snapshot, ledger claims and marks on SQLite, personalisation, pooled
// nodemailer) to a local smtp-server sink running in a child process. The audience reads three
// languages, a third each (en, de, zh), so the send compiles the edition three times and every
// message is in its reader's language. Next to two baselines measured in the same run through
// the same kind of pool: nodemailer alone pushing one pre-rendered message per language, in
// turn, 20,000 times (the goal: the engine at 0.8 of it or more; the report's chart PNGs go with
// it as cid attachments nodemailer encodes), and the raw pipe, the same
// messages with their parts already encoded as the engine sends them. The machine's
// load is printed next to each figure. Then the send test's first case at full scale (it runs with
// 200 recipients in src/delivery/engine/send.test.ts): both editions of an issue to 2,500
// members and 2,500 public subscribers, on SQLite and the PostgreSQL engine (bench/engines.ts),
// counting who got how many messages and which got the members-only text. Run with
// `npm run bench:send` (`npx tsx bench/send.ts`); it prints figures to stderr and exactly one
// JSON line on stdout. It reports, it never asserts. Then the mixed audience (issue 20): the same
// contacts with different topic choices and modes get a second issue, its variants assembled from
// blocks, against a nodemailer-alone baseline measured again in the same run (`mixed` in the JSON
// line). `BENCH_SKIP_AUDIENCE=1` leaves out the at-scale case on the engines.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_ACTOR } from '../src/activity/activity.js';
import { DEMO_DIR } from '../src/content-folder/demo.js';
import { importContent } from '../src/content-folder/import.service.js';
import { connectDatabase } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createSend, getDeliveryCounts } from '../src/delivery/engine/deliveries.service.js';
import { buildMessage, runDelivery } from '../src/delivery/engine/sender.js';
import { findDeliveryTemplates } from '../src/delivery/engine/deliveries.queries.js';
import { prepareEditions } from '../src/delivery/engine/sender.js';
import { LANGUAGES } from '../src/i18n/languages.js';
import { createMailTransport, createPooledNodemailer, toNodemailer, type MailMessage } from '../src/mail/transport.js';
import { systemClock } from '../src/lib/clock.js';
import { companyKey, emailKey } from '../src/members/members.js';
import { MEMBERS_CANARY, TEASER_TEXT, deliveryEnv, seedContacts, seedIssue, senderDeps } from '../test/support/delivery.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { startBenchEngines, type BenchEngine } from './engines.js';
import { compileCount } from '../src/delivery/render/edition.js';
import { assemblyCount } from '../src/delivery/render/topic-blocks.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CONCURRENCY = Number(process.env.SEND_CONCURRENCY ?? 10);
/** Members and public subscribers each in the at-scale case (5,000 recipients in all). */
const AUDIENCE_HALF = Number(process.env.BENCH_AUDIENCE_HALF ?? 2_500);
/** The mixed-domain run: recipients over four domains, one throttling at DEFER_RATE a second. */
const MIXED_MESSAGES = Number(process.env.BENCH_MIXED_MESSAGES ?? 4_000);
const DEFER_RATE = Number(process.env.BENCH_DEFER_RATE ?? 50);
const SECRET = 'bench-secret-key-that-is-long-enough-0123456789';

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function say(message: string): void {
  process.stderr.write(`[bench:send] ${message}\n`);
}

/**
 * The sink: counts messages and throws them away (runs in its own process). With
 * `--defer=<domain>:<per second>` it plays a receiving domain that throttles: beyond that many
 * recipients of the domain in a second it answers `451 4.7.1` at RCPT TO, as qq.com does.
 */
async function runSink(): Promise<void> {
  let count = 0;
  const defer = /^--defer=([^:]+):(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--defer=')) ?? '');
  const deferDomain = defer?.[1];
  const perSecond = Number(defer?.[2] ?? 0);
  let second = 0;
  let inSecond = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (deferDomain && address.address.toLowerCase().endsWith(`@${deferDomain}`)) {
        const now = Math.floor(Date.now() / 1000);
        if (now !== second) {
          second = now;
          inSecond = 0;
        }
        if (++inSecond > perSecond) {
          const error = Object.assign(new Error('4.7.1 too many messages from your IP, slow down'), { responseCode: 451 });
          return callback(error);
        }
      }
      callback();
    },
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
    process.stdout.write(`${address.port}\n`);
  });
  process.on('message', () => process.send?.(count));
}

async function startSink(...extra: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--sink', ...extra], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `smtp://127.0.0.1:${port}`, child };
}

async function seed(db: Database): Promise<string> {
  await importContent(db, DEMO_DIR, { clock: systemClock });
  const now = new Date().toISOString();
  const company = await db.insertInto('companies').values({ name: 'Bench GmbH', name_key: companyKey('Bench GmbH'), industry: null, membership: 'active', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('contacts').set({ subscribed: 0 }).execute();
  for (let i = 0; i < MESSAGES; i += 500) {
    const rows = Array.from({ length: Math.min(500, MESSAGES - i) }, (_, j) => {
      const email = `reader.${i + j}@bench.test`;
      return { email, email_key: emailKey(email), name: `Reader ${i + j}`, language: LANGUAGES[(i + j) % LANGUAGES.length]!, company_id: company.id, subscription_changed_at: null, created_at: now, updated_at: now };
    });
    await db.insertInto('contacts').values(rows).execute();
  }
  return '2024-spring';
}

/** What the mixed-domain run found. */
interface MixedFigures {
  readonly messages: number;
  readonly domains: readonly string[];
  readonly deferring_domain: string;
  readonly deferring_limit_per_second: number;
  readonly result: string;
  readonly sent: number;
  readonly failed: number;
  readonly deferrals: number;
  readonly ms: number;
  /** The best the same mix could do: everything at the raw pipe's rate, the deferring domain at its limit. */
  readonly ideal_ms: number;
  readonly ratio_to_ideal: number;
  /** When the undeferred domains' last message was accepted, and their rate. */
  readonly undeferred_ms: number;
  readonly undeferred_messages_per_second: number;
  readonly undeferred_ratio_to_raw_pipe: number;
  readonly deferring_ms: number;
  readonly rss_start_mb: number;
  readonly rss_end_mb: number;
}

/**
 * The mixed-domain run: MIXED_MESSAGES recipients spread evenly over four domains, one of which
 * (`qq.bench.test`) throttles at DEFER_RATE recipients a second and defers the rest with
 * `451 4.7.1` (a sink process of its own). The engine paces that domain alone; the others should
 * finish at the pipe's rate. Figures against the raw pipe measured in the same run.
 */
async function mixedRun(db: Database, env: Parameters<typeof createSend>[0], rawPipe: number): Promise<MixedFigures> {
  const deferring = 'qq.bench.test';
  const domains = ['a.bench.test', 'b.bench.test', 'c.bench.test', deferring];
  const sink = await startSink(`--defer=${deferring}:${DEFER_RATE}`);
  const slug = await seedIssue(db, 2027, 'spring');
  await db.updateTable('contacts').set({ subscribed: 0 }).execute();
  const now = new Date().toISOString();
  const company = await db.insertInto('companies').values({ name: 'Mixed GmbH', name_key: companyKey('Mixed GmbH'), industry: null, membership: 'active', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < MIXED_MESSAGES; i += 500) {
    const rows = Array.from({ length: Math.min(500, MIXED_MESSAGES - i) }, (_, j) => {
      const email = `mixed.${i + j}@${domains[(i + j) % domains.length]}`;
      return { email, email_key: emailKey(email), name: `Mixed ${i + j}`, language: LANGUAGES[(i + j) % LANGUAGES.length]!, company_id: company.id, subscription_changed_at: null, created_at: now, updated_at: now };
    });
    await db.insertInto('contacts').values(rows).execute();
  }
  const delivery = await createSend(env, { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
  const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: CONCURRENCY, dkim: undefined });
  const rssStart = Math.round(process.memoryUsage().rss / 1048576);
  try {
    const start = performance.now();
    const startedAt = Date.now();
    const result = await runDelivery(
      {
        ...env, transport, mailFrom: 'Innovation Insights <newsletter@insights.example.org>',
        // Short backoffs so the bench ends in seconds; the defaults (60 s) scale every wait up alike.
        settings: { concurrency: CONCURRENCY, rate: 1_000_000, leaseMs: 120_000, retryBaseMs: 200, maxAttempts: 50, breakerFailures: 10, probeBaseMs: 30_000, domainLimits: new Map(), domainBackoffMs: 1000 },
      },
      delivery.id,
    );
    const ms = performance.now() - start;
    const counts = await getDeliveryCounts(db, delivery.id);
    const last = async (deferred: boolean) => {
      const row = await db.selectFrom('delivery_recipients').select((eb) => eb.fn.max('sent_at').as('at')).where('delivery_id', '=', delivery.id).where('domain', deferred ? '=' : '!=', deferring).executeTakeFirstOrThrow();
      return Date.parse(String(row.at)) - startedAt;
    };
    const deferrals = await db.selectFrom('delivery_recipients').select((eb) => eb.fn.sum<number>('deferrals').as('n')).where('delivery_id', '=', delivery.id).executeTakeFirstOrThrow();
    const undeferredMs = await last(false);
    const undeferred = MIXED_MESSAGES - Math.floor(MIXED_MESSAGES / domains.length);
    const ideal = Math.max(MIXED_MESSAGES / rawPipe, Math.ceil(MIXED_MESSAGES / domains.length) / DEFER_RATE) * 1000;
    const undeferredRate = undeferred / (undeferredMs / 1000);
    return {
      messages: MIXED_MESSAGES, domains, deferring_domain: deferring, deferring_limit_per_second: DEFER_RATE, result, sent: counts.sent, failed: counts.failed,
      deferrals: Number(deferrals.n ?? 0), ms: Math.round(ms), ideal_ms: Math.round(ideal), ratio_to_ideal: Number((ms / ideal).toFixed(2)),
      undeferred_ms: undeferredMs, undeferred_messages_per_second: Math.round(undeferredRate), undeferred_ratio_to_raw_pipe: Number((undeferredRate / rawPipe).toFixed(2)),
      deferring_ms: await last(true), rss_start_mb: rssStart, rss_end_mb: Math.round(process.memoryUsage().rss / 1048576),
    };
  } finally {
    transport.close();
    sink.child.kill();
  }
}

/** Figures of the mixed-audience run (topic choices). */
interface MixedAudienceFigures {
  readonly messages_per_second: number;
  readonly baseline_messages_per_second: number;
  readonly ratio: number;
  readonly sent: number;
  readonly variants_on_ledger: number;
  readonly mjml_compiles: number;
  readonly variants_assembled: number;
}

const SETTINGS = { concurrency: CONCURRENCY, rate: 1_000_000, leaseMs: 120_000, retryBaseMs: 1000, maxAttempts: 5, breakerFailures: 10, probeBaseMs: 30_000, domainLimits: new Map(), domainBackoffMs: 60_000 };

/** Gives the bench's contacts mixed topic choices and sends them the 2023 fall issue's full edition. */
async function sendMixed(db: Database, env: Parameters<typeof createSend>[0], sinkUrl: string, dir: string): Promise<MixedAudienceFigures> {
  const topics = await db.selectFrom('topics').select('id').orderBy('position').execute();
  const contacts = await db.selectFrom('contacts').select('id').where('subscribed', '=', 1).orderBy('id').execute();
  const rows: Array<{ contact_id: number; topic_id: number }> = [];
  const only: number[] = [];
  contacts.forEach(({ id }, i) => {
    const kind = i % 5;
    if (kind === 0) return; // none: the issue unchanged
    // Every proper subset of the topics in turn (a hash of i picks it), in either mode.
    const mask = kind === 1 ? (1 << topics.length) - 1 : (Math.imul(i, 2654435761) >>> 0) % ((1 << topics.length) - 2) + 1;
    const chosen = topics.filter((_, t) => (mask >> t) & 1);
    for (const topic of chosen) rows.push({ contact_id: id, topic_id: topic.id });
    if ((i >> 1) % 2 === 0) only.push(id);
  });
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('contact_topics').values(rows.slice(i, i + 500)).execute();
  for (let i = 0; i < only.length; i += 500) await db.updateTable('contacts').set({ topic_mode: 'only' }).where('id', 'in', only.slice(i, i + 500)).execute();
  const before = { mjml: compileCount.mjml, variants: assemblyCount.variants };
  const delivery = await createSend(env, { slug: '2023-fall', edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
  const ledger = await db.selectFrom('delivery_recipients').select('topic_variant').distinct().where('delivery_id', '=', delivery.id).execute();
  // The same-run baseline: nodemailer alone pushing this issue's message (one per language), composed each time.
  const editions = prepareEditions(await findDeliveryTemplates(db, delivery.id));
  const site = env.site;
  const messages = LANGUAGES.map((language, i) => {
    const edition = editions.get(language)!.edition;
    const { html, text } = edition.personalise({ greeting: `Hello Reader ${i},`, unsubscribe_url: `${site.url}/unsubscribe/1`, preferences_url: `${site.url}/account`, web_url: `${site.url}/issues/2023-fall` });
    return { from: 'Innovation Insights <newsletter@insights.example.org>', to: `reader.${i}@bench.test`, subject: edition.subject, html, text, headers: {}, messageId: `<mixed.${i}@insights.example.org>`, returnPath: 'bounces@insights.example.org', attachments: edition.images.map((image) => ({ filename: image.filename, content: image.content, contentType: image.contentType, cid: image.cid })) } as MailMessage;
  });
  const pool = createPooledNodemailer(sinkUrl, CONCURRENCY, undefined);
  const count = contacts.length;
  let next = 0;
  const baseStart = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      const message = messages[next % messages.length]!;
      next++;
      await pool.sendMail(toNodemailer(message));
    }
  }));
  pool.close();
  const baseline = count / ((performance.now() - baseStart) / 1000);
  const transport = createMailTransport({ smtpUrl: sinkUrl, outboxDir: join(dir, 'outbox-mixed'), concurrency: CONCURRENCY, dkim: undefined });
  const start = performance.now();
  await runDelivery({ ...env, transport, settings: SETTINGS, mailFrom: 'Innovation Insights <newsletter@insights.example.org>' }, delivery.id);
  const rate = count / ((performance.now() - start) / 1000);
  transport.close();
  const counts = await getDeliveryCounts(db, delivery.id);
  return {
    messages_per_second: Math.round(rate), baseline_messages_per_second: Math.round(baseline), ratio: Number((rate / baseline).toFixed(2)), sent: counts.sent,
    variants_on_ledger: ledger.length, mjml_compiles: compileCount.mjml - before.mjml, variants_assembled: assemblyCount.variants - before.variants,
  };
}

/** What the at-scale case found on one engine. */
interface AudienceFigures {
  readonly engine: BenchEngine;
  readonly ms: number;
  readonly results: string;
  readonly recipients: number;
  readonly messages: number;
  readonly distinct_message_ids: number;
  /** Seeded addresses that got exactly one message (should be all of them). */
  readonly exactly_once: number;
  /** Members whose one message held the members-only text and the teaser (should be all members). */
  readonly members_with_members_text: number;
  /** Public subscribers whose message held members-only text (should be 0). */
  readonly subscribers_with_members_text: number;
}

/** Undoes quoted-printable soft line breaks and `=3D`, so a marker split across lines is found. */
function plain(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

/** Both editions of a fresh issue to AUDIENCE_HALF members and AUDIENCE_HALF subscribers (a third each in en, de, zh), through an in-process sink. */
async function sendToAudience(engine: BenchEngine, db: Database): Promise<AudienceFigures> {
  const slug = await seedIssue(db, 2026, 'fall');
  const people = await seedContacts(db, { members: AUDIENCE_HALF, subscribers: AUDIENCE_HALF, prefix: 'big', languages: LANGUAGES });
  const sink = await startSmtpSink({ keepRaw: false, tag: (raw) => `${plain(raw).includes(MEMBERS_CANARY) ? 'canary' : 'clean'}:${plain(raw).includes(TEASER_TEXT) ? 'teaser' : 'none'}` });
  const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: CONCURRENCY, dkim: undefined });
  try {
    const start = performance.now();
    const results: string[] = [];
    for (const edition of ['full', 'teaser'] as const) {
      const delivery = await createSend(deliveryEnv(db), { slug, edition, scheduledAt: null, actor: SYSTEM_ACTOR });
      results.push(await runDelivery(senderDeps(db, transport, { concurrency: CONCURRENCY }), delivery.id));
    }
    const ms = Math.round(performance.now() - start);
    const received = new Map<string, string[]>();
    for (const message of sink.messages) for (const to of message.to) received.set(to, [...(received.get(to) ?? []), message.tag]);
    const everyone = [...people.members, ...people.subscribers];
    return {
      engine, ms, results: results.join(','), recipients: received.size, messages: sink.messages.length,
      distinct_message_ids: new Set(sink.messages.map((m) => m.messageId)).size,
      exactly_once: everyone.filter((address) => received.get(address)?.length === 1).length,
      members_with_members_text: people.members.filter((address) => received.get(address)?.join() === 'canary:teaser').length,
      subscribers_with_members_text: people.subscribers.filter((address) => received.get(address)?.some((tag) => tag.startsWith('canary'))).length,
    };
  } finally {
    transport.close();
    await sink.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'insights-bench-send-'));
  const sink = await startSink();
  const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    await migrateToLatest(db);
    const slug = await seed(db);
    say(`${MESSAGES} messages, ${CONCURRENCY} connections, sink ${sink.url}; load average ${load()}`);
    const site = { name: 'Innovation Insights', url: 'https://insights.example.org' };
    const env = { db, clock: systemClock, secretKey: SECRET, site, mailDomain: 'insights.example.org' };
    const delivery = await createSend(env, { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });

    // Two baselines, one pre-rendered message pushed MESSAGES times through the same pool:
    // nodemailer alone, composing and encoding the message each time as any sender built on it
    // does (the goal is measured against this one), and the raw pipe, the same message with its
    // parts encoded once as the engine sends them (what is left is the ledger's own cost).
    const templates = await findDeliveryTemplates(db, delivery.id);
    const editions = prepareEditions(templates);
    say(`editions compiled: ${[...templates.keys()].join(', ')} (one per language of the audience)`);
    // Click tracking (engagement): the baselines' messages carry links of the same shape as the engine's `/r/<token>`.
    const sampleLink = (index: number) => `${site.url}/r/${delivery.id}-1-${index}-0123456789abcdef0123`;
    const senderSite = { secretKey: SECRET, site, mailFrom: 'Innovation Insights <newsletter@insights.example.org>', mailDomain: 'insights.example.org', clickLinks: () => sampleLink };
    const encodedMessages = LANGUAGES.map((language, i) =>
      buildMessage(senderSite, delivery, editions, { id: i + 1, contactId: i + 1, email: `reader.${i}@bench.test`, emailKey: `reader.${i}@bench.test`, name: `Reader ${i}`, language, messageId: `<bench.${i}@insights.example.org>`, verpToken: '1x0123456789abcdef' }),
    );
    const composedMessages = LANGUAGES.map((language, i) => {
      const edition = editions.get(language)!.edition;
      const { html, text } = edition.personalise({ greeting: `Hello Reader ${i},`, unsubscribe_url: `${site.url}/unsubscribe/1`, preferences_url: `${site.url}/account`, web_url: `${site.url}/issues/${slug}`, link: sampleLink });
      // The findings' chart PNGs as nodemailer attachments by cid, encoded by it for each message.
      const attachments = edition.images.map((image) => ({ filename: image.filename, content: image.content, contentType: image.contentType, cid: image.cid }));
      return { ...encodedMessages[i]!, encoded: undefined, html, text, attachments };
    });
    const pipe = async (messages: readonly MailMessage[]): Promise<number> => {
      const pool = createPooledNodemailer(sink.url, CONCURRENCY, undefined);
      const start = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < MESSAGES) {
          const message = messages[next % messages.length]!;
          next++;
          await pool.sendMail(toNodemailer(message));
        }
      }));
      pool.close();
      return MESSAGES / ((performance.now() - start) / 1000);
    };
    const baseline = await pipe(composedMessages);
    say(`baseline: nodemailer alone, ${Math.round(baseline)} messages/s; load ${load()}`);
    const rawPipe = await pipe(encodedMessages);
    say(`raw pipe: the same message with its parts encoded once, ${Math.round(rawPipe)} messages/s; load ${load()}`);

    // The engine, with RSS sampled at each quarter.
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(dir, 'outbox'), concurrency: CONCURRENCY, dkim: undefined });
    const rss: Record<string, number> = {};
    const quarters = [25, 50, 75];
    const sampler = setInterval(() => {
      void db.selectFrom('delivery_recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('delivery_id', '=', delivery.id).where('state', '=', 'sent').executeTakeFirstOrThrow().then(({ n }) => {
        const done = (Number(n) / MESSAGES) * 100;
        for (const q of quarters) if (done >= q && rss[`rss_${q}_mb`] === undefined) rss[`rss_${q}_mb`] = Math.round(process.memoryUsage().rss / 1048576);
      });
    }, 500);
    const start = performance.now();
    const result = await runDelivery({ ...env, transport, settings: { concurrency: CONCURRENCY, rate: 1_000_000, leaseMs: 120_000, retryBaseMs: 1000, maxAttempts: 5, breakerFailures: 10, probeBaseMs: 30_000, domainLimits: new Map(), domainBackoffMs: 60_000 }, mailFrom: 'Innovation Insights <newsletter@insights.example.org>' }, delivery.id);
    const ms = performance.now() - start;
    clearInterval(sampler);
    transport.close();
    rss.rss_100_mb = Math.round(process.memoryUsage().rss / 1048576);
    for (const q of quarters) rss[`rss_${q}_mb`] ??= rss.rss_100_mb;
    const counts = await getDeliveryCounts(db, delivery.id);
    const rate = MESSAGES / (ms / 1000);
    say(`engine: ${result}, ${counts.sent} sent, ${counts.failed} failed, ${Math.round(rate)} messages/s (${Math.round(ms)} ms); load ${load()}`);
    say(`ratio ${(rate / baseline).toFixed(2)} against nodemailer alone (goal 0.8), ${(rate / rawPipe).toFixed(2)} against the raw pipe; load ${load()}`);

    const mixed = await mixedRun(db, env, rawPipe);
    say(
      `mixed domains (${mixed.domains.join(', ')}; ${mixed.deferring_domain} defers beyond ${mixed.deferring_limit_per_second}/s): ${mixed.result}, ${mixed.sent} sent, ${mixed.failed} failed, ${mixed.deferrals} deferrals; ` +
        `${mixed.ms} ms against the ideal ${mixed.ideal_ms} ms for the same mix (${mixed.ratio_to_ideal}); the undeferred domains done after ${mixed.undeferred_ms} ms, ` +
        `${mixed.undeferred_messages_per_second} messages/s (${mixed.undeferred_ratio_to_raw_pipe} of the raw pipe); the deferring domain after ${mixed.deferring_ms} ms; RSS ${mixed.rss_start_mb} → ${mixed.rss_end_mb} MB; load ${load()}`,
    );
    // The mixed audience (issue 20): the same contacts with different topic choices (a fifth none,
    // a fifth every topic, the rest every proper subset of the demo topics in turn, 'first' or 'only'), sent
    // a second demo issue; against a nodemailer-alone baseline measured again just before it.
    const mixedAudience = await sendMixed(db, env, sink.url, dir);
    say(
      `mixed audience: ${mixedAudience.variants_on_ledger} distinct topic variants on the ledger, ${mixedAudience.mjml_compiles} MJML compiles, ${mixedAudience.variants_assembled} variants assembled; ` +
        `baseline ${mixedAudience.baseline_messages_per_second} messages/s, engine ${mixedAudience.messages_per_second} messages/s (${mixedAudience.sent} sent), ratio ${mixedAudience.ratio.toFixed(2)} (goal 0.8); load ${load()}`,
    );

    const audience: AudienceFigures[] = [];
    const engines = process.env.BENCH_SKIP_AUDIENCE === '1' ? { names: [] as BenchEngine[], open: async () => db, close: async () => undefined } : await startBenchEngines(say);
    try {
      for (const engine of engines.names) {
        const figures = await sendToAudience(engine, await engines.open(engine));
        audience.push(figures);
        say(
          `${AUDIENCE_HALF} members + ${AUDIENCE_HALF} subscribers, both editions [${engine}]: ${figures.results} in ${figures.ms} ms; ` +
            `${figures.exactly_once} of ${AUDIENCE_HALF * 2} got exactly one message (${figures.messages} messages, ${figures.distinct_message_ids} Message-IDs); ` +
            `members-only text: ${figures.members_with_members_text} of ${AUDIENCE_HALF} members, ${figures.subscribers_with_members_text} subscribers`,
        );
      }
    } finally {
      await engines.close();
    }
    const line = {
      bench: 'send', messages: MESSAGES, concurrency: CONCURRENCY, messages_per_second: Math.round(rate), sent: counts.sent, failed: counts.failed,
      languages: [...templates.keys()], baseline_messages_per_second: Math.round(baseline), ratio: Number((rate / baseline).toFixed(2)),
      raw_pipe_messages_per_second: Math.round(rawPipe), ratio_to_raw_pipe: Number((rate / rawPipe).toFixed(2)), load_average_1m: Number(loadavg()[0]!.toFixed(2)),
      rss_25_mb: rss.rss_25_mb, rss_50_mb: rss.rss_50_mb, rss_75_mb: rss.rss_75_mb, rss_100_mb: rss.rss_100_mb,
      mixed,
      audience_recipients: AUDIENCE_HALF * 2, audience, mixed_audience: mixedAudience,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await db.destroy();
    sink.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--sink')) void runSink();
else await main();
