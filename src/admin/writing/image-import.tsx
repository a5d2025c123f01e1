import type { ImageImportResult } from '../../issues/story-images.service.js';
import { externalImages } from '../../lib/media-urls.js';
import { useLocale } from '../../web/locale.js';
import { ActionButton } from '../forms.js';

// The story page's "Import external images" box (issues/story-images.service.ts): the button, and
// after a run what was imported and why the rest stayed external.

/** Shown when the stored body has external images, or right after an import. */
export function ImageImportPanel({ action, csrf, markdown, result, mayImport }: { action: string; csrf: string; markdown: string; result?: ImageImportResult | undefined; mayImport: boolean }) {
  const { t } = useLocale();
  const external = externalImages(markdown);
  if (external.length === 0 && !result) return null;
  return (
    <section class="image-import" aria-labelledby="image-import-heading">
      <h2 id="image-import-heading">{t('deskWriting.importHeading')}</h2>
      {result ? (
        <div role="status">
          <p>
            <strong>{t('deskWriting.importResultHeading')}</strong>
          </p>
          {result.imported.length + result.failed.length === 0 ? <p>{t('deskWriting.nothingToImport')}</p> : null}
          <ul>
            {result.imported.map((entry) => (
              <li key={entry.url} class="image-import__done">
                {t('deskWriting.imported', { url: entry.url })}
              </li>
            ))}
            {result.failed.map((entry) => (
              <li key={entry.url} class="image-import__failed" data-reason={entry.reason}>
                {t('deskWriting.importFailed', { url: entry.url, reason: t('deskWriting.reason', { reason: entry.reason }) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {external.length > 0 ? <p>{t('deskWriting.importText')}</p> : null}
      {external.length > 0 && mayImport ? <ActionButton action={action} csrf={csrf} label={t('deskWriting.importButton')} /> : null}
    </section>
  );
}
