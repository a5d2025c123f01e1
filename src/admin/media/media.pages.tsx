import type { MediaItem } from '../../media/media.js';
import { MAX_ALT, MAX_CAPTION, MAX_CREDIT, MAX_UPLOAD_BYTES } from '../../media/media.js';
import { mediaMarkdown } from '../../media/media.service.js';
import { mediaPath as widthPath } from '../../lib/media-urls.js';
import { formatInteger } from '../../i18n/format.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, TextField, type FormErrors } from '../forms.js';

/** What the upload form was sent with, to show again after a refusal. */
export interface MediaFormValues {
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

const EMPTY: MediaFormValues = { alt: '', caption: '', credit: '' };

function TextFields({ ctx, values, errors }: { ctx: StaffContext; values: MediaFormValues; errors: FormErrors | undefined }) {
  const { t } = ctx.locale;
  return (
    <>
      <TextField name="alt" label={t('deskMedia.alt')} value={values.alt} required errors={errors} hint={t('deskMedia.altHint', { max: String(MAX_ALT) })} />
      <TextField name="caption" label={t('deskMedia.caption')} value={values.caption} errors={errors} hint={t('deskMedia.captionHint', { max: String(MAX_CAPTION) })} />
      <TextField name="credit" label={t('deskMedia.credit')} value={values.credit} errors={errors} hint={t('deskMedia.creditHint', { max: String(MAX_CREDIT) })} />
    </>
  );
}

/** A small version of an image (the smallest width). */
function Thumb({ item }: { item: MediaItem }) {
  return <img class="media-thumb" src={widthPath(item.hash, item.widths[0]!, item.ext)} alt={item.alt} width={160} loading="lazy" />;
}

/** `/admin/media`: the upload form and the images there are, each with the Markdown that shows it. */
export function MediaListPage({ ctx, items, total, errors, values }: { ctx: StaffContext; items: readonly MediaItem[]; total: number; errors?: FormErrors; values?: MediaFormValues }) {
  const { t, language } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskMedia.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/media">
      <h1>{t('deskMedia.title')}</h1>
      <p>{t('deskMedia.intro')}</p>
      {ctx.can('draft_content') ? (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading">{t('deskMedia.uploadHeading')}</h2>
          <ErrorSummary errors={errors} />
          <Form action="/admin/media" csrf={ctx.csrf} multipart>
            <div class={errors?.fields.file ? 'field field--error' : 'field'}>
              <label for="field-file">{t('deskMedia.file')}</label>
              <p class="field__hint" id="hint-file">
                {t('deskMedia.fileHint', { limit: String(MAX_UPLOAD_BYTES / 1024 / 1024) })}
              </p>
              {(errors?.fields.file ?? []).map((message, index) => (
                <p key={index} class="field__error" id={index === 0 ? 'error-file' : undefined}>
                  {message}
                </p>
              ))}
              <input id="field-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" required aria-describedby="hint-file" aria-invalid={errors?.fields.file ? 'true' : undefined} />
            </div>
            <TextFields ctx={ctx} values={values ?? EMPTY} errors={errors} />
            <p class="actions">
              <button type="submit" class="button">
                {t('deskMedia.upload')}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
      <h2>{t('deskMedia.listHeading', { count: total, total: formatInteger(language, total) })}</h2>
      {items.length === 0 ? (
        <p>{t('deskMedia.none')}</p>
      ) : (
        <table class="table media-table">
          <thead>
            <tr>
              <th scope="col">{t('deskMedia.image')}</th>
              <th scope="col">{t('deskMedia.alt')}</th>
              <th scope="col">{t('deskMedia.markdown')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.hash}>
                <td>
                  <a href={`/admin/media/${item.hash}`}>
                    <Thumb item={item} />
                  </a>
                </td>
                <td>
                  <a href={`/admin/media/${item.hash}`}>{item.alt}</a>
                  <br />
                  {t('deskMedia.size', { width: String(item.width), height: String(item.height) })}
                </td>
                <td>
                  <code class="media-markdown">{mediaMarkdown(item)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** `/admin/media/<hash>`: one image, its texts to change, the Markdown and addresses that show it. */
export function MediaEditPage({ ctx, item, errors, values }: { ctx: StaffContext; item: MediaItem; errors?: FormErrors; values?: MediaFormValues }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskMedia.editTitle', { alt: item.alt })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/media">
      <p>
        <a href="/admin/media">← {t('deskMedia.title')}</a>
      </p>
      <h1>{t('deskMedia.editTitle', { alt: item.alt })}</h1>
      <p>
        <img class="media-preview" src={widthPath(item.hash, item.widths[Math.min(1, item.widths.length - 1)]!, item.ext)} alt={item.alt} />
      </p>
      <p>{t('deskMedia.size', { width: String(item.width), height: String(item.height) })}</p>
      <p>
        {t('deskMedia.markdownHint')} <code class="media-markdown">{mediaMarkdown(item)}</code>
      </p>
      {ctx.can('draft_content') ? (
        <>
          <ErrorSummary errors={errors} />
          <Form action={`/admin/media/${item.hash}`} csrf={ctx.csrf}>
            <TextFields ctx={ctx} values={values ?? item} errors={errors} />
            <p class="actions">
              <button type="submit" class="button">
                {t('deskMedia.save')}
              </button>
            </p>
          </Form>
        </>
      ) : null}
    </AdminLayout>
  );
}
