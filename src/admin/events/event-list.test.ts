import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { importContentFiles } from '../../../test/support/content.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../../test/support/desk.js';
import type { App } from '../../app.js';
import { fixedClock } from '../../lib/clock.js';

// The desk's event list opens on upcoming events; when there are none but past ones exist (the
// demo on a later day), opening it without a filter shows the past ones and says so, instead of
// an empty table a newcomer would take for "no events".

const clock = fixedClock('2026-11-28T12:00:00Z');
const upcoming = `---\ntitle: Innovation Breakfast 2027\nstarts: 2027-03-04T09:30\nends: 2027-03-04T17:00\ntime_zone: Asia/Shanghai\ncity: Shanghai\norganiser: own\n---\nPitches.\n`;
const NOTICE = 'No upcoming or running events, so the list shows past ones. Choose “When” to see others.';

forEachDialect('desk: the event list opens on events', ({ db }) => {
  let app: App;
  let editor: DeskSession;
  beforeAll(async () => {
    await importContentFiles(db(), clock, { fromDemo: ['events/asiamold-2024.md', 'events/xceleration-days-2023.md'] });
    app = await createTestApp(db(), { clock });
    editor = await signInDesk(app, db(), 'editor@example.com', 'editor');
  });
  afterAll(async () => destroyTestApp(app));

  it('shows past events, newest first, and says so when nothing is upcoming', async () => {
    const page = (await editor.get('/admin/events')).body;
    const text = visibleText(page);
    expect(text).toContain(NOTICE);
    expect(text.indexOf('Asiamold')).toBeGreaterThan(-1);
    expect(text.indexOf('Asiamold')).toBeLessThan(text.indexOf('Xceleration Days 2023'));
    expect(page).toMatch(/<option value="past" selected>Past<\/option>/);
    // A chosen filter is kept as chosen, even when it shows nothing.
    const chosen = visibleText((await editor.get('/admin/events?when=upcoming')).body);
    expect(chosen).toContain('No events match these filters.');
    expect(chosen).not.toContain(NOTICE);
    // With other filters but no "When", past events matching them.
    const filtered = visibleText((await editor.get('/admin/events?city=Guangzhou')).body);
    expect(filtered).toContain(NOTICE);
    expect(filtered).toContain('Asiamold');
    expect(filtered).not.toContain('Xceleration Days 2023');
  });

  it('opens on upcoming events once there is one', async () => {
    await importContentFiles(db(), clock, { files: { 'events/innovation-breakfast-2027.md': upcoming } });
    const page = (await editor.get('/admin/events')).body;
    const text = visibleText(page);
    expect(text).toContain('Innovation Breakfast 2027');
    expect(text).not.toContain('Asiamold');
    expect(text).not.toContain(NOTICE);
    expect(page).toMatch(/<option value="upcoming" selected>Upcoming and running<\/option>/);
  });
});
