import { CSRF_FIELD } from '../../lib/request-security.js';
import { INQUIRY_TOPICS, type InquiryDraft } from '../../inquiries/inquiries.js';
import { Layout, type Site } from '../layout.js';
import { FormErrorSummary, Honeypot, InputField, SelectField, TextAreaField, type FieldErrors } from './program-fields.js';

const LABELS: Record<string, string> = { name: 'Name', email: 'Email', company: 'Company', topic: 'Topic', message: 'Message' };

/** `/contact`: the inquiry form (with a honeypot for bots). */
export function ContactPage({ site, csrf, draft, errors }: { site: Site; csrf: string; draft: InquiryDraft; errors?: FieldErrors | undefined }) {
  return (
    <Layout site={site} meta={{ title: 'Contact us', description: `Questions about ${site.name}, membership, events or programs: write to the innovation team.`, path: '/contact' }}>
      <header class="page-header">
        <h1>Contact us</h1>
      </header>
      <p>For any inquiries about the newsletter, membership, our events or programs such as the Innovators Club, write to us here. We answer by email.</p>
      <FormErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action="/contact" class="form contact-form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <InputField name="name" label="Your name (required)" value={draft.name} autocomplete="name" maxLength={200} required errors={errors} />
        <InputField name="email" label="Your email address (required)" type="email" value={draft.email} autocomplete="email" maxLength={254} required errors={errors} />
        <InputField name="company" label="Company (optional)" value={draft.company} autocomplete="organization" maxLength={200} errors={errors} />
        <SelectField
          name="topic"
          label="What is it about? (required)"
          value={draft.topic}
          required
          options={[{ value: '', label: 'Choose a topic' }, ...INQUIRY_TOPICS.map((topic) => ({ value: topic.key, label: topic.label }))]}
          errors={errors}
        />
        <TextAreaField name="message" label="Your message (required)" value={draft.message} rows={8} maxLength={5000} required errors={errors} />
        <Honeypot />
        <button type="submit" class="button">
          Send
        </button>
      </form>
      {site.contactEmail ? (
        <p>
          You can also write to <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>.
        </p>
      ) : null}
    </Layout>
  );
}

/** After a message was sent. */
export function ContactSentPage({ site, email }: { site: Site; email: string }) {
  return (
    <Layout site={site} meta={{ title: 'Thank you', description: 'Your message was sent.', path: '/contact', noindex: true }}>
      <header class="page-header">
        <h1>Thank you</h1>
      </header>
      <div class="message">
        <p>Your message was sent. We will answer you at {email}.</p>
        <p>
          <a href="/">Read the latest issue</a>
        </p>
      </div>
    </Layout>
  );
}
