import type { MediaItem } from '../../media/media.js';
import { mediaPath } from '../../media/media.service.js';
import { externalImages } from '../../lib/media-urls.js';
import { useLocale } from '../../web/locale.js';
import { SelectField, type FormErrors } from '../forms.js';

// Parts of editing pages about images: the lead image choice and the warning about external
// images left in a body.

/** A select of the uploaded images (newest first), with "None"; the current choice stays listed. */
export function LeadImageField({ value, images, errors, name = 'lead_image' }: { value: string; images: readonly MediaItem[]; errors: FormErrors | undefined; name?: string }) {
  const { t } = useLocale();
  const options = [{ value: '', label: t('deskMedia.noLeadImage') }, ...images.map((item) => ({ value: mediaPath(item), label: item.alt }))];
  if (value !== '' && !options.some((option) => option.value === value)) options.push({ value, label: value });
  return <SelectField name={name} label={t('deskMedia.leadImage')} value={value} options={options} errors={errors} hint={t('deskMedia.leadImageHint')} />;
}

/** The external images a body shows, with why they should be uploaded instead; nothing when there are none. */
export function ExternalImagesWarning({ markdown }: { markdown: string }) {
  const { t } = useLocale();
  const found = externalImages(markdown);
  if (found.length === 0) return null;
  return (
    <div class="attention external-images" role="note" aria-labelledby="external-images-heading">
      <h2 id="external-images-heading">{t('deskMedia.externalHeading')}</h2>
      <p>{t('deskMedia.externalText')}</p>
      <ul>
        {found.map((url) => (
          <li key={url}>
            <code>{url}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
