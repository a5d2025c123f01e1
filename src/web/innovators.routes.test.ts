import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { importContent } from '../content-folder/import.service.js';
import { exportContent } from '../content-folder/export.service.js';
import { fixedClock } from '../lib/clock.js';

// The innovators directory and organisation profiles over HTTP, from a content folder of their
// own: the directory lists profiled Chinese organisations only, filters them, and each profile
// shows its public part to the public and its members-only part to members, never its contact
// persons; a story's names join the profile (by name or other name); /organizations/<slug> and
// /innovators/<slug> send each other's organisations to the right address.

const SECRET = 'Members-only profile note 7f3a';
const files: Record<string, string> = {
  'sectors/aerospace.md': '---\nname: Aerospace\n---\n',
  'sectors/automotive.md': '---\nname: Automotive\n---\n',
  'innovators/ispace.md': `---\nname: Interstellar Glory Space Technology\nname_zh: 星际荣耀\ncountry: CN\nkind: startup\ncity: Beijing\nfounded: 2016\nwebsite: https://ispace.example.com/\nsectors:\n  - aerospace\ntechnologies:\n  - Reusable rockets\naliases:\n  - Interstellar Glory (iSpace)\n  - iSpace\ncontacts:\n  - name: Hidden Person\n    role: Partnerships\n    email: hidden.person@example.com\n    language: zh\n    source: Met at a demo event\n---\nA private rocket company from Beijing.\n\n<!-- members-only -->\n${SECRET}.\n`,
  'innovators/byd.md': '---\nname: BYD\ncountry: CN\nkind: corporate\ncity: Shenzhen\nsectors:\n  - automotive\ntechnologies:\n  - Batteries\n---\nAn electric vehicle maker.\n',
  'innovators/merck.md': '---\nname: Merck\ncountry: DE\nkind: corporate\ncity: Darmstadt\n---\nA science and technology company.\n',
  'stories/rocket.md': '---\ntitle: A rocket story\nkind: news\norganizations:\n  - Interstellar Glory (iSpace)\n  - Merck\n---\nRockets.\n',
  'issues/2026-fall.md': '---\ntitle: Fall 2026\nseason: fall\nyear: 2026\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: Landscape\n    items:\n      - story: rocket\n---\nIntro.\n',
};

forEachDialect('innovators directory', ({ db }) => {
  let app: App;
  let folder: string;
  const clock = fixedClock('2026-11-28T12:00:00Z');
  const get = (url: string, cookie?: string) => app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'insights-innovators-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    await importContent(db(), folder, { clock });
    app = await createTestApp(db());
  });
  afterAll(async () => {
    await destroyTestApp(app);
    await rm(folder, { recursive: true, force: true });
  });

  it('lists the Chinese profiles, filters them, and links each profile', async () => {
    const page = await get('/innovators');
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Interstellar Glory Space Technology');
    expect(text).toContain('BYD');
    expect(text).not.toContain('Merck');
    expect(text).toContain('2 innovators');
    expect(page.body).toContain('<a href="/innovators/ispace">');

    const byTechnology = visibleText((await get('/innovators?technology=reusable-rockets')).body);
    expect(byTechnology).toContain('1 innovator');
    expect(byTechnology).not.toContain('An electric vehicle maker');
    expect(visibleText((await get('/innovators?city=Shenzhen&kind=corporate')).body)).toContain('An electric vehicle maker');
    expect(visibleText((await get('/de/innovators?q=rocket')).body)).toContain('1 Innovator');
    // A word of the members-only part finds nothing; unknown filter values are ignored.
    expect(visibleText((await get(`/innovators?q=${encodeURIComponent('7f3a')}`)).body)).toContain('No innovator matches.');
    expect(visibleText((await get('/innovators?sector=no-such-sector')).body)).toContain('2 innovators');
  });

  it('shows the public profile to the public and the members-only part to members, never the contact persons', async () => {
    const page = await get('/innovators/ispace');
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    for (const fact of ['Interstellar Glory Space Technology', '星际荣耀', 'Start-up', 'Beijing', '2016', 'ispace.example.com', 'Aerospace', 'Reusable rockets', 'A private rocket company from Beijing.', 'A rocket story']) {
      expect(text, fact).toContain(fact);
    }
    expect(page.body).not.toContain(SECRET);
    expect(page.body).not.toContain('Hidden Person');
    expect(page.body).not.toContain('hidden.person@example.com');
    // The story's name for it joined the profile: the story links the innovator's page.
    expect((await get('/stories/rocket')).body).toContain('<a href="/innovators/ispace">Interstellar Glory (iSpace)</a>');

    await createContact(db(), 'member@innovators.example', { name: 'Member Company GmbH', membership: 'active' });
    const member = await signInMember(app, 'member@innovators.example');
    const full = await get('/innovators/ispace', member);
    expect(full.body).toContain(SECRET);
    expect(full.body).not.toContain('hidden.person@example.com');
  });

  it('answers each organisation at its address and 301s the other', async () => {
    const moved = await get('/organizations/ispace');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/innovators/ispace');
    expect((await get('/zh/organizations/ispace')).headers.location).toBe('/zh/innovators/ispace');
    const merck = await get('/organizations/merck');
    expect(merck.statusCode).toBe(200);
    expect(visibleText(merck.body)).toContain('A science and technology company.');
    expect(visibleText(merck.body)).toContain('A rocket story');
    expect((await get('/innovators/merck')).headers.location).toBe('/organizations/merck');
    for (const url of ['/innovators/no-such-innovator', '/innovators?page=2', '/innovators/ispace?page=2']) expect((await get(url)).statusCode, url).toBe(404);
    // A profile without stories still has its page.
    expect((await get('/innovators/byd')).statusCode).toBe(200);
    const sitemap = (await get('/sitemap.xml')).body;
    expect(sitemap).toContain('/innovators/ispace</loc>');
    expect(sitemap).not.toContain('/organizations/ispace</loc>');
  });

  it('exports the profiles as it read them, contacts included', async () => {
    const out = await mkdtemp(join(tmpdir(), 'insights-innovators-out-'));
    try {
      await exportContent(db(), out);
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(join(out, 'innovators', 'ispace.md'), 'utf8')).toBe(files['innovators/ispace.md']);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
