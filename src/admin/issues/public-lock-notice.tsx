import { lockSentences, type PublicLock } from '../../issues/publicity.service.js';
import { useLocale } from '../../web/locale.js';
import { SaveBar } from '../forms.js';

// The edit pages of stories, events, programs, reports and issues say up front when the one
// looking may not change what they see (it is public, and they do not hold publish_content),
// instead of inviting an edit the service will refuse. They leave out Save then.

/** Why this is locked for you and what to do; nothing when it is not. */
export function PublicLockNotice({ lock }: { lock: PublicLock | undefined }) {
  const locale = useLocale();
  if (!lock) return null;
  const { why, whatToDo } = lockSentences(locale.language, lock.facts);
  return (
    <div class="attention" role="note" id="public-lock">
      <p>
        <strong>{why}</strong> {whatToDo} {locale.t('desk.lock.readOnly')}
      </p>
    </div>
  );
}

/** Save and Preview; only Preview (it saves nothing) when the one looking may not change this. */
export function SaveBarUnlessLocked({ lock, previewLabel }: { lock: PublicLock | undefined; previewLabel?: string }) {
  const { t } = useLocale();
  if (!lock) return <SaveBar previewLabel={previewLabel} />;
  return (
    <div class="actions">
      <button type="submit" name="op" value="preview" class="button button--quiet" formNoValidate>
        {previewLabel ?? t('desk.forms.preview')}
      </button>
    </div>
  );
}
