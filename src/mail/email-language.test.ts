import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { newOutboxDir, queuedMail, sendQueuedMail } from '../../test/support/mail.js';
import { createContact } from '../../test/support/people.js';
import type { Database } from '../db/database.js';
import * as proposalDecision from '../events/emails/proposal-decision.email.js';
import * as confirmed from '../events/emails/registration-confirmed.email.js';
import * as waitlisted from '../events/emails/waitlisted.email.js';
import { LANGUAGES } from '../i18n/languages.js';
import { fixedClock } from '../lib/clock.js';
import { requestSignInLink } from '../members/sign-in.service.js';
import * as registrationSaved from '../programs/emails/registration-saved.email.js';

// Transactional mail is written in the recipient's language: a contact's, the site's (en) for
// everyone else. Each message says so in Content-Language and <html lang>; the layout's own line,
// the greeting, the subject, the button and the dates come from the language's catalog.

const clock = fixedClock('2026-11-28T12:00:00Z');
const site = { name: 'Innovation Insights', url: 'https://insights.example.org' };

describe('transactional mail in the contact\'s language', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    for (const language of LANGUAGES) {
      await createContact(db, `${language}@reader.example`, null);
      await db.updateTable('contacts').set({ language, name: `Reader ${language}` }).where('email', '=', `${language}@reader.example`).execute();
    }
  }, 60_000);
  afterAll(() => destroyTestDatabase(db));

  it('a sign-in link goes out in each contact\'s language, with Content-Language and <html lang>; an unknown address gets nothing', async () => {
    for (const language of LANGUAGES) await requestSignInLink(db, clock, site, `${language}@reader.example`, { network: `client-${language}`, address: (email) => `address-${email}` });
    await requestSignInLink(db, clock, site, 'nobody@reader.example', { network: 'client-x', address: (email) => `address-${email}` });
    const mail = await queuedMail(db);
    expect(mail.map((m) => m.to)).toEqual(['en@reader.example', 'de@reader.example', 'zh@reader.example']);
    expect(mail.map((m) => m.headers?.['Content-Language'])).toEqual(['en', 'de', 'zh-Hans']);
    expect(mail.map((m) => m.subject)).toEqual(['Your sign-in link for Innovation Insights', 'Ihr Anmeldelink für Innovation Insights', '您的Innovation Insights登录链接']);
    expect(mail[1]!.text).toMatch(/^Guten Tag Reader de,\n\nHier ist Ihr Link zur Anmeldung/);
    expect(mail[2]!.text).toMatch(/^Reader zh，您好：\n\n这是您的登录链接/);
    expect(mail[1]!.html).toContain('<html lang="de">');
    expect(mail[1]!.html).toContain('Falls die Schaltfläche nicht funktioniert');
    expect(mail[2]!.html).toContain('<html lang="zh-Hans">');
    // The link opens the site in the contact's language.
    expect(mail.map((m) => /https?:\/\/[^\s/]+(\/(?:de\/|zh\/)?login\/)[A-Za-z0-9_-]+/.exec(m.text)?.[1])).toEqual(['/login/', '/de/login/', '/zh/login/']);

    const sent = await sendQueuedMail(db, clock, newOutboxDir());
    const german = await simpleParser(sent.find((raw) => raw.includes('de@reader.example'))!);
    expect(german.headers.get('content-language')).toBe('de');
    expect(german.subject).toBe('Ihr Anmeldelink für Innovation Insights');
  });

  it('dates, facts and labels of the emails are written per language', () => {
    const when = { starts: '2027-03-04T01:30:00Z', ends: '2027-03-04T09:00:00Z', timeZone: 'Asia/Shanghai' };
    const facts = { name: 'Ana', eventTitle: 'Robotics Day', eventUrl: 'https://insights.example.org/events/robotics', when, where: 'Shanghai', onlineUrl: 'https://meet.example.org/x', siteName: site.name };
    expect(confirmed.renderText(facts, 'de')).toContain('Wann: 4. März 2027, 09:30–17:00 Uhr');
    expect(confirmed.renderText(facts, 'zh')).toContain('时间：2027年3月4日');
    expect(confirmed.renderText(facts, 'en')).toContain('Online: https://meet.example.org/x');
    expect(waitlisted.renderText(facts, 'de')).not.toContain('meet.example.org');
    expect(waitlisted.subject(facts, 'de')).toBe('Sie stehen auf der Warteliste: Robotics Day');
    const decision = { accepted: true, name: 'Sam', kind: 'speaker', title: 'Robots', eventTitle: 'Robotics Day', when, siteName: site.name };
    expect(proposalDecision.renderText(decision, 'de')).toContain('Ihr Vorschlag als Referent „Robots“ für Robotics Day angenommen wurde.');
    const saved = {
      created: false, name: 'Ana', role: 'mentor', programTitle: 'Club', capacity: 1, areas: ['AI'], languages: ['English'], times: ['Evenings'], deadline: '2027-06-30',
      registrationUrl: 'https://insights.example.org/programs/club/register/mentor', contactEmail: null, siteName: site.name,
    };
    expect(registrationSaved.renderText(saved, 'en')).toContain('Role: mentor (up to 1 mentee)\nExpertise: AI\nLanguages: English\nTimes: Evenings');
    expect(registrationSaved.renderText(saved, 'en')).toContain('You can change your answers until 30 June 2027 on the program’s page.');
    expect(registrationSaved.renderText(saved, 'de')).toContain('bis zum 30. Juni 2027');
    expect(registrationSaved.subject(saved, 'zh')).toBe('您的报名已更新：Club');
  });
});
