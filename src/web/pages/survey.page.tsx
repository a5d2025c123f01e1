import { formatDate } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import type { SurveyQuestion } from '../../reports/reports.js';
import { ANSWER_PROBLEMS } from '../../reports/survey-answers.js';
import { Layout, type Site } from '../layout.js';
import { useLocale } from '../locale.js';

/** Where the reader stands with the survey: what the page offers. */
export type SurveyState = 'sign-in' | 'not-member' | 'closed' | 'answered' | 'no-industry' | 'open';

export interface SurveyPageProps {
  readonly site: Site;
  readonly slug: string;
  readonly title: string;
  readonly collectUntil: string;
  readonly questions: readonly SurveyQuestion[];
  readonly state: SurveyState;
  readonly csrf: string;
  readonly chosen?: Readonly<Record<string, readonly string[]>>;
  readonly errors?: FormErrors | undefined;
}

/** The answer problems of reports/survey-answers.ts in the reader's language. */
const PROBLEM_KEYS: Readonly<Record<string, MessageKey>> = {
  [ANSWER_PROBLEMS.unknown]: 'survey.answer.unknown',
  [ANSWER_PROBLEMS.single]: 'survey.answer.chooseOne',
  [ANSWER_PROBLEMS.none]: 'survey.answer.atLeastOne',
};

const NOTICE: Readonly<Record<Exclude<SurveyState, 'open' | 'sign-in'>, MessageKey>> = {
  'not-member': 'survey.answer.notMember',
  closed: 'survey.answer.closed',
  answered: 'survey.answer.answered',
  'no-industry': 'survey.answer.noIndustry',
};

/** `/surveys/<slug>`: the questions for a signed-in contact of a member company, or why not. */
export function SurveyPage({ site, slug, title, collectUntil, questions, state, csrf, chosen = {}, errors }: SurveyPageProps) {
  const { t, path, language } = useLocale();
  const heading = t('survey.answer.title', { title });
  const date = formatDate(language, collectUntil);
  const problemsOf = (where: string) => (errors?.fields[where] ?? []).map((message) => t(PROBLEM_KEYS[message] ?? 'survey.answer.failed'));
  return (
    <Layout site={site} meta={{ title: heading, description: heading, path: `/surveys/${slug}`, noindex: true }}>
      <header class="page-header">
        <h1>{heading}</h1>
      </header>
      {state === 'sign-in' ? (
        <div class="message">
          <p>{t('survey.answer.signIn')}</p>
          <p>
            <a class="button" href={path('/login')}>
              {t('survey.answer.signInButton')}
            </a>
          </p>
        </div>
      ) : state !== 'open' ? (
        <div class="message">
          <p>{t(NOTICE[state], { date })}</p>
        </div>
      ) : (
        <form method="post" action={path(`/surveys/${slug}`)} class="form survey-form">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <p>{t('survey.answer.intro', { date })}</p>
          {errors ? (
            <div class="error-summary" role="alert">
              <p>{t('survey.answer.failed')}</p>
              {problemsOf('answers').map((message) => (
                <p>{message}</p>
              ))}
            </div>
          ) : null}
          {questions.map((question) => {
            const problems = problemsOf(`q-${question.key}`);
            return (
              <fieldset class={problems.length > 0 ? 'field field--error' : 'field'} aria-describedby={problems.length > 0 ? `error-q-${question.key}` : undefined}>
                <legend>{question.text}</legend>
                {question.kind === 'multiple' ? <p class="field__hint">{t('survey.answer.multiple')}</p> : null}
                {problems.map((message, index) => (
                  <p class="field__error" id={index === 0 ? `error-q-${question.key}` : undefined}>
                    {message}
                  </p>
                ))}
                {question.answers.map((answer) => {
                  const id = `q-${question.key}-${answer.code}`;
                  return (
                    <div class="choice">
                      <input
                        id={id}
                        type={question.kind === 'single' ? 'radio' : 'checkbox'}
                        name={`q-${question.key}`}
                        value={answer.code}
                        checked={(chosen[question.key] ?? []).includes(answer.code)}
                      />
                      <label for={id}>{answer.text}</label>
                    </div>
                  );
                })}
              </fieldset>
            );
          })}
          <p class="actions">
            <button type="submit" class="button">
              {t('survey.answer.submit')}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}
