import { formatDate, formatTime } from '../i18n/format.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, decodeHtml, destroyTestApp, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../test/support/desk.js';
import { SYSTEM_ACTOR, type Actor } from '../activity/activity.js';
import { listActivity } from '../activity/activity.service.js';
import type { App } from '../app.js';
import { can, ROLES, type Role } from '../auth/permissions.js';
import type { SplitBody } from '../content/body.js';
import type { ItemStore } from '../content/item-store.js';
import type { Database } from '../db/database.js';
import { EMPTY_EVENT_DRAFT } from '../events/event-draft.js';
import { EVENT_STORE } from '../events/event-store.js';
import { fixedClock } from '../lib/clock.js';
import { Forbidden } from '../lib/errors.js';
import { EMPTY_PROGRAM_DRAFT } from '../programs/program-draft.js';
import { PROGRAM_STORE } from '../programs/program-store.js';
import { EMPTY_REPORT_DRAFT } from '../reports/report-draft.js';
import { REPORT_STORE } from '../reports/report-store.js';
import type { StoryDraft } from '../stories/stories.js';
import { createIssue, publishIssue, saveIssue, scheduleIssue } from './issue-editing.service.js';
import type { Issue, ItemTarget } from './issues.js';
import { createItem, deleteItem, getDeskItem, updateItem } from './item-editing.service.js';
import { itemLock, rightsOf, SYSTEM_RIGHTS, type ChangeRights } from './publicity.service.js';
import { createStory, deleteStory, getEditableStory, updateStory } from './story-editing.service.js';

// Contributors never change what is public: for each kind and each role, an edit of a public
// story, event, program or report is saved with publish_content and refused without it (the
// stored item unchanged, its members-only part intact, nothing logged); what no published or
// scheduled issue lists stays a contributor's to edit. Once through the services, once through
// the desk over HTTP.

