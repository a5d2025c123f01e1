import type { MediaItem } from '../../media/media.js';
import { mediaMarkdown } from '../../media/media.service.js';
import { WRITING_SCRIPT } from '../../web/assets.js';
import { useLocale } from '../../web/locale.js';

// The writing surface over a Markdown body's textarea (web/assets/writing.js does the work).
// Rendered hidden: without JavaScript the page is today's textarea and nothing else; the script
// shows the toolbar, moves it above the textarea and wires the buttons and shortcuts. Every label
// comes from the catalogs here, so the script carries no text of its own.

const BUTTONS = [
  { action: 'bold', label: 'deskWriting.bold', face: 'B', shortcut: 'Control+B' },
  { action: 'italic', label: 'deskWriting.italic', face: 'I', shortcut: 'Control+I' },
  { action: 'heading', label: 'deskWriting.heading', face: 'H', shortcut: undefined },
  { action: 'list', label: 'deskWriting.list', face: '•', shortcut: undefined },
  { action: 'numbered', label: 'deskWriting.numbered', face: '№', shortcut: undefined },
  { action: 'link', label: 'deskWriting.link', face: '🔗', shortcut: 'Control+K' },
  { action: 'quote', label: 'deskWriting.quote', face: '❝', shortcut: undefined },
] as const;

/** The toolbar for the textarea with id `textareaId`, the members-only status line, and the script. */
export function WritingToolbar({ textareaId, images = [], membersOnly = true }: { textareaId: string; images?: readonly MediaItem[]; membersOnly?: boolean }) {
  const { t } = useLocale();
  const statusId = `${textareaId}-writing-status`;
  return (
    <>
      <div class="writing__toolbar" role="toolbar" aria-label={t('deskWriting.toolbar')} aria-controls={textareaId} data-writing-for={textareaId} data-writing-status={membersOnly ? statusId : undefined} hidden>
        {BUTTONS.map((button) => (
          <button key={button.action} type="button" class="writing__button" data-md={button.action} aria-label={t(button.label)} title={t(button.label)} aria-keyshortcuts={button.shortcut}>
            <span aria-hidden="true">{button.face}</span>
          </button>
        ))}
        {membersOnly ? (
          <button type="button" class="writing__button writing__button--members" data-md="members-only" aria-label={t('deskWriting.membersOnlyLabel')} title={t('deskWriting.membersOnlyLabel')}>
            {t('deskWriting.membersOnly')}
          </button>
        ) : null}
        {images.length > 0 ? (
          <span class="writing__image">
            <select data-md-image aria-label={t('deskWriting.image')}>
              <option value="">{t('deskWriting.imageChoose')}</option>
              {images.map((image) => (
                <option key={image.hash} value={mediaMarkdown(image)}>
                  {image.alt}
                </option>
              ))}
            </select>
            <button type="button" class="writing__button" data-md="image">
              {t('deskWriting.imageInsert')}
            </button>
          </span>
        ) : null}
        <span class="writing__hint">{t('deskWriting.pasteHint')}</span>
      </div>
      {membersOnly ? <p id={statusId} class="writing__status" role="status" data-at={t('deskWriting.statusAt', { line: '{line}' })} data-none={t('deskWriting.statusNone')} hidden /> : null}
      <script src={WRITING_SCRIPT} defer />
    </>
  );
}
