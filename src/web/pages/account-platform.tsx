import type { FormErrors } from '../../lib/form-errors.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { ROLE_MAX_LENGTH } from '../../members/members.js';
import type { Suggestion } from '../../organizations/suggestions.js';
import { formatInteger } from '../../i18n/format.js';
import { useLocale } from '../locale.js';
import { catalogMatcher } from './form-text.js';

// The account page's part of the innovation platform (issue 17): the contact's role (job title),
// which an innovator learns only once both sides of an introduction said yes, and, for members,
// the innovators suggested for their company, each with why.

const roleMatcher = catalogMatcher('innovationPlatform.error.');

/** The "Your role" form of /account; `value` is what was typed when it failed. */
export function AccountRoleSection({ csrf, value, saved, errors }: { csrf: string; value: string; saved: boolean; errors?: FormErrors | undefined }) {
  const locale = useLocale();
  const { t } = locale;
  const shown = (errors?.fields.role ?? []).map((message) => roleMatcher(t, message, (text) => (/^\d+$/.test(text) ? formatInteger(locale.language, Number(text)) : text)) ?? message);
  return (
    <section aria-labelledby="role-heading">
      <h2 id="role-heading">{t('innovationPlatform.role.heading')}</h2>
      {saved ? (
        <p class="flash" role="status">
          {t('innovationPlatform.role.saved')}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <div class="error-summary" role="alert">
          <p>{shown[0]}</p>
        </div>
      ) : null}
      <form method="post" action={locale.path('/account/role')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <div class={shown.length > 0 ? 'field field--error' : 'field'}>
          <label for="field-role">{t('innovationPlatform.role.label')}</label>
          <p class="field__hint" id="hint-role">
            {t('innovationPlatform.role.hint')}
          </p>
          {shown.map((message) => (
            <p class="field__error" id="error-role">
              {message}
            </p>
          ))}
          <input
            id="field-role"
            name="role"
            type="text"
            autoComplete="organization-title"
            maxLength={ROLE_MAX_LENGTH}
            value={value}
            aria-invalid={shown.length > 0 ? 'true' : undefined}
            aria-describedby={shown.length > 0 ? 'hint-role error-role' : 'hint-role'}
          />
        </div>
        <button type="submit" class="button">
          {t('innovationPlatform.role.save')}
        </button>
      </form>
    </section>
  );
}

/** The innovators suggested for a member's company, best first, each with why; links go to the profile's request form. */
export function AccountSuggestionsSection({ suggestions }: { suggestions: readonly Suggestion[] }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <section aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('innovationPlatform.suggestions.heading')}</h2>
      <p>{t('innovationPlatform.suggestions.lede')}</p>
      {suggestions.length === 0 ? (
        <p>{t('innovationPlatform.suggestions.empty')}</p>
      ) : (
        <ol class="suggestions">
          {suggestions.map((suggestion) => (
            <li>
              <a href={locale.path(`/innovators/${suggestion.slug}`)}>{suggestion.name}</a>
              <ul>
                {suggestion.parts.map((part) => (
                  <li>{t('innovationPlatform.suggestions.why', { part: part.key, names: part.names.join(', '), points: formatInteger(locale.language, part.points) })}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={locale.path('/innovators')}>{t('innovationPlatform.toInnovators')}</a>
      </p>
    </section>
  );
}
