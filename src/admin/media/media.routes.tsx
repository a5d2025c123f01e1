import { z } from 'zod';
import type { Translate } from '../../i18n/messages.js';
import { MAX_UPLOAD_BYTES } from '../../media/media.js';
import { editMediaText, getMedia, listMedia, MediaRefusal, uploadMedia } from '../../media/media.service.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { staffRoute, uploadRoute, type AdminRoute } from '../admin-route.js';
import { MediaEditPage, MediaListPage, type MediaFormValues } from './media.pages.js';

// The desk's images: upload (multipart, a file size limit of its own), the list, and each
// image's alt text, caption and credit.

const PAGE_SIZE = 60;

/** The upload as @fastify/multipart attaches it: the file as a Buffer, fields as strings. */
const uploadForm = z.object({
  file: z.instanceof(Buffer).optional().catch(undefined),
  alt: z.string().max(10_000).catch(''),
  caption: z.string().max(10_000).catch(''),
  credit: z.string().max(10_000).catch(''),
});

const textForm = z.object({ alt: z.string().catch(''), caption: z.string().catch(''), credit: z.string().catch('') });

/** A refusal as form errors, in the desk's language, on the field it is about. */
export function refusalErrors(t: Translate, refusal: MediaRefusal): FormErrors {
  const field = refusal.refusal === 'alt_missing' ? 'alt' : refusal.refusal === 'too_long' ? (refusal.params.field ?? 'alt') : 'file';
  const message = t('deskMedia.refused', { reason: refusal.refusal, ...refusal.params });
  return { message: t('deskMedia.refusedSummary'), fields: { [field]: [message] } };
}

function valuesOf(form: { alt: string; caption: string; credit: string }): MediaFormValues {
  return { alt: form.alt, caption: form.caption, credit: form.credit };
}

export const mediaRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/media', 'view_desk', async (ctx) => {
    const { items, total } = await listMedia(ctx.deps.db, { limit: PAGE_SIZE, offset: 0 });
    return ctx.page(<MediaListPage ctx={ctx} items={items} total={total} />);
  }),

  // The parser's own limit is a little above ours, so a file just too large gets the form back with a message.
  uploadRoute(
    '/admin/media',
    'draft_content',
    async (ctx) => {
      const form = uploadForm.parse(ctx.request.body ?? {});
      try {
        const { item, existed } = await uploadMedia(ctx.deps.db, ctx.deps.clock, ctx.deps.mediaDir, ctx.actor, { bytes: form.file ?? Buffer.alloc(0), alt: form.alt, caption: form.caption, credit: form.credit });
        return ctx.redirect(`/admin/media/${item.hash}`, ctx.locale.t(existed ? 'deskMedia.existed' : 'deskMedia.uploaded'));
      } catch (error) {
        if (!(error instanceof MediaRefusal)) throw error;
        const { items, total } = await listMedia(ctx.deps.db, { limit: PAGE_SIZE, offset: 0 });
        return ctx.page(<MediaListPage ctx={ctx} items={items} total={total} errors={refusalErrors(ctx.locale.t, error)} values={valuesOf(form)} />, 400);
      }
    },
    { maxBytes: MAX_UPLOAD_BYTES + 1024 * 1024 },
  ),

  staffRoute('GET', '/admin/media/:hash', 'view_desk', async (ctx) => {
    const item = await getMedia(ctx.deps.db, String((ctx.request.params as { hash?: unknown }).hash ?? ''));
    return ctx.page(<MediaEditPage ctx={ctx} item={item} />);
  }),

  staffRoute('POST', '/admin/media/:hash', 'draft_content', async (ctx) => {
    const hash = String((ctx.request.params as { hash?: unknown }).hash ?? '');
    const form = textForm.parse(ctx.request.body ?? {});
    try {
      await editMediaText(ctx.deps.db, ctx.deps.clock, ctx.actor, hash, form);
      return ctx.redirect(`/admin/media/${hash}`, ctx.locale.t('deskMedia.saved'));
    } catch (error) {
      if (!(error instanceof MediaRefusal)) throw error;
      const item = await getMedia(ctx.deps.db, hash);
      return ctx.page(<MediaEditPage ctx={ctx} item={item} errors={refusalErrors(ctx.locale.t, error)} values={valuesOf(form)} />, 400);
    }
  }),
];
