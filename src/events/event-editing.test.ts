import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { refuseSlugRace } from '../content/draft-fields.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { checkEventDraft, EMPTY_EVENT_DRAFT } from './event-draft.js';
import { createEvent, deleteEvent, getDeskEvent } from './event-editing.service.js';
import { insertEvent } from './events.queries.js';

const clock = fixedClock('2026-11-28T12:00:00Z');
const draft = { ...EMPTY_EVENT_DRAFT, slug: 'race', title: 'Race', starts_on: '2027-01-05', ends_on: '2027-01-05', all_day: true };

forEachDialect('event editing', ({ db }) => {
  it('turns a slug taken by a concurrent writer into a field problem, on either engine', async () => {
    const created = await createEvent(db(), clock, SYSTEM_ACTOR, draft);
    // What the other writer's insert meets once the service's own check has passed.
    const error = await insertEvent(db(), checkEventDraft(draft), '2026-11-28T12:00:00.000Z')
      .catch(refuseSlugRace('event', 'race'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems).toEqual([{ where: 'slug', message: 'another event already uses “race”; choose another slug' }]);
    await deleteEvent(db(), clock, SYSTEM_ACTOR, created.id);
    await expect(getDeskEvent(db(), created.id)).rejects.toThrow(/no such event/);
  });
});
