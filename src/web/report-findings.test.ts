import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';

// The demo's survey report on the web (issue 18): everyone sees the seed's headline with the
// base sizes and a chart whose text alternative carries its numbers; members also see the
// statistics line (intervals, the test against the rest, Holm). In every language.

const clock = fixedClock('2026-11-28T12:00:00Z');

forEachDialect('report findings on the web', ({ db }) => {
  let app: App;
  let member: string;
  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock });
    app = await createTestApp(db(), { clock });
    await createContact(db(), 'ana@alpha.example', { name: 'Alpha GmbH', membership: 'active' });
    member = await signInMember(app, 'ana@alpha.example');
  }, 60_000);
  afterAll(() => destroyTestApp(app));

  it('shows the public the headline, bases and chart, and no statistics line', async () => {
    const page = await app.http.inject({ url: '/issues/2024-spring' });
    const text = visibleText(page.body);
    expect(text).toContain('55% vs. 34% (+21 pp)');
    expect(text).toContain('(automotive industry, n = 64; all industries, n = 336)');
    expect(text).toContain('66% vs. 37% (+29 pp)');
    expect(text).not.toContain('95% intervals:');
    expect(page.body.match(/<svg xmlns/g)).toHaveLength(3);
    // Wilson 35/64 = 42.6–66.3% → 43%–66%; 114/336 = 29.1–39.1% → 29%–39%; the rest 79/272 = 24.0–34.7% → 24%–35%.
    expect(page.body).toContain(
      'Bar chart “More research and development in China”: automotive industry 55% (95% interval 43%–66%, n = 64); all industries 34% (95% interval 29%–39%, n = 336); all other respondents 29% (95% interval 24%–35%, n = 272).',
    );
  });

  it('shows members the intervals and the test against the rest', async () => {
    const text = visibleText((await app.http.inject({ url: '/issues/2024-spring', headers: { cookie: member } })).body);
    expect(text).toContain(
      '95% intervals: automotive industry 42.6%–66.3%; all industries 29.1%–39.1%. Against all other respondents (29.0%, n = 272): +25.6 pp, 95% interval +12.3 pp to +38.3 pp; z = 3.90, p < 0.001, after Holm correction over 3 findings p < 0.001.',
    );
    // (272/336)·(S − rest) = +20.8 pp, its interval scaled the same way: +9.9 to +31.0.
    expect(text).toContain('The gap against all respondents (+20.8 pp) has the 95% interval +9.9 pp to +31.0 pp.');
  });

  it('writes the chart and the statistics in German and Chinese', async () => {
    const de = await app.http.inject({ url: '/de/issues/2024-spring', headers: { cookie: member } });
    expect(visibleText(de.body)).toContain('95-%-Intervalle: Automobilindustrie 42,6 %–66,3 %');
    expect(de.body).toContain('Balkendiagramm „Mehr Forschung und Entwicklung in China“: Automobilindustrie 55 %');
    const zh = await app.http.inject({ url: '/zh/issues/2024-spring' });
    expect(zh.body).toContain('汽车行业：55%（n = 64）');
  });
});
