import { z } from 'zod';
import type { Event } from '../events/events.js';
import { callDeadline, callOpen } from '../events/registrations.js';
import { checkCallSubmission, getSubmissionByToken, submitToCall, withdrawSubmission } from '../events/calls.service.js';
import { getEventSettings } from '../events/event-settings.service.js';
import type { FormErrors } from '../lib/form-errors.js';
import { NotFound } from '../lib/errors.js';
import { renderMarkdown } from '../lib/markdown.js';
import { SLUG } from '../lib/slug.js';
import { CallPage, EMPTY_CALL_FORM, type CallFormValues } from './pages/event-call.page.js';
import { ConfirmLinkPage, NoticePage, UnusableLinkPage } from './pages/member.pages.js';
import { formatDate, formatTime, zoneLabel } from '../i18n/format.js';
import type { Locale } from './locale.js';
import { formRoute, type PublicContext, type PublicRoute } from './public-route.js';

// Calls for speakers and partners: public, because external speakers are rarely contacts. CSRF
// before sign-in comes from the browser cookie; a honeypot and a rate limit keep bots out.

/** At most this many proposals per client address per hour (the call form is public). */
export const CALL_FORM_LIMIT = { max: 5, windowSeconds: 3600 } as const;

const callForm = z.object({
  kind: z.string().default(''),
  name: z.string().default(''),
  email: z.string().default(''),
  organisation: z.string().default(''),
  title: z.string().default(''),
  summary: z.string().default(''),
  website: z.string().default(''),
});
const tokenParams = z.object({ slug: z.string().regex(SLUG), token: z.string().max(100) });

/** When a call closes, in the reader's language and the event's zone; a deadline that is simply the event's start says so. */
function closesOnText({ language, t }: Locale, instant: string, event: Event): string {
  const zone = event.timeZone;
  const at = t('forms.call.deadline', { date: formatDate(language, { instant, zone }), time: formatTime(language, instant, zone), zone: zoneLabel(language, zone, instant) });
  if (instant !== event.startsAt) return at;
  return t('forms.call.deadlineAtStart', { when: event.allDay ? formatDate(language, { instant, zone }) : at });
}

/** The call page of an event with a call; NotFound for events without one. */
async function callPageOf(ctx: PublicContext, event: Event, values: CallFormValues, errors?: FormErrors) {
  const settings = await getEventSettings(ctx.deps.db, event.id);
  if (settings.callKinds.length === 0) throw new NotFound('There is no page at this address.');
  const open = callOpen(settings, event, ctx.deps.clock.now());
  return (
    <CallPage
      site={ctx.deps.site}
      event={event}
      kinds={settings.callKinds}
      closesOn={closesOnText(ctx.locale, callDeadline(settings, event), event)}
      introHtml={settings.callIntro ? renderMarkdown(settings.callIntro) : ''}
      csrf={ctx.csrf}
      values={values}
      {...(errors ? { errors } : {})}
      closed={open ? null : ctx.locale.t('forms.call.closed')}
    />
  );
}

/** A withdraw link's page when the link cannot be used. */
function unusableWithdrawLink(ctx: PublicContext, slug: string, errors: FormErrors) {
  return <UnusableLinkPage site={ctx.deps.site} path={`/events/${slug}`} message={errors.message} again={{ href: `/events/${slug}`, text: ctx.locale.t('forms.call.backToEvent') }} />;
}

export const eventCallRoutes: readonly PublicRoute[] = [
  formRoute('GET', '/events/:slug/call', 'the call for speakers and partners', async (ctx) => {
    const event = await ctx.deps.content.event(ctx.slug());
    return ctx.page(await callPageOf(ctx, event, EMPTY_CALL_FORM));
  }),

  formRoute(
    'POST',
    '/events/:slug/call',
    'send a proposal (mails a confirmation with a withdraw link)',
    async (ctx) => {
      const event = await ctx.deps.content.event(ctx.slug());
      const form = callForm.parse(ctx.request.body ?? {});
      try {
        // Checked first and without writing anything, so typos (or a closed call) do not use up
        // the sender's quota: the limit counts proposals (and honeypot hits, silently).
        await checkCallSubmission(ctx.deps.db, ctx.deps.clock, event, form);
        await ctx.countHit();
        // A filled honeypot is a bot: answer as if it worked, store nothing.
        if (form.website.trim() === '') await submitToCall(ctx.deps.db, ctx.deps.clock, ctx.deps.site, event, form);
      } catch (error) {
        return ctx.formFailed(error, (errors) => callPageOf(ctx, event, form, errors));
      }
      const { t } = ctx.locale;
      return ctx.page(
        <NoticePage site={ctx.deps.site} title={t('forms.call.thanksTitle')} path={`/events/${event.slug}/call`}>
          <p>{t('forms.call.thanksText', { email: form.email.trim() })}</p>
          <p>
            <a href={ctx.locale.path(`/events/${event.slug}`)}>{t('forms.call.backTo', { title: event.title })}</a>
          </p>
        </NoticePage>,
      );
    },
    { rateLimit: { key: 'event-call', limit: CALL_FORM_LIMIT } },
  ),

  formRoute('GET', '/events/:slug/call/withdraw/:token', "the submitter's link to withdraw a proposal (shows a button)", async (ctx) => {
    const { slug, token } = tokenParams.parse(ctx.request.params);
    try {
      const event = await ctx.deps.content.event(slug);
      const submission = await getSubmissionByToken(ctx.deps.db, event, token);
      const { t } = ctx.locale;
      return ctx.page(
        <ConfirmLinkPage
          site={ctx.deps.site}
          path={`/events/${slug}/call/withdraw/${token}`}
          title={t('forms.call.withdrawTitle')}
          text={t('forms.call.withdrawText', { title: submission.title })}
          button={t('forms.call.withdrawButton')}
          csrf={ctx.csrf}
        />,
      );
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableWithdrawLink(ctx, slug, errors));
    }
  }),

  formRoute('POST', '/events/:slug/call/withdraw/:token', 'withdraw the proposal', async (ctx) => {
    const { slug, token } = tokenParams.parse(ctx.request.params);
    try {
      const event = await ctx.deps.content.event(slug);
      const submission = await withdrawSubmission(ctx.deps.db, ctx.deps.clock, event, token);
      return ctx.page(
        <NoticePage site={ctx.deps.site} title={ctx.locale.t('forms.call.withdrawnTitle')} path={`/events/${slug}`}>
          <p>{ctx.locale.t('forms.call.withdrawnText', { title: submission.title })}</p>
        </NoticePage>,
      );
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableWithdrawLink(ctx, slug, errors));
    }
  }),
];
