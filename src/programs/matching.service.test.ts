import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { fixedClock, type Clock } from '../lib/clock.js';
import { Conflict } from '../lib/errors.js';
import { createOutboxMailer, type Mailer, type OutgoingMail } from '../mail/mailer.js';
import { companyKey, emailKey } from '../members/members.js';
import { publishRun } from './matching.queries.js';
import { draftMatching, getMatchingOverview, introducePairs, publishMatching, removePairRule, setPairRule } from './matching.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { PROGRAM_STORE } from './program-store.js';
import { EMPTY_PROGRAM_DRAFT } from './program-draft.js';
import type { Program } from './programs.js';
import type { RegistrationAnswers } from './registrations.js';
import { saveRegistration } from './registrations.service.js';

// Publishing a matching: a stale draft is refused, and no introduction email goes out twice.

const base: RegistrationAnswers = {
  areas: ['ai'], sector: null, goals: '', languages: ['en'], city: 'Shanghai', timeZone: 'Asia/Shanghai', availability: ['weekend'], capacity: 1, notOwnCompany: true,
};
const outbox = mkdtempSync(join(tmpdir(), 'insights-matching-'));
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

/** The outbox mailer, recording each recipient; `failFor` addresses throw once each. */
function recordingMailer(failFor: Set<string> = new Set()): Mailer & { sent: string[]; firstAttempt: Promise<void> } {
  const inner = createOutboxMailer(outbox, 'Insights <n@insights.test>');
  const sent: string[] = [];
  let attempted: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => {
    attempted = resolve;
  });
  return {
    ...inner,
    sent,
    /** Settles when the first email is about to go out: its publication has committed. */
    firstAttempt,
    send: async (mail: OutgoingMail) => {
      attempted();
      if (failFor.delete(mail.to)) throw new Error('421 try again later');
      const info = await inner.send(mail);
      sent.push(mail.to);
      return info;
    },
  };
}

const site = { name: 'Insights', url: 'https://insights.test' };