const clock = fixedClock('2026-11-28T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
/** A minute (YYYY-MM-DDTHH:MM, UTC) as a refusal words it: "28 December 2026, 12:00 UTC". */
function utcText(minute: string): string {
  const instant = `${minute}:00.000Z`;
  return `${formatDate('en', { instant, zone: 'UTC' })}, ${formatTime('en', instant, 'UTC')} UTC`;
}

/** A day (YYYY-MM-DD) or a minute (YYYY-MM-DDTHH:MM, UTC) some days after the clock's now. */
const inDays = (days: number, length = 10) => new Date(clock.now().getTime() + days * DAY).toISOString().slice(0, length);

const SECRET = 'Members only: the door code is 4711.';
const bodyWith = (teaser: string) => `${teaser}\n\n<!-- members-only -->\n${SECRET}`;

/** One kind of content as these tests change it: through its service, and through its desk form. */
interface KindCase {
  readonly kind: ItemTarget;
  /** Public: in the published issue, or (events, programs) public on its own. */
  readonly publicSlug: string;
  /** In the draft issue only (stories and reports); events and programs are never anything but public. */
  readonly hiddenSlug?: string;
  create(db: Database, slug: string, title: string): Promise<unknown>;
  update(db: Database, actor: Actor, rights: ChangeRights, slug: string, title: string, body: string): Promise<unknown>;
  read(db: Database, slug: string): Promise<{ id: number; title: string; body: SplitBody }>;
  /** The desk's edit page, and the form fields that save the given title and body. */
  editPath(id: number, slug: string): string;
  form(slug: string, title: string, body: string): Record<string, string | readonly string[]>;
}

function storyDraft(slug: string, title: string, body: string): StoryDraft {
  return { slug, title, kind: 'news', body, topics: [], sectors: [], organizations: '', sources: [] };
}

const storyCase: KindCase = {
  kind: 'story',
  publicSlug: 'live-story',
  hiddenSlug: 'draft-story',
  create: (db, slug, title) => createStory(db, clock, SYSTEM_ACTOR, storyDraft(slug, title, bodyWith(`${title}: the teaser.`))),
  update: (db, actor, rights, slug, title, body) => updateStory(db, clock, actor, slug, storyDraft(slug, title, body), rights),
  read: async (db, slug) => (await getEditableStory(db, slug)).story,
  editPath: (_id, slug) => `/admin/stories/${slug}/edit`,
  form: (slug, title, body) => ({ slug, title, kind: 'news', body }),
};

/** A case for a kind edited through the one item-editing service. */
function itemCase<Draft, Input extends { slug: string; title: string }, Item extends { id: number; slug: string; title: string; body: SplitBody }>(
  store: ItemStore<Draft, Input, Item>,
  slugs: { publicSlug: string; hiddenSlug?: string },
  draftOf: (slug: string, title: string, body: string) => Draft,
  form: KindCase['form'],
): KindCase {
  const idOf = async (db: Database, slug: string) => {
    const id = (await store.idsBySlug(db, [slug])).get(slug);
    if (id === undefined) throw new Error(`no ${store.kind} ${slug}`);
    return id;
  };
  return {
    kind: store.kind,
    ...slugs,
    create: (db, slug, title) => createItem(db, clock, SYSTEM_ACTOR, store, draftOf(slug, title, bodyWith(`${title}: the teaser.`)), SYSTEM_RIGHTS),
    update: async (db, actor, rights, slug, title, body) => updateItem(db, clock, actor, store, await idOf(db, slug), draftOf(slug, title, body), rights),
    read: async (db, slug) => (await getDeskItem(db, store, await idOf(db, slug))).item,
    editPath: (id) => `/admin/${store.kind}s/${id}`,
    form,
  };
}

const eventCase = itemCase(
  EVENT_STORE,
  { publicSlug: 'any-event' },
  (slug, title, body) => ({ ...EMPTY_EVENT_DRAFT, slug, title, body, all_day: true, starts_on: inDays(40), ends_on: inDays(40) }),
  (slug, title, body) => ({ slug, title, body, all_day: '1', starts_on: inDays(40), ends_on: inDays(40), time_zone: 'Asia/Shanghai', organiser: 'own' }),
);
const programCase = itemCase(
  PROGRAM_STORE,
  { publicSlug: 'any-program' },
  (slug, title, body) => ({ ...EMPTY_PROGRAM_DRAFT, slug, title, body, roles: ['mentor', 'mentee'] }),
  (slug, title, body) => ({ slug, title, body, roles: ['mentor', 'mentee'], time_zone: EMPTY_PROGRAM_DRAFT.time_zone }),
);
const reportCase = itemCase(
  REPORT_STORE,
  { publicSlug: 'live-report', hiddenSlug: 'draft-report' },
  (slug, title, body) => ({ ...EMPTY_REPORT_DRAFT, slug, title, body, segments: [{ key: 'all', name: 'all members', respondents: '120' }] }),
  (slug, title, body) => ({ slug, title, body, segment_key: 'all', segment_name: 'all members', segment_respondents: '120' }),
);

const CASES: readonly KindCase[] = [storyCase, eventCase, programCase, reportCase];

/**
 * The fixtures, made as the system: a published issue listing a story and a report, an issue
 * scheduled a month ahead listing another story, a draft issue listing a third story and a
 * report, a story no issue lists, and an event and a program (public on their own).
 */
async function seed(db: Database): Promise<void> {
  await storyCase.create(db, 'live-story', 'Live story');
  await storyCase.create(db, 'soon-story', 'Soon story');
  await storyCase.create(db, 'draft-story', 'Draft story');
  await storyCase.create(db, 'loose-story', 'Loose story');
  await reportCase.create(db, 'live-report', 'Live report');
  await reportCase.create(db, 'draft-report', 'Draft report');
  await eventCase.create(db, 'any-event', 'Any event');
  await programCase.create(db, 'any-program', 'Any program');
  const issue = async (season: 'spring' | 'summer' | 'fall', targets: readonly string[]) => {
    const { slug } = await createIssue(db, clock, SYSTEM_ACTOR, { season, year: '2027', title: '' });
    const sections = [{ kind: 'news', heading: 'News', items: targets.map((target) => ({ label: '', target })) }];
    await saveIssue(db, clock, SYSTEM_ACTOR, slug, { title: `2027 ${season[0]!.toUpperCase()}${season.slice(1)} Issue`, intro: 'Intro.', sections }, SYSTEM_RIGHTS);
    return slug;
  };
  await publishIssue(db, clock, SYSTEM_ACTOR, await issue('spring', ['story:live-story', 'report:live-report']));
  await scheduleIssue(db, clock, SYSTEM_ACTOR, await issue('summer', ['story:soon-story']), { publishAt: inDays(30, 16), timeZone: 'UTC' });
  await issue('fall', ['story:draft-story', 'report:draft-report']);
}

const actorOf = (role: Role): Actor => ({ type: 'staff', id: null, label: `${role}@example.com` });
const rightsOfRole = (role: Role): ChangeRights => rightsOf((permission) => can(role, permission));
const activityCount = async (db: Database) => (await listActivity(db, { limit: 10_000 })).length;

/** What a refused save says: why the item is public, who may change it, and that nothing was saved. */
function refusalOf(kind: ItemTarget, title: string): string {
  const why = {
    story: `“${title}” is public: it is in the 2027 Spring Issue (published).`,
    report: `“${title}” is public: it is in the 2027 Spring Issue (published).`,
    event: `“${title}” is public: every event is, at /events/any-event and in the calendar (/events.ics).`,
    program: `“${title}” is public: every program is, at /programs/any-program.`,
  }[kind];
  return `${why} Only editors, admins or owners can change it: ask one of them to make your change. Your version is below and was not saved.`;
}

forEachDialect('contributors never change what is public: the services', ({ db }) => {
  beforeAll(() => seed(db()));

  for (const kindCase of CASES) {
    for (const role of ROLES) {
      const may = can(role, 'publish_content');
      it(`${may ? 'saves' : 'refuses'} the ${role}’s edit of a public ${kindCase.kind}`, async () => {
        const before = await kindCase.read(db(), kindCase.publicSlug);
        const logged = await activityCount(db());
        const title = `${kindCase.kind} changed by the ${role}`;
        const attempt = kindCase.update(db(), actorOf(role), rightsOfRole(role), kindCase.publicSlug, title, bodyWith('A new teaser.'));
        if (may) {
          await attempt;
          const after = await kindCase.read(db(), kindCase.publicSlug);
          expect([after.title, after.body]).toEqual([title, { teaser: 'A new teaser.', membersOnly: SECRET }]);
          return;
        }
        const error = await attempt.catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Forbidden);
        expect((error as Forbidden).message).toBe(refusalOf(kindCase.kind, before.title));
        expect(await kindCase.read(db(), kindCase.publicSlug)).toEqual(before);
        expect(await activityCount(db())).toBe(logged);
      });
    }
  }

  for (const kindCase of CASES.filter((candidate) => candidate.hiddenSlug)) {
    it(`lets a contributor change a ${kindCase.kind} that only a draft issue lists`, async () => {
      await kindCase.update(db(), actorOf('contributor'), rightsOfRole('contributor'), kindCase.hiddenSlug!, 'Drafted by a contributor', 'No members-only line yet.');
      expect(await kindCase.read(db(), kindCase.hiddenSlug!)).toMatchObject({ title: 'Drafted by a contributor', body: { teaser: 'No members-only line yet.', membersOnly: null } });
    });
  }

  it('lets a contributor change a story no issue lists', async () => {
    await storyCase.update(db(), actorOf('contributor'), rightsOfRole('contributor'), 'loose-story', 'Loose story, revised', bodyWith('Revised.'));
    expect((await storyCase.read(db(), 'loose-story')).title).toBe('Loose story, revised');
  });

  it('counts an issue scheduled for later: a contributor cannot change its story, an editor can', async () => {
    const before = await storyCase.read(db(), 'soon-story');
    const refused = await storyCase.update(db(), actorOf('contributor'), rightsOfRole('contributor'), 'soon-story', 'Rewritten', 'Everything, for everyone.').catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(Forbidden);
    expect((refused as Forbidden).message).toBe(
      `“Soon story” is scheduled to appear: it is in the 2027 Summer Issue (scheduled for ${utcText(inDays(30, 16))}). Only editors, admins or owners can change it: ask one of them to make your change. Your version is below and was not saved.`,
    );
    expect(await storyCase.read(db(), 'soon-story')).toEqual(before);
    await storyCase.update(db(), actorOf('editor'), rightsOfRole('editor'), 'soon-story', 'Soon story, edited', bodyWith('Edited.'));
    expect((await storyCase.read(db(), 'soon-story')).title).toBe('Soon story, edited');
  });

  it('refuses a contributor’s delete of an event, a program, or a story in a public issue; nothing is deleted', async () => {
    const contributor = rightsOfRole('contributor');
    const deletes = [
      [eventCase, (id: number) => deleteItem(db(), clock, actorOf('contributor'), EVENT_STORE, id, contributor)],
      [programCase, (id: number) => deleteItem(db(), clock, actorOf('contributor'), PROGRAM_STORE, id, contributor)],
    ] as const;
    for (const [kindCase, remove] of deletes) {
      const { id, title } = await kindCase.read(db(), kindCase.publicSlug);
      const refused = await remove(id).catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(Forbidden);
      expect((refused as Forbidden).message).toContain(`“${title}” is public: every ${kindCase.kind} is`);
      expect((refused as Forbidden).message).toMatch(/Only editors, admins or owners can change it: ask one of them to make your change\. Nothing was deleted\.$/);
      await expect(kindCase.read(db(), kindCase.publicSlug)).resolves.toMatchObject({ id });
    }
    await expect(deleteStory(db(), clock, actorOf('contributor'), 'live-story', contributor)).rejects.toBeInstanceOf(Forbidden);
    await expect(storyCase.read(db(), 'live-story')).resolves.toMatchObject({ body: { membersOnly: SECRET } });
    await deleteStory(db(), clock, actorOf('editor'), 'loose-story', rightsOfRole('editor'));
    await expect(storyCase.read(db(), 'loose-story')).rejects.toThrow(/no story/);
  });

  it('refuses a contributor’s new event or program (public as soon as saved), writing nothing; a new report is theirs', async () => {
    const contributor = rightsOfRole('contributor');
    const event = { ...EMPTY_EVENT_DRAFT, slug: 'contributor-event', title: 'Contributor event', body: 'Drafted.', starts_on: inDays(40), ends_on: inDays(40), all_day: true };
    const program = { ...EMPTY_PROGRAM_DRAFT, slug: 'contributor-program', title: 'Contributor program', body: 'Drafted.', roles: ['participant'] };
    for (const [kind, create] of [
      ['event', () => createItem(db(), clock, actorOf('contributor'), EVENT_STORE, event, contributor)],
      ['program', () => createItem(db(), clock, actorOf('contributor'), PROGRAM_STORE, program, contributor)],
    ] as const) {
      const refused = await create().catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(Forbidden);
      expect((refused as Forbidden).message).toMatch(new RegExp(`^Every ${kind} is public as soon as it is saved: it has its own page under /${kind}s/.*\\. Only editors, admins or owners can add one: ask one of them to add it\\. Your version is below and was not saved\\.$`));
    }
    expect(await db().selectFrom('events').select('id').where('slug', '=', 'contributor-event').executeTakeFirst()).toBeUndefined();
    expect(await db().selectFrom('programs').select('id').where('slug', '=', 'contributor-program').executeTakeFirst()).toBeUndefined();
    await createItem(db(), clock, actorOf('editor'), EVENT_STORE, event, rightsOfRole('editor'));
    const report = await createItem(db(), clock, actorOf('contributor'), REPORT_STORE, {
      ...EMPTY_REPORT_DRAFT, slug: 'contributor-report', title: 'Contributor report', body: 'Drafted.', segments: [{ key: 'all', name: 'all respondents', respondents: '10' }],
    }, contributor);
    expect(report.slug).toBe('contributor-report');
  });

  it('refuses a contributor’s save of a scheduled issue, by the same rule; a draft issue is theirs', async () => {
    const draft = { title: '2027 Summer Issue', intro: 'Rewritten.', sections: [{ kind: 'news', heading: 'News', items: [{ label: '', target: 'story:soon-story' }] }] };
    const refused = await saveIssue(db(), clock, actorOf('contributor'), '2027-summer', draft, rightsOfRole('contributor')).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(Forbidden);
    expect((refused as Forbidden).message).toBe(
      `2027 Summer Issue is scheduled to appear at ${utcText(inDays(30, 16))}. Only editors, admins or owners can change it: ask one of them to make your change, or to unpublish it (back to a draft) so you can edit it. Your version is below and was not saved.`,
    );
    await saveIssue(db(), clock, actorOf('contributor'), '2027-fall', { ...draft, title: '2027 Fall Issue', sections: [{ ...draft.sections[0]!, items: [{ label: '', target: 'story:draft-story' }] }] }, rightsOfRole('contributor'));
  });
});

