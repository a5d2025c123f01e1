import { z } from 'zod';
import { describeIssueRefs, type IssueRef } from '../issues/issues.js';
import { CSRF_FIELD } from '../lib/request-security.js';
import { Invalid } from '../lib/errors.js';
import { useLocale } from '../web/locale.js';
import { formCheckbox, type FormErrors } from './forms.js';

// Deleting an event, program or report from its edit page: refused while an issue lists it.

/** The delete form's confirmation box. */
export const deleteForm = z.object({ confirm: formCheckbox });

/** What a delete without the confirmation box ticked shows. */
export function unconfirmedDelete(what: string): Invalid {
  return new Invalid(`Tick “Yes, delete this ${what}” to confirm; nothing was deleted.`, [{ where: 'confirm', message: 'tick the box to confirm' }]);
}

/** The issues that list a thing: "2024 Spring Issue (2024-spring), …", or "none". */
export function IssueNames({ issues }: { issues: readonly IssueRef[] }) {
  const { t } = useLocale();
  return <>{issues.length === 0 ? t('desk.delete.none') : describeIssueRefs(issues)}</>;
}

/**
 * The delete section of an edit page, for roles that may delete. A thing an issue lists cannot
 * be deleted; the page says which issues, and the service refuses too (a stale page, a race).
 */
export function DeleteSection({ action, csrf, what, issues, errors }: { action: string; csrf: string; what: string; issues: readonly IssueRef[]; errors?: FormErrors | undefined }) {
  const { t } = useLocale();
  const messages = errors?.fields.confirm ?? [];
  const [before, after] = t('desk.delete.listed', { issues: '\u0000', count: issues.length }).split('\u0000');
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t('desk.delete.heading', { what })}</h2>
      {issues.length > 0 ? (
        <p>
          {before}
          <IssueNames issues={issues} />
          {after}
        </p>
      ) : (
        <form method="post" action={action} class="form">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <div class={messages.length > 0 ? 'field field--error' : 'field'}>
            {messages.map((message, index) => (
              <p key={index} class="field__error">
                {message}
              </p>
            ))}
            <label class="check">
              <input type="checkbox" name="confirm" value="1" id="field-confirm" /> {t('desk.delete.confirm', { what })}
            </label>
          </div>
          <p>
            <button type="submit" class="button button--danger">
              {t('desk.delete.button')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