forEachDialect('publishing a matching', ({ db }) => {
  let program: Program;
  let clock: Clock;
  const ids = new Map<string, number>();
  let counter = 0;

  async function register(name: string, role: 'mentor' | 'mentee', answers: Partial<RegistrationAnswers> = {}) {
    const email = `${name.toLowerCase()}@example.com`;
    const { registration } = await saveRegistration(db(), clock, SYSTEM_ACTOR, program, {
      contactId: null, name, email, emailKey: emailKey(email), company: `${name} GmbH`, companyKey: companyKey(`${name} GmbH`),
    }, role, { ...base, ...answers });
    ids.set(name, registration.id);
  }

  beforeEach(async () => {
    clock = fixedClock('2027-01-20T10:00:00Z');
    counter++;
    program = await createItem(db(), clock, SYSTEM_ACTOR, PROGRAM_STORE, {
      ...EMPTY_PROGRAM_DRAFT, slug: `club-${counter}`, title: 'Club', body: 'Mentoring.', roles: ['mentor', 'mentee'], registration_deadline: '2027-01-31',
    });
    await register('Ana', 'mentor', { capacity: 3 });
    await register('Xu', 'mentee');
    await register('Yan', 'mentee');
  });

  const deps = (mailer: Mailer) => ({ db: db(), clock, mailer, site });

  it('refuses a draft whose answers changed afterwards, even within the same second', async () => {
    const run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    // Xu now speaks only Chinese: the stored pair Ana–Xu would have no language in common.
    await register('Xu', 'mentee', { languages: ['zh'] });
    const mailer = recordingMailer();
    await expect(publishMatching(deps(mailer), SYSTEM_ACTOR, program, run)).rejects.toThrow(new Conflict('Answers or rules changed since this draft; draft again. Nothing was published or sent.'));
    expect(mailer.sent).toEqual([]);
    expect((await getMatchingOverview(db(), program.id)).published).toBeUndefined();
    // Drafting again takes the change into account and publishes.
    const again = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await publishMatching(deps(mailer), SYSTEM_ACTOR, program, again);
    expect((await getMatchingOverview(db(), program.id)).published!.pairs.map((pair) => pair.mentee.name)).toEqual(['Yan']);
  });

  it('refuses a draft after a lowered capacity, a new forbid, or a removed rule', async () => {
    let run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await register('Ana', 'mentor', { capacity: 1 });
    await expect(publishMatching(deps(recordingMailer()), SYSTEM_ACTOR, program, run)).rejects.toThrow(Conflict);

    run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await setPairRule(db(), clock, SYSTEM_ACTOR, program, ids.get('Ana')!, ids.get('Xu')!, 'forbid');
    await expect(publishMatching(deps(recordingMailer()), SYSTEM_ACTOR, program, run)).rejects.toThrow(Conflict);

    run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const rule = (await getMatchingOverview(db(), program.id)).rules[0]!;
    await removePairRule(db(), clock, SYSTEM_ACTOR, program, rule.id);
    await expect(publishMatching(deps(recordingMailer()), SYSTEM_ACTOR, program, run)).rejects.toThrow(Conflict);

    run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const outcome = await publishMatching(deps(recordingMailer()), SYSTEM_ACTOR, program, run);
    expect(outcome.pairs).toBe(1);
  });

  it('a double-clicked Publish publishes and emails once', async () => {
    const run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const mailer = recordingMailer();
    const results = await Promise.allSettled([
      publishMatching(deps(mailer), SYSTEM_ACTOR, program, run),
      publishMatching(deps(mailer), SYSTEM_ACTOR, program, run),
    ]);
    expect(results.filter((one) => one.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((one) => one.status === 'rejected').map((one) => (one as PromiseRejectedResult).reason)).toEqual([expect.any(Conflict)]);
    // The publish step itself only changes a run that is still a draft (so on PostgreSQL the
    // second of two racing requests changes nothing and gets Conflict).
    expect(await publishRun(db(), program.id, run, clock.now().toISOString())).toBe(false);
    expect([...mailer.sent].sort()).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com', 'yan@example.com']);
  });

  it('two requests introducing the same published run at once (both passed the publish step, as on PostgreSQL) email once', async () => {
    const run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await publishRun(db(), program.id, run, clock.now().toISOString());
    const mailer = recordingMailer();
    await Promise.all([introducePairs(deps(mailer), program, run), introducePairs(deps(mailer), program, run)]);
    expect([...mailer.sent].sort()).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com', 'yan@example.com']);
  });

  it('a later publication while the first is still sending, and a retry after a failed mentee email, send nothing twice', async () => {
    const first = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const mailer = recordingMailer(new Set(['yan@example.com']));
    const sending = publishMatching(deps(mailer), SYSTEM_ACTOR, program, first);
    // Meanwhile (the first is published and between emails), the organiser drafts again and
    // publishes. Waiting for its first email, not a tick: on a real server the commit takes longer.
    await mailer.firstAttempt;
    clock = fixedClock('2027-01-20T10:05:00Z');
    const second = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const later = await publishMatching(deps(mailer), SYSTEM_ACTOR, program, second);
    const earlier = await sending;
    expect(earlier.failed + later.failed).toBe(1);
    // Ana got her two introductions and Xu his, once each; Yan's failed once (the other
    // publication may have retried it after the claim was given back).
    expect(mailer.sent.filter((to) => to !== 'yan@example.com').sort()).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com']);
    expect(mailer.sent.filter((to) => to === 'yan@example.com').length).toBeLessThanOrEqual(1);
    const yanSentAlready = mailer.sent.includes('yan@example.com');

    // Publishing again sends at most Yan's email; Ana is not told about Yan a second time.
    clock = fixedClock('2027-01-20T10:10:00Z');
    const third = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const retry = await publishMatching(deps(mailer), SYSTEM_ACTOR, program, third);
    expect(retry).toEqual({ pairs: 2, introduced: yanSentAlready ? 0 : 1, failed: 0 });
    expect([...mailer.sent].sort()).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com', 'yan@example.com']);
    const published = (await getMatchingOverview(db(), program.id)).published!;
    expect(published.pairs.every((pair) => pair.introducedAt !== null)).toBe(true);
  });
});
