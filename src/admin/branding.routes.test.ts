import { expect, it } from 'vitest';
import { visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { signInDesk, startDemoDesk, type DemoDesk, type DeskSession } from '../../test/support/desk.js';
import { multipartFile, testImage } from '../../test/support/images.js';
import { compileEdition } from '../delivery/render/edition.js';
import { prepareEdition } from '../delivery/render/placeholders.js';
import { listAllIssues, loadIssue } from '../issues/issues.service.js';
import { fixedClock } from '../lib/clock.js';
import { getSiteSettings, siteBranding } from '../settings/settings.service.js';
import { SETTING_KEYS } from '../settings/settings.js';

// Branding in the site settings (issue 21) through the real app: the desk refuses an accent
// colour under 4.5:1 against white (saying the ratio it got) and a logo that is not an uploaded
// image, keeping what was typed; a saved branding shows on the public pages (logo with its alt
// text, the colour through a stylesheet the CSP allows, the footer line escaped) and in both
// email editions (logo at a fixed width with an absolute address, the colour, the footer line).

const clock = fixedClock('2026-11-28T12:00:00Z');

function settingsForm(values: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = Object.fromEntries(SETTING_KEYS.map((key) => [key, '']));
  Object.assign(base, { retainSnapshotsDays: '365', retainErrorsDays: '90', retainUserAgentsDays: '30', retainClicksDays: '180', retainRateLimitsDays: '2' });
  const form = { ...base, ...values };
  for (const key of ['tracking', 'consentNetworkLog']) if (form[key] === '') delete form[key];
  return form;
}

forEachDialect('desk: branding in the site settings', ({ db }) => {
  let desk: DemoDesk;
  let admin: DeskSession;
  let logo: string;
  startDemoDesk(db, clock, async (started) => {
    desk = started;
    admin = await signInDesk(started.app, db(), 'brand-admin@example.org', 'admin');
    const body = multipartFile({ _csrf: started.contributor.csrf, alt: 'Chamber <logo> mark' }, { field: 'file', name: 'logo.png', type: 'image/png', content: await testImage('png', 600, 200) });
    const uploaded = await started.app.http.inject({ method: 'POST', url: '/admin/media', headers: { cookie: started.contributor.cookie, ...body.headers }, payload: body.payload });
    expect(uploaded.statusCode).toBe(303);
    const hash = /\/admin\/media\/([0-9a-f]{16})$/.exec(String(uploaded.headers.location))![1]!;
    logo = `/media/${hash}-600.png`;
  });

  it('offers the uploaded images as logos', async () => {
    const page = await admin.get('/admin/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${logo}">`);
    expect(visibleText(page.body)).toContain('Accent colour');
  });

  it('refuses an accent colour under 4.5:1 against white, saying the ratio, with the input kept', async () => {
    const bad = await admin.post('/admin/settings', settingsForm({ accentColor: '#ffff00', footerText: 'Kept footer', orgName: 'Kept Org' }));
    expect(bad.statusCode).toBe(400);
    const text = visibleText(bad.body);
    expect(text).toContain('This colour has a contrast of 1.07:1 with white; at least 4.5:1 is needed (WCAG AA).');
    expect(bad.body).toContain('value="#ffff00"');
    expect(bad.body).toContain('value="Kept footer"');
    expect(bad.body).toContain('value="Kept Org"');
    // Just under the line is refused too (#777777 is 4.47:1, shown rounded down).
    expect(visibleText((await admin.post('/admin/settings', settingsForm({ accentColor: '#777777' }))).body)).toContain('contrast of 4.47:1');
    expect(visibleText((await admin.post('/admin/settings', settingsForm({ accentColor: 'blue' }))).body)).toContain('Write the colour as # and six hexadecimal digits');
    expect((await getSiteSettings(db(), desk.app.services.config)).branding.accentColor).toBe('');
  });

  it('refuses a logo that is not an uploaded image', async () => {
    const bad = await admin.post('/admin/settings', settingsForm({ logo: '/media/0123456789abcdef-320.png' }));
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('Choose one of the uploaded images, or no logo.');
    expect(bad.body).toContain('<option value="/media/0123456789abcdef-320.png" selected');
    const external = await admin.post('/admin/settings', settingsForm({ logo: 'https://tracker.example/logo.png' }));
    expect(external.statusCode).toBe(400);
  });

  it('saves a branding the site and both email editions use', async () => {
    const saved = await admin.post('/admin/settings', settingsForm({ logo, accentColor: '#1D4ED8', footerText: 'Made by <b>Test</b> & "Co"' }));
    expect(saved.statusCode).toBe(303);
    const home = await desk.app.http.inject({ url: '/de/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(/<img class="brand__logo" src="\/media\/[0-9a-f]{16}-320\.png" alt="Chamber &lt;logo> mark"/);
    expect(home.body).toContain('<link rel="stylesheet" href="/brand.css?c=1d4ed8"/>');
    expect(home.body).toContain('Made by &lt;b>Test&lt;/b> &amp; &quot;Co&quot;');
    expect(home.body).not.toContain('<b>Test</b>');
    expect(home.body).not.toContain('style="');
    expect(String(home.headers['content-security-policy'])).not.toContain('unsafe-inline');
    const css = await desk.app.http.inject({ url: '/brand.css?c=1d4ed8' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toBe(':root { --accent: #1d4ed8; }\n');

    const settings = await getSiteSettings(db(), desk.app.services.config);
    const branding = await siteBranding(db(), settings);
    const [issue] = await listAllIssues(db());
    const loaded = await loadIssue(db(), issue!);
    const values = { greeting: 'Hello,', unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p', web_url: 'https://x.example/w' };
    for (const edition of ['full', 'teaser'] as const) {
      const mail = prepareEdition(await compileEdition(loaded, edition, { name: 'Innovation Insights', url: 'https://insights.example.org' }, 'en', undefined, branding)).personalise(values);
      expect(mail.html).toMatch(/<img[^>]+alt="Chamber &lt;logo&gt; mark"[^>]+src="https:\/\/insights\.example\.org\/media\/[0-9a-f]{16}-320\.png"[^>]+width="160"/);
      expect(mail.html).toContain('color:#1d4ed8');
      expect(mail.html).toContain('Made by &lt;b&gt;Test&lt;/b&gt; &amp; &quot;Co&quot;');
      expect(mail.text).toContain('Made by <b>Test</b> & "Co"');
    }
  });
});
