import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { refuseSlugRace } from '../content/draft-fields.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { checkEventDraft, EMPTY_EVENT_DRAFT } from '../events/event-draft.js';
import { EVENT_STORE } from '../events/event-store.js';
import { createItem, deleteItem, getDeskItem } from './item-editing.service.js';
import { SYSTEM_RIGHTS } from './publicity.service.js';

const clock = fixedClock('2026-11-28T12:00:00Z');
const draft = { ...EMPTY_EVENT_DRAFT, slug: 'race', title: 'Race', starts_on: '2027-01-05', ends_on: '2027-01-05', all_day: true };

forEachDialect('item editing (an event)', ({ db }) => {
  it('turns a slug taken by a concurrent writer into a field problem, on either engine', async () => {
    const created = await createItem(db(), clock, SYSTEM_ACTOR, EVENT_STORE, draft, SYSTEM_RIGHTS);
    // What the other writer's insert meets once the service's own check has passed.
    const error = await EVENT_STORE.insert(db(), checkEventDraft(draft), '2026-11-28T12:00:00.000Z')
      .catch(refuseSlugRace('event', 'race'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems).toEqual([{ where: 'slug', message: 'another event already uses “race”; choose another slug' }]);
    await deleteItem(db(), clock, SYSTEM_ACTOR, EVENT_STORE, created.id, SYSTEM_RIGHTS);
    await expect(getDeskItem(db(), EVENT_STORE, created.id)).rejects.toThrow(/no such event/);
  });
});
