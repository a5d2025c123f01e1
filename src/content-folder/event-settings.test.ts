import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { getEvent } from '../events/events.service.js';
import { getEventSettings } from '../events/event-settings.service.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { exportContent } from './export.service.js';
import { importContent } from './import.service.js';

// Registration questions, the waitlist choice and the call for speakers in event front matter.

const clock = fixedClock('2026-11-28T12:00:00Z');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-event-settings-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const FRONT = `---
title: Innovation Dialogue Berlin
starts: 2027-03-28T01:30
ends: 2027-03-28T04:00
time_zone: Europe/Berlin
organiser: own
capacity: 40
registration_questions:
  - "* Which session? [Panel | Workshop]"
  - Dietary needs
waitlist: false
call_for:
  - speaker
call_closes: 2027-02-28T18:00
call_intro: Tell us your **founder story**.
---
The dialogue comes to Berlin.
`;

async function folderWith(name: string, front: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'events'), { recursive: true });
  await writeFile(join(dir, 'events', 'innovation-dialogue-berlin.md'), front);
  return dir;
}

forEachDialect('event settings in the content folder', ({ db, engine }) => {
  it('imports questions, waitlist and call, and exports them again unchanged', async () => {
    await importContent(db(), await folderWith(`${engine}-good`, FRONT), { clock });
    const event = await getEvent(db(), 'innovation-dialogue-berlin');
    expect(await getEventSettings(db(), event.id)).toEqual({
      questions: [{ label: 'Which session?', required: true, choices: ['Panel', 'Workshop'] }, { label: 'Dietary needs', required: false, choices: [] }],
      waitlist: false,
      callKinds: ['speaker'],
      callClosesAt: '2027-02-28T17:00:00.000Z',
      callIntro: 'Tell us your **founder story**.',
    });
    const out = join(scratch, `${engine}-export`);
    await exportContent(db(), out);
    expect(await readFile(join(out, 'events', 'innovation-dialogue-berlin.md'), 'utf8')).toBe(FRONT);
  });

  it('refuses a call deadline in the hour the clocks skip, and writes nothing', async () => {
    const dir = await folderWith(`${engine}-gap`, FRONT.replace('innovation', 'x').replace('call_closes: 2027-02-28T18:00', 'call_closes: 2027-03-28T02:30'));
    const error = await importContent(db(), dir, { clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems.map((problem) => problem.message)).toEqual(['call_closes: 2027-03-28T02:30 does not exist in Europe/Berlin (the clocks skip that hour)']);
  });
});
