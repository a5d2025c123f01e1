import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, destroyTestApp, outboxMessages, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../test/support/databases.js';
import { formBody, signInDesk } from '../../test/support/desk.js';
import type { App } from '../app.js';
import type { Database } from '../db/database.js';
import { listActivity } from '../activity/activity.service.js';

// The desk speaks each staff member's own language: they choose it on /admin/account (a form
// with the CSRF token like every desk form), and from then on the layout, the dashboard and
// the sign-out are in it. Every other desk test runs as an English account.

for (const engine of ENGINES) {
  describe(`the desk in the staff member's language [${engine}]`, () => {
    let db: Database;
    let app: App;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      app = await createTestApp(db);
    }, 60_000);
    afterAll(async () => {
      await destroyTestApp(app);
      await destroyTestDatabase(db);
    });

    it('saves the choice only with a valid CSRF token', async () => {
      const desk = await signInDesk(app, db, 'careful@example.org', 'editor');
      const without = await app.http.inject({ method: 'POST', url: '/admin/account', headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ language: 'de' }) });
      expect(without.statusCode).toBe(403);
      const forged = await app.http.inject({ method: 'POST', url: '/admin/account', headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: 'forged', language: 'de' }) });
      expect(forged.statusCode).toBe(403);
      const page = await desk.get('/admin');
      expect(page.body).toContain('<html lang="en">');
      expect(visibleText(page.body)).toContain('Dashboard');
      const unknown = await desk.post('/admin/account', { language: 'fr' });
      expect(unknown.statusCode).toBe(400);
      expect(visibleText(unknown.body)).toContain('language: choose one of en, de, zh');
      expect((await db.selectFrom('staff').select('language').where('email', '=', 'careful@example.org').executeTakeFirstOrThrow()).language).toBe('en');
    });

    it('shows the layout, the dashboard and the sign-out in German to a staff member who chose German', async () => {
      const desk = await signInDesk(app, db, 'deutsch@example.org', 'admin');
      const account = await desk.get('/admin/account');
      expect(account.body).toContain('<option value="de">Deutsch</option>');
      expect(account.body).toContain('<option value="zh">中文</option>');
      const saved = await desk.post('/admin/account', { language: 'de' });
      expect(saved.statusCode).toBe(303);
      const cookie = cookiesFrom(saved.headers['set-cookie'], desk.cookie);
      const after = await app.http.inject({ url: '/admin/account', headers: { cookie } });
      expect(visibleText(after.body)).toContain('Gespeichert.');
      expect(after.body).toContain('<option value="de" selected>Deutsch</option>');

      const page = await desk.get('/admin');
      expect(page.body).toContain('<html lang="de">');
      expect(page.body).toContain('<title>Übersicht · Redaktion · ');
      const text = visibleText(page.body);
      for (const words of ['Zum Inhalt springen', 'deutsch@example.org (Administrator)', 'Ihr Konto', 'Website ansehen', 'Abmelden', 'Übersicht', 'Geschichten', 'Ausgaben', 'Unternehmen', 'Versände', 'Zu erledigen', 'Neue Geschichte']) {
        expect(text).toContain(words);
      }
      expect(text).not.toContain('Sign out');
      expect(text).not.toContain('Needs attention');
      const staffPage = visibleText((await desk.get('/admin/staff')).body);
      for (const words of ['Teammitglied hinzufügen', 'Letzte Anmeldung (UTC)', 'Sprache der Redaktion und der E-Mails', 'Hinzufügen und Link senden', 'Deutsch']) expect(staffPage).toContain(words);
      const activity = visibleText((await desk.get('/admin/activity')).body);
      expect(activity).toContain('Wann (UTC)');
      expect(activity).toContain('staff.language');
      const entries = await listActivity(db, { limit: 20 });
      expect(entries.some((entry) => entry.action === 'staff.language' && entry.detail === 'de' && entry.actor.label === 'deutsch@example.org')).toBe(true);

      const out = await desk.post('/admin/logout');
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe('/admin/login?lang=de');
      const login = await app.http.inject({ url: '/admin/login?lang=de', headers: { cookie: cookiesFrom(out.headers['set-cookie'], desk.cookie) } });
      expect(login.body).toContain('<html lang="de">');
      expect(visibleText(login.body)).toContain('Sie sind abgemeldet.');
      expect(visibleText(login.body)).toContain('Bei der Redaktion anmelden');
      expect((await desk.get('/admin')).statusCode).toBe(303);
    });

    it('shows the layout, the dashboard and the sign-out in Chinese to a staff member who chose Chinese', async () => {
      const desk = await signInDesk(app, db, 'zhongwen@example.org', 'editor');
      expect((await desk.post('/admin/account', { language: 'zh' })).statusCode).toBe(303);
      const page = await desk.get('/admin');
      expect(page.body).toContain('<html lang="zh-Hans">');
      const text = visibleText(page.body);
      for (const words of ['跳到正文', 'zhongwen@example.org（编辑）', '您的账户', '查看网站', '退出登录', '概览', '报道', '期刊', '待处理', '新建报道']) {
        expect(text).toContain(words);
      }
      expect(text).not.toContain('Dashboard');
      const out = await desk.post('/admin/logout');
      expect(out.headers.location).toBe('/admin/login?lang=zh');
      const login = await app.http.inject({ url: '/admin/login?lang=zh', headers: { cookie: cookiesFrom(out.headers['set-cookie'], desk.cookie) } });
      expect(login.body).toContain('<html lang="zh-Hans">');
      expect(visibleText(login.body)).toContain('您已退出登录。');
    });

    it("mails an invitation in the language the inviter chose, and later password links in the account's own", async () => {
      const desk = await signInDesk(app, db, 'inviter@example.org', 'owner');
      expect((await desk.post('/admin/staff', { email: 'neu@example.org', role: 'editor', language: 'zh' })).statusCode).toBe(303);
      const [invite] = (await outboxMessages(app)).filter((raw) => /^To: .*neu@example\.org/im.test(raw));
      expect(invite).toMatch(/^Content-Language: zh-Hans/m);
      expect((await db.selectFrom('staff').select('language').where('email', '=', 'neu@example.org').executeTakeFirstOrThrow()).language).toBe('zh');
      const refused = await desk.post('/admin/staff', { email: 'other@example.org', role: 'editor', language: 'xx' });
      expect(refused.statusCode).toBe(400);
      expect(await db.selectFrom('staff').select('id').where('email', '=', 'other@example.org').executeTakeFirst()).toBeUndefined();
    });
  });
}
