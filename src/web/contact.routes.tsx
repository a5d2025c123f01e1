import { formErrorsOf } from '../lib/form-errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { AdminDeps } from '../admin/admin-route.js';
import { hitRateLimit, type RateLimit } from '../auth/rate-limits.service.js';
import { clientAddress, csrfTokenForRequest } from '../lib/request-security.js';
import { TooManyRequests } from '../members/sign-in.service.js';
import { ContactPage, ContactSentPage } from './pages/contact.page.js';
import type { FieldErrors } from './pages/program-fields.js';
import { renderDocument } from './routes.js';
import { sessionContact, viewerOf } from './viewer.js';
import { checkInquiryDraft, EMPTY_INQUIRY_DRAFT, type InquiryDraft } from '../inquiries/inquiries.js';
import { submitInquiry } from '../inquiries/inquiries.service.js';

/** At most this many contact messages per client address per hour (counted in the database, shared by every process). */
export const CONTACT_LIMIT: RateLimit = { max: 5, windowSeconds: 3600 };

const text = z.string().catch('');
const contactForm = z.object({ name: text, email: text, company: text, topic: text, message: text, website: text });

/** `/contact`: the public inquiry form (issue 6). CSRF before sign-in comes from the browser cookie. */
export function registerContactRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, clock, mailer, site } = deps;
  const csrfOf = (request: FastifyRequest, reply: FastifyReply) => csrfTokenForRequest(request, reply, deps.secretKey, deps.secureCookies);
  const send = async (request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200) => {
    const signedIn = await sessionContact(db, clock, request);
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderDocument(page, signedIn ? viewerOf(signedIn.contact, csrfOf(request, reply)) : undefined));
  };

  app.get('/contact', async (request, reply) => send(request, reply, <ContactPage site={site} csrf={csrfOf(request, reply)} draft={EMPTY_INQUIRY_DRAFT} />));

  app.post('/contact', async (request, reply) => {
    const { website, ...draft } = contactForm.parse(request.body ?? {}) as InquiryDraft & { website: string };
    try {
      // Checked first and without writing anything, so typos do not use up the sender's quota:
      // the limit counts messages (and honeypot hits, silently), not attempts.
      checkInquiryDraft(draft);
      const limit = await hitRateLimit(db, clock, `contact:ip:${clientAddress(request)}`, CONTACT_LIMIT);
      if (!limit.allowed) throw new TooManyRequests(limit.retryAfterSeconds);
      // A filled honeypot is a bot: answer as if it worked, store and send nothing.
      if (website.trim() === '') await submitInquiry(db, clock, { mailer, site }, draft);
    } catch (error) {
      if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
      const status = error instanceof TooManyRequests ? 429 : 400;
      return send(request, reply, <ContactPage site={site} csrf={csrfOf(request, reply)} draft={draft} errors={formErrorsOf(error)} />, status);
    }
    return send(request, reply, <ContactSentPage site={site} email={draft.email.trim()} />);
  });
}
