import { z } from 'zod';
import type { Event } from '../events/events.js';
import { callDeadline, callOpen } from '../events/registrations.js';
import { checkCallSubmission, getSubmissionByToken, submitToCall, withdrawSubmission } from '../events/calls.service.js';
import { getEventSettings } from '../events/event-settings.service.js';
import type { FormErrors } from '../lib/form-errors.js';
import { NotFound } from '../lib/errors.js';
import { renderMarkdown } from '../lib/markdown.js';
import { SLUG } from '../lib/slug.js';
import { deadlineText } from './event-page.js';
import { CallPage, EMPTY_CALL_FORM, type CallFormValues } from './pages/event-call.page.js';
import { ConfirmLinkPage, NoticePage, UnusableLinkPage } from './pages/member.pages.js';
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
      closesOn={deadlineText(callDeadline(settings, event), event)}
      introHtml={settings.callIntro ? renderMarkdown(settings.callIntro) : ''}
      csrf={ctx.csrf}
      values={values}
      {...(errors ? { errors } : {})}
      closed={open ? null : 'The call for this event has closed. Thank you for your interest.'}
    />
  );
}

/** A withdraw link's page when the link cannot be used. */
function unusableWithdrawLink(ctx: PublicContext, slug: string, errors: FormErrors) {
  return <UnusableLinkPage site={ctx.deps.site} path={`/events/${slug}`} message={errors.message} again={{ href: `/events/${slug}`, text: 'Back to the event' }} />;
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
      return ctx.page(
        <NoticePage site={ctx.deps.site} title="Thank you for your proposal" path={`/events/${event.slug}/call`}>
          <p>We emailed {form.email.trim()} a confirmation with a link to withdraw the proposal. The events team will email you the decision.</p>
          <p>
            <a href={`/events/${event.slug}`}>Back to {event.title}</a>
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
      return ctx.page(
        <ConfirmLinkPage site={ctx.deps.site} path={`/events/${slug}/call/withdraw/${token}`} title="Withdraw your proposal" text={`Press the button to withdraw “${submission.title}”.`} button="Withdraw my proposal" csrf={ctx.csrf} />,
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
        <NoticePage site={ctx.deps.site} title="Proposal withdrawn" path={`/events/${slug}`}>
          <p>“{submission.title}” is withdrawn. Thank you for letting us know.</p>
        </NoticePage>,
      );
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableWithdrawLink(ctx, slug, errors));
    }
  }),
];
