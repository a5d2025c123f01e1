import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, csrfTokenIn, destroyTestApp, TEST_ERASURE_KEY, visibleText } from '../../test/support/app.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { exportPersonalData } from '../privacy/export.service.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { importVocabulary } from '../../test/support/content.js';
import { fixedClock } from '../lib/clock.js';
import { findContactByEmail } from './contacts.service.js';

// /account's topic mode (issue 20): saved with the topics; a value that is not one of the two
// re-renders the form with what was typed and a message in the reader's language, writing nothing.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

forEachDialect('topic choices on /account', ({ db }) => {
  let app: App;
  const clock = fixedClock('2026-12-04T12:00:00Z');
  beforeAll(async () => {
    await importVocabulary(db(), clock);
    await createContact(db(), 'tia@member.example', { name: 'Topic GmbH', membership: 'active' });
    app = await createTestApp(db(), { clock });
  });
  afterAll(() => destroyTestApp(app));

  it('offers the two modes, "first" chosen by default, and saves "only" with the topics', async () => {
    const cookie = await signInMember(app, 'tia@member.example');
    const page = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(page.body).toMatch(/<input type="radio" name="topicMode" value="first" checked/);
    expect(page.body).toMatch(/<input type="radio" name="topicMode" value="only"\s*\/?>/);
    expect(visibleText(page.body)).toContain('Their stories first, the other stories listed by title');
    const saved = await app.http.inject({ method: 'POST', url: '/account', headers: { cookie, ...FORM }, payload: `_csrf=${encodeURIComponent(csrfTokenIn(page.body))}&language=en&subscribed=1&topics=technology-trends&topicMode=only` });
    expect(saved.statusCode).toBe(303);
    const contact = await findContactByEmail(db(), 'tia@member.example');
    expect(contact?.topicMode).toBe('only');
    expect(contact?.topics).toEqual(['technology-trends']);
    const after = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(after.body).toMatch(/<input type="radio" name="topicMode" value="only" checked/);
    // A form without the field (an older page) leaves the mode as it is.
    const kept = await app.http.inject({ method: 'POST', url: '/account', headers: { cookie, ...FORM }, payload: `_csrf=${encodeURIComponent(csrfTokenIn(after.body))}&language=en&subscribed=1&topics=technology-trends` });
    expect(kept.statusCode).toBe(303);
    expect((await findContactByEmail(db(), 'tia@member.example'))?.topicMode).toBe('only');
  });

  it('re-renders with the typed topics and a German message for a mode that is not offered, and writes nothing', async () => {
    const cookie = await signInMember(app, 'tia@member.example');
    const page = await app.http.inject({ url: '/de/account', headers: { cookie } });
    const response = await app.http.inject({ method: 'POST', url: '/de/account', headers: { cookie, ...FORM }, payload: `_csrf=${encodeURIComponent(csrfTokenIn(page.body))}&language=zh&subscribed=1&topics=expert-interviews&topicMode=%3Cscript%3E` });
    expect(response.statusCode).toBe(400);
    expect(visibleText(response.body)).toContain('Bitte wählen Sie eine der beiden Arten, Ihre Themen zu erhalten.');
    expect(response.body).not.toContain('<script>');
    // The typed choices are shown again: the ticked topic and language, the saved mode.
    expect(response.body).toMatch(/value="expert-interviews" checked/);
    expect(response.body).not.toMatch(/value="technology-trends" checked/);
    expect(response.body).toMatch(/<option value="zh" lang="zh-Hans" selected/);
    expect(response.body).toMatch(/value="only" checked/);
    expect(csrfTokenIn(response.body)).toBeTruthy();
    const contact = await findContactByEmail(db(), 'tia@member.example');
    expect(contact?.topics).toEqual(['technology-trends']);
    expect(contact?.language).toBe('en');
  });

  it('puts the mode into the data export', async () => {
    const exported = await exportPersonalData(db(), clock, TEST_ERASURE_KEY, 'tia@member.example', SYSTEM_ACTOR);
    expect(exported.sections.contact).toEqual([expect.objectContaining({ topic_mode: 'only' })]);
  });
});