forEachDialect('contributors never change what is public: the desk', ({ db }) => {
  let app: App;
  const desk = new Map<Role, DeskSession>();

  beforeAll(async () => {
    await seed(db());
    app = await createTestApp(db(), { clock });
    for (const role of ROLES) desk.set(role, await signInDesk(app, db(), `${role}@example.com`, role));
  });
  afterAll(() => destroyTestApp(app));

  it('follows the public routes: every event and program has its page, a story only once a public issue lists it', async () => {
    const status = async (url: string) => (await app.http.inject({ url })).statusCode;
    expect(await status('/events/any-event')).toBe(200);
    expect(await status('/programs/any-program')).toBe(200);
    expect(await status('/stories/live-story')).toBe(200);
    expect(await status('/stories/soon-story')).toBe(404);
    expect(await status('/stories/draft-story')).toBe(404);
    expect(await status('/stories/loose-story')).toBe(404);
    expect(await status('/issues/2027-spring')).toBe(200);
  });

  for (const kindCase of CASES) {
    for (const role of ROLES) {
      const may = can(role, 'publish_content');
      it(`${may ? 'saves' : 'refuses'} the ${role}’s edit of a public ${kindCase.kind} over HTTP`, async () => {
        const session = desk.get(role)!;
        const before = await kindCase.read(db(), kindCase.publicSlug);
        const path = kindCase.editPath(before.id, kindCase.publicSlug);
        const page = await session.get(path);
        expect(page.statusCode).toBe(200);
        const title = `${kindCase.kind} changed by the ${role} on the desk`;
        const response = await session.post(path, kindCase.form(kindCase.publicSlug, title, 'Rewritten for everyone; the members-only line is gone.'));
        if (may) {
          expect(page.body).toContain('>Save<');
          expect(page.body).not.toContain('id="public-lock"');
          expect(response.statusCode).toBe(303);
          expect((await kindCase.read(db(), kindCase.publicSlug)).title).toBe(title);
          // Put the members-only part back for the roles after this one.
          await kindCase.update(db(), SYSTEM_ACTOR, SYSTEM_RIGHTS, kindCase.publicSlug, title, bodyWith('A new teaser.'));
          return;
        }
        // The page says why before anyone types, and offers no Save.
        expect(visibleText(page.body)).toContain(`${refusalOf(kindCase.kind, before.title).replace(' Your version is below and was not saved.', '')} You can read it here; saving it is for them.`);
        expect(page.body).not.toContain('>Save<');
        // The refusal comes back on the form, with what was typed; nothing is written.
        expect(response.statusCode).toBe(403);
        expect(visibleText(response.body)).toContain(refusalOf(kindCase.kind, before.title));
        expect(decodeHtml(response.body)).toContain(`value="${title}"`);
        expect(await kindCase.read(db(), kindCase.publicSlug)).toEqual(before);
        expect(before.body.membersOnly).toBe(SECRET);
        const publicPage = kindCase.kind === 'report' ? '/issues/2027-spring' : `/${kindCase.kind}s/${kindCase.publicSlug}`;
        expect((await app.http.inject({ url: publicPage })).body).not.toContain('Rewritten for everyone');
      });
    }
  }

  for (const kindCase of CASES.filter((candidate) => candidate.hiddenSlug)) {
    it(`lets a contributor save a ${kindCase.kind} that only a draft issue lists, over HTTP`, async () => {
      const session = desk.get('contributor')!;
      const before = await kindCase.read(db(), kindCase.hiddenSlug!);
      const path = kindCase.editPath(before.id, kindCase.hiddenSlug!);
      const page = await session.get(path);
      expect(page.body).toContain('>Save<');
      expect(page.body).not.toContain('id="public-lock"');
      const saved = await session.post(path, kindCase.form(kindCase.hiddenSlug!, 'Drafted on the desk', bodyWith('Drafted.')));
      expect(saved.statusCode).toBe(303);
      expect((await kindCase.read(db(), kindCase.hiddenSlug!)).title).toBe('Drafted on the desk');
    });
  }
});

