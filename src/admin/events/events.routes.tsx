import { z } from 'zod';
import { getSectors } from '../../content/taxonomy.service.js';
import { citiesOf, EVENT_STORE, filterDeskEvents } from '../../events/event-store.js';
import { getAllEvents } from '../../events/events.service.js';
import type { Event } from '../../events/events.js';
import { createItem, deleteItem, getDeskItem, updateItem, withIssues, type DeskItem } from '../../issues/item-editing.service.js';
import { findCreateLock, findPublicLock, rightsOf } from '../../issues/publicity.service.js';
import { draftOfEvent, EMPTY_EVENT_DRAFT, type EventDraft } from '../../events/event-draft.js';
import { ORGANISERS } from '../../events/events.js';
import { getRegistrationCounts } from '../../events/registrations.service.js';
import { getTranslationStates } from '../../translations/translations.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { deleteForm, unconfirmedDelete } from '../delete-section.js';
import { failedStatus, formCheckbox, formErrorsOf, formList, formText, idParams, type FormErrors } from '../forms.js';
import { EventFormPage, EventListPage } from './event-pages.js';

const listQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).catch('upcoming'),
  city: z.string().max(200).optional().catch(undefined).transform((city) => city || undefined),
  organiser: z.enum(ORGANISERS).optional().catch(undefined),
});

const eventForm: z.ZodType<EventDraft, z.ZodTypeDef, unknown> = z.object({
  slug: formText,
  title: formText,
  body: formText,
  all_day: formCheckbox,
  starts_on: formText,
  starts_time: formText,
  ends_on: formText,
  ends_time: formText,
  time_zone: formText,
  venue: formText,
  address: formText,
  city: formText,
  online: formCheckbox,
  online_url: formText,
  organiser: formText,
  organiser_name: formText,
  url: formText,
  capacity: formText,
  registration_opens: formText,
  registration_closes: formText,
  sectors: formList,
});

async function formPage(ctx: StaffContext, props: { draft: EventDraft; existing?: DeskItem<Event>; errors?: FormErrors; deleteErrors?: FormErrors }, status = 200) {
  const sectors = await getSectors(ctx.deps.db);
  const lock = props.existing ? await findPublicLock(ctx.deps.db, ctx.deps.clock.now(), rightsOf(ctx.can), 'event', props.existing.item) : findCreateLock(rightsOf(ctx.can), 'event');
  const translations = props.existing ? (await getTranslationStates(ctx.deps.db, 'event', [props.existing.item])).get(props.existing.item.id) : undefined;
  return ctx.page(<EventFormPage ctx={ctx} sectors={sectors} lock={lock} translations={translations} {...props} />, status);
}

/** Events: list with filters, create, edit and delete (when no issue lists the event); every event is public, so only those who may change what is public edit one. */
export const eventRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/events', 'view_desk', async (ctx) => {
    const query = (ctx.request.query ?? {}) as Record<string, unknown>;
    let filter = listQuery.parse(query);
    const all = await getAllEvents(ctx.deps.db);
    const now = ctx.deps.clock.now();
    let shown = filterDeskEvents(all, now, filter);
    // Opened without choosing "When" and nothing is upcoming: past events rather than an empty list.
    const showPast = query.when === undefined && shown.length === 0 && filterDeskEvents(all, now, { ...filter, when: 'past' }).length > 0;
    if (showPast) {
      filter = { ...filter, when: 'past' };
      shown = filterDeskEvents(all, now, filter);
    }
    const events = await withIssues(ctx.deps.db, 'event', shown);
    const cities = citiesOf(all);
    const [registrations, translations] = await Promise.all([
      getRegistrationCounts(ctx.deps.db, events.map(({ item }) => item.id)),
      getTranslationStates(ctx.deps.db, 'event', events.map(({ item }) => item)),
    ]);
    const notice = showPast ? 'No upcoming or running events, so the list shows past ones. Choose “When” to see others.' : undefined;
    return ctx.page(<EventListPage ctx={ctx} events={events} cities={cities} filter={filter} registrations={registrations} notice={notice} translations={translations} />);
  }),

  staffRoute('GET', '/admin/events/new', 'draft_content', async (ctx) => formPage(ctx, { draft: EMPTY_EVENT_DRAFT })),

  staffRoute('POST', '/admin/events', 'draft_content', async (ctx) => {
    const draft = eventForm.parse(ctx.request.body ?? {});
    try {
      const event = await createItem(ctx.deps.db, ctx.deps.clock, ctx.actor, EVENT_STORE, draft, rightsOf(ctx.can));
      return ctx.redirect(`/admin/events/${event.id}`, `Created “${event.title}”.`);
    } catch (error) {
      return formPage(ctx, { draft, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/events/:id', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, EVENT_STORE, idParams.parse(ctx.request.params).id);
    return formPage(ctx, { draft: draftOfEvent(existing.item), existing });
  }),

  staffRoute('POST', '/admin/events/:id', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, EVENT_STORE, idParams.parse(ctx.request.params).id);
    const draft = eventForm.parse(ctx.request.body ?? {});
    try {
      const event = await updateItem(ctx.deps.db, ctx.deps.clock, ctx.actor, EVENT_STORE, existing.item.id, draft, rightsOf(ctx.can));
      return ctx.redirect(`/admin/events/${event.id}`, 'Saved.');
    } catch (error) {
      return formPage(ctx, { draft, existing, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/events/:id/delete', 'publish_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, EVENT_STORE, idParams.parse(ctx.request.params).id);
    const draft = draftOfEvent(existing.item);
    if (!deleteForm.parse(ctx.request.body ?? {}).confirm) {
      const unconfirmed = unconfirmedDelete('event');
      return formPage(ctx, { draft, existing, deleteErrors: formErrorsOf(unconfirmed) }, failedStatus(unconfirmed));
    }
    try {
      const event = await deleteItem(ctx.deps.db, ctx.deps.clock, ctx.actor, EVENT_STORE, existing.item.id, rightsOf(ctx.can));
      return ctx.redirect('/admin/events', `Deleted “${event.title}”.`);
    } catch (error) {
      return formPage(ctx, { draft, existing, deleteErrors: formErrorsOf(error) }, failedStatus(error));
    }
  }),
];
