import { z } from 'zod';
import { checkInquiryDraft, EMPTY_INQUIRY_DRAFT, isInquiryTopic, type InquiryDraft } from '../inquiries/inquiries.js';
import { submitInquiry } from '../inquiries/inquiries.service.js';
import { ContactPage, ContactSentPage } from './pages/contact.page.js';
import { formRoute, type PublicRoute } from './public-route.js';

/** At most this many contact messages per client address per hour (counted in the database, shared by every process). */
export const CONTACT_LIMIT = { max: 5, windowSeconds: 3600 } as const;

const text = z.string().catch('');
const contactForm = z.object({ name: text, email: text, company: text, topic: text, message: text, website: text });

/** `/contact`: the public inquiry form. CSRF before sign-in comes from the browser cookie. */
export const contactRoutes: readonly PublicRoute[] = [
  // `?topic=<key>` (a service page's call to action) preselects a topic; any other value is ignored.
  formRoute('GET', '/contact', 'the inquiry form (?topic=<key> preselects a topic)', async (ctx) => {
    const { topic } = z.object({ topic: z.unknown() }).parse(ctx.request.query ?? {});
    const draft = isInquiryTopic(topic) ? { ...EMPTY_INQUIRY_DRAFT, topic } : EMPTY_INQUIRY_DRAFT;
    return ctx.page(<ContactPage site={ctx.deps.site} csrf={ctx.csrf} draft={draft} />);
  }),

  formRoute(
    'POST',
    '/contact',
    'send an inquiry (stored, and mailed to the team)',
    async (ctx) => {
      const { website, ...draft } = contactForm.parse(ctx.request.body ?? {}) as InquiryDraft & { website: string };
      const { db, clock, site } = ctx.deps;
      try {
        // Checked first and without writing anything, so typos do not use up the sender's quota:
        // the limit counts messages (and honeypot hits, silently), not attempts.
        checkInquiryDraft(draft);
        await ctx.countHit();
        // A filled honeypot is a bot: answer as if it worked, store and send nothing.
        if (website.trim() === '') await submitInquiry(db, clock, site, draft);
      } catch (error) {
        return ctx.formFailed(error, (errors) => <ContactPage site={site} csrf={ctx.csrf} draft={draft} errors={errors} />);
      }
      return ctx.page(<ContactSentPage site={site} email={draft.email.trim()} />);
    },
    { rateLimit: { key: 'contact', limit: CONTACT_LIMIT } },
  ),
];
