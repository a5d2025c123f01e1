import { formatDate } from '../../i18n/format.js';
import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The confirmation of a program registration (new or changed), with the answers given. */
export interface RegistrationSavedProps {
  readonly created: boolean;
  readonly name: string;
  readonly role: string;
  readonly programTitle: string;
  /** How many mentees a mentor takes, or null. */
  readonly capacity: number | null;
  /** Expertise (mentor) or goals (others), as labels. */
  readonly areas: readonly string[];
  readonly languages: readonly string[];
  /** Availability, as labels. */
  readonly times: readonly string[];
  /** The registration deadline (`YYYY-MM-DD`), or null. */
  readonly deadline: string | null;
  readonly registrationUrl: string;
  readonly contactEmail: string | null;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<RegistrationSavedProps>((props, t, language) => {
  const values = { created: props.created ? 'yes' : 'no', program: props.programTitle, role: props.role };
  const role = t('email.program.saved.role', { role: props.role });
  const answers = [
    props.capacity ? `${role} (${t('email.program.saved.capacity', { capacity: props.capacity })})` : role,
    props.areas.length > 0 ? t(props.role === 'mentor' ? 'email.program.saved.expertise' : 'email.program.saved.goals', { areas: props.areas.join('; ') }) : '',
    t('email.program.saved.languages', { languages: props.languages.join(', ') }),
    t('email.program.saved.times', { times: props.times.join('; ') }),
  ].filter(Boolean);
  return {
    subject: t('email.program.saved.subject', values),
    greeting: greetingFor(t, props.name),
    paragraphs: [
      t('email.program.saved.body', values),
      answers.join('\n'),
      props.deadline ? t('email.program.saved.changeUntil', { deadline: formatDate(language, props.deadline) }) : t('email.program.saved.change'),
    ],
    action: { label: t('email.program.saved.action'), url: props.registrationUrl },
    closing: props.contactEmail ? t('email.program.questionsTo', { email: props.contactEmail }) : t('email.program.questionsReply'),
    siteName: props.siteName,
  };
});
