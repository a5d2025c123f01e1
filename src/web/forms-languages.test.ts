import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { formBody } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { updateEventSettings } from '../events/event-settings.service.js';
import { findEventsByIds, insertEvent } from '../events/events.queries.js';
import { DEFAULT_SETTINGS } from '../events/registrations.js';
import { en } from '../i18n/catalogs/en/index.js';
import { createItem } from '../issues/item-editing.service.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { fixedClock } from '../lib/clock.js';
import { localToInstant } from '../lib/local-time.js';
import { findContactByEmail } from '../members/contacts.service.js';
import { PROGRAM_STORE } from '../programs/program-store.js';
import { EMPTY_PROGRAM_DRAFT } from '../programs/program-draft.js';
import { localeOf } from './locale.js';
import { localizeMessage } from './pages/form-text.js';

// The forms and personal pages in German and Chinese: their labels, buttons and notices, the
// problems their services report (the ones our forms know), what was typed kept on a failed
// submit, and a contact who subscribes on /de/subscribe getting German mail.

const clock = fixedClock('2026-11-28T12:00:00Z');

describe('forms in three languages', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await importContent(db, DEMO_DIR, { clock });
    await createItem(db, clock, SYSTEM_ACTOR, PROGRAM_STORE, {
      ...EMPTY_PROGRAM_DRAFT, slug: 'pilot-club', title: 'Pilot Club', body: 'Mentoring between members.', roles: ['mentor', 'mentee'],
      registration_deadline: '2026-12-15', time_zone: 'Asia/Shanghai',
    }, SYSTEM_RIGHTS);
    const id = await insertEvent(db, {
      slug: 'dialogue-2027', title: 'Dialogue 2027', body: 'The next dialogue.', startsAt: localToInstant('2027-03-03T14:00', 'Asia/Shanghai'), endsAt: localToInstant('2027-03-03T18:00', 'Asia/Shanghai'),
      timeZone: 'Asia/Shanghai', allDay: false, venue: 'Hub', address: null, city: 'Guangzhou', online: false, onlineUrl: null, organiser: 'own', organiserName: 'AHK',
      url: null, capacity: 10, registrationOpensAt: null, registrationClosesAt: null, sectors: [],
    }, clock.now().toISOString());
    const event = (await findEventsByIds(db, [id])).get(id)!;
    await updateEventSettings(db, clock, { type: 'staff', id: null, label: 'editor@example.com' }, event, { ...DEFAULT_SETTINGS, callKinds: ['speaker', 'partner'], callClosesAt: '2027-01-31T16:00:00.000Z' });
    await createContact(db, 'ana@member.example', { name: 'Ana Maschinen GmbH', membership: 'active' });
    app = await createTestApp(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  const form = (url: string, cookie: string, fields: Record<string, string | readonly string[]>, remoteAddress = '10.9.0.1') =>
    app.http.inject({ method: 'POST', url, remoteAddress, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody(fields) });
  const open = async (url: string, cookie = '') => {
    const page = await app.http.inject({ url, headers: cookie ? { cookie } : {}, remoteAddress: '10.9.0.1' });
    const text = visibleText(page.body);
    return { page, text, get csrf() { return csrfTokenIn(page.body); }, cookie: cookiesFrom(page.headers['set-cookie'], cookie) };
  };

  it('keeps the English catalog equal to the problems the services report, so each is recognised', () => {
    const german = localeOf('de');
    const known = Object.keys(en).filter((key) => key.startsWith('forms.error.'));
    for (const key of known) expect(localizeMessage(german, en[key as keyof typeof en]), key).not.toBe(en[key as keyof typeof en]);
    expect(localizeMessage(german, 'at most 300 characters')).toBe('höchstens 300 Zeichen');
    expect(localizeMessage(localeOf('zh'), 'Too many requests. Wait 12 minutes and try again.')).toBe('请求过多。请等待12分钟后再试。');
    expect(localizeMessage(german, 'Something nobody translated.')).toBe('Something nobody translated.');
    expect(localizeMessage(localeOf('en'), 'must be on one line')).toBe('must be on one line');
  });

  it('/de/login speaks German, and a bad address comes back in German with what was typed', async () => {
    const { page, text, csrf, cookie } = await open('/de/login');
    expect(page.headers['content-language']).toBe('de');
    expect(text).toContain('Anmeldung für Mitglieder');
    expect(page.body).toContain('Sie erhalten den Newsletter noch nicht? <a href="/de/subscribe">Kostenlose Ausgabe abonnieren</a>.');
    expect(page.body).toContain('action="/de/login"');
    const bad = await form('/de/login', cookie, { _csrf: csrf, email: 'ana at member' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('Geben Sie Ihre E-Mail-Adresse ein, z. B. name@firma.com.');
    expect(visibleText(bad.body)).toContain('Geben Sie eine gültige E-Mail-Adresse ein');
    expect(bad.body).toContain('value="ana at member"');
    expect(bad.body).toContain('<html lang="de">');
  });

  it('/zh/subscribe speaks Chinese, re-renders a bad address in Chinese, and a subscription on /de/subscribe makes a German contact', async () => {
    const { text, csrf, cookie } = await open('/zh/subscribe');
    expect(text).toContain('免费版每年四次把每期的公开内容发送到您的邮箱。');
    expect(text).toContain('您的姓名（选填）');
    const bad = await form('/zh/subscribe', cookie, { _csrf: csrf, email: 'nope', name: '王小明', website: '' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('请输入您的电子邮箱，例如 name@company.com。');
    expect(bad.body).toContain('value="王小明"');
    expect(bad.body).toContain('action="/zh/subscribe"');

    const german = await open('/de/subscribe');
    const asked = await form('/de/subscribe', german.cookie, { _csrf: german.csrf, email: 'neu@leser.example', name: 'Neue Leserin', website: '' });
    expect(asked.statusCode).toBe(200);
    expect(visibleText(asked.body)).toContain('Wir haben einen Bestätigungslink an neu@leser.example gesendet.');
    expect((await findContactByEmail(db, 'neu@leser.example'))?.language).toBe('de');
  });

  it('/de/account speaks German and offers the languages by their own names', async () => {
    const cookie = await signInMember(app, 'ana@member.example');
    const { page, text, csrf } = await open('/de/account', cookie);
    expect(page.statusCode).toBe(200);
    expect(text).toContain('Ihr Konto');
    expect(text).toContain('Ana Maschinen GmbH (Mitglied)');
    expect(text).toContain('Newsletter per E-Mail erhalten (die vollständige Mitgliederausgabe)');
    expect(text).toContain('Sprache der E-Mails');
    expect(page.body).toMatch(/<option value="en" lang="en"[^>]*>English<\/option><option value="de" lang="de"[^>]*>Deutsch<\/option><option value="zh" lang="zh-Hans"[^>]*>中文<\/option>/);
    const bad = await form('/de/account', cookie, { _csrf: csrf, language: 'zh', subscribed: '1', topics: 'not-a-topic' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('Unbekanntes Thema: not-a-topic.');
    const saved = await form('/de/account', cookie, { _csrf: csrf, language: 'zh', subscribed: '1' });
    expect(saved.headers.location).toBe('/de/account?saved=1');
    expect(visibleText((await open('/de/account?saved=1', cookie)).page.body)).toContain('Ihre Änderungen sind gespeichert.');
  });

  it('/zh/contact speaks Chinese and shows each problem in Chinese, keeping the message typed', async () => {
    const { text, csrf, cookie } = await open('/zh/contact');
    expect(text).toContain('联系我们');
    expect(text).toContain('您的留言（必填）');
    expect(text).toContain('创新者俱乐部等项目');
    const bad = await form('/zh/contact', cookie, { _csrf: csrf, name: 'Li\nWei', email: '', company: '', topic: '', message: '我们想了解会员资格。', website: '' });
    expect(bad.statusCode).toBe(400);
    const shown = visibleText(bad.body);
    expect(shown).toContain('部分字段需要检查；未发送任何内容。');
    expect(shown).toContain('姓名：只能填写一行');
    expect(shown).toContain('电子邮箱：请输入您的电子邮箱');
    expect(shown).toContain('主题：请选择留言的主题');
    expect(bad.body).toContain('我们想了解会员资格。</textarea>');
  });

  it('a call form in German: labels, the deadline in German, problems in German and the answers kept', async () => {
    const { page, text, csrf, cookie } = await open('/de/events/dialogue-2027/call');
    expect(page.statusCode).toBe(200);
    expect(text).toContain('Aufruf für Referenten und Partner: Dialogue 2027');
    expect(text).toContain('Vorschläge sind willkommen bis zum 1. Februar 2027, 00:00 Uhr chinesische Zeit (UTC+8).');
    expect(text).toContain('Ich bewerbe mich als');
    expect(page.body).toContain('action="/de/events/dialogue-2027/call"');
    const bad = await form('/de/events/dialogue-2027/call', cookie, { _csrf: csrf, kind: 'speaker', name: 'Dana', email: 'dana@startup.example', organisation: '', title: 'Parking\nrobots', summary: '', website: '' });
    expect(bad.statusCode).toBe(400);
    const shown = visibleText(bad.body);
    expect(shown).toContain('Bitte prüfen Sie das Formular.');
    expect(shown).toContain('muss in eine Zeile passen');
    expect(shown).toContain('Beschreiben Sie Ihren Vortrag oder Ihre Partnerschaft');
    expect(bad.body).toContain('value="dana@startup.example"');
  });

  it('a program registration form in Chinese: labels, areas and times in Chinese, problems in Chinese and the answers kept', async () => {
    const cookie = await signInMember(app, 'ana@member.example');
    const { page, text, csrf } = await open('/zh/programs/pilot-club/register/mentor', cookie);
    expect(page.statusCode).toBe(200);
    expect(text).toContain('以导师身份报名');
    expect(text).toContain('您能提供帮助的领域（您的专长；必填）');
    expect(text).toContain('人工智能');
    expect(text).toContain('工作日晚上');
    expect(page.body).toContain('action="/zh/programs/pilot-club/register/mentor"');
    const bad = await form('/zh/programs/pilot-club/register/mentor', cookie, { _csrf: csrf, areas: ['ai'], city: '上海', time_zone: 'Asia/Shanghai', capacity: '7', not_own_company: '1' });
    expect(bad.statusCode).toBe(400);
    const shown = visibleText(bad.body);
    expect(shown).toContain('部分回答需要检查；未保存任何内容。');
    expect(shown).toContain('语言：请至少勾选一种会面语言');
    expect(shown).toContain('学员：每位导师可带1至3名学员');
    expect(bad.body).toContain('value="上海"');
    expect(bad.body).toMatch(/<input type="checkbox" name="areas" value="ai" checked/);
  });

  it('the program panel gives the deadline in the reader\'s language', async () => {
    expect(visibleText((await open('/de/programs/pilot-club')).page.body)).toContain('Beschäftigte von Mitgliedsunternehmen melden sich bis zum 15. Dezember 2026 als Mentor oder Mentee an');
  });
});