describe('what a refusal says', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const issue = (title: string, status: Issue['status'], publishedAt: string | null): Issue => ({
    id: 1, slug: 'x', title, season: 'spring', year: 2027, intro: { teaser: '', membersOnly: null }, status, publishedAt, updatedAt: '2026-11-01T00:00:00.000Z',
  });

  it('names every issue with its state, a due scheduled one as public', () => {
    const lock = itemLock('story', 'Two issues', {
      onItsOwn: undefined,
      issues: [issue('2027 Summer Issue', 'scheduled', '2026-11-28T11:00:00.000Z'), issue('2027 Spring Issue', 'published', '2026-10-01T08:00:00.000Z')],
    }, now);
    expect(lock.why).toBe('“Two issues” is public: it is in the 2027 Summer Issue (scheduled, public since 28 November 2026, 11:00 UTC) and the 2027 Spring Issue (published).');
    expect(lock.whatToDo).toBe('Only editors, admins or owners can change it: ask one of them to make your change.');
  });

  it('adds the issues that list an event to its own pages', () => {
    const lock = itemLock('event', 'Fair', { onItsOwn: '/events/fair', issues: [issue('2027 Spring Issue', 'published', '2026-10-01T08:00:00.000Z')] }, now);
    expect(lock.why).toBe('“Fair” is public: every event is, at /events/fair and in the calendar (/events.ics), and it is in the 2027 Spring Issue (published).');
  });
});
