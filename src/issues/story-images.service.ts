import type { Actor } from '../activity/activity.js';
import { recordActivity } from '../activity/activity.service.js';
import { joinBody } from '../content/body.js';
import type { Database } from '../db/database.js';
import { enqueueJob, PermanentJobFailure, type JobHandlers } from '../jobs/jobs.service.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { FetchFailed, type SafeFetcher } from '../lib/safe-fetch.js';
import { MAX_UPLOAD_BYTES } from '../media/media.js';
import { MediaRefusal, mediaPath, parseMediaText, uploadMedia } from '../media/media.service.js';
import type { Story, StoryDraft } from '../stories/stories.js';
import type { ChangeRights } from './publicity.service.js';
import { getEditableStory, updateStory } from './story-editing.service.js';

// External images in a story's body (`![alt](https://…)`), imported: each fetched once through
// the one SSRF-guarded fetch (lib/safe-fetch.ts), checked and stored exactly like an upload
// (media/: type from the bytes, size, pixels, alt text, EXIF dropped), and the body rewritten to
// the local copy. An image that fails stays external (the edit page keeps flagging it) and the
// result says why. Saving a story with external images queues a job (`story.import-images`), so a
// slow foreign host never holds the save; the story page's "Import external images" button runs
// the same import at once and shows the result.

/** The job a save queues when the body has external images. */
export const IMPORT_IMAGES_JOB = 'story.import-images';

/** At most this many images per run (the rest wait for the next one). */
export const MAX_IMAGES_PER_RUN = 20;
const FETCH_TIMEOUT_MS = 10_000;

/** What an import needs: the database, the clock, the guarded fetcher and the media directory. */
export interface ImageImportDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly fetcher: SafeFetcher;
  readonly mediaDir: string;
}

/** Why an image stayed external: a fetch failure, a non-200 answer, or an upload refusal's code. */
export type ImageImportFailure = FetchFailed['reason'] | 'status' | MediaRefusal['refusal'] | 'other';

export interface ImageImportResult {
  readonly imported: readonly { url: string; path: string }[];
  readonly failed: readonly { url: string; reason: ImageImportFailure; message: string }[];
}

/** One external image in Markdown: its address and its (first) alt text. */
interface ExternalImage {
  readonly url: string;
  readonly alt: string;
}

const IMAGE = /!\[((?:[^\]\\]|\\.)*)\]\(\s*<?(https?:\/\/[^\s)>]+)>?/gi;

/** The body's external Markdown images, once each, in order. */
export function externalMarkdownImages(markdown: string): ExternalImage[] {
  const found = new Map<string, string>();
  for (const match of markdown.matchAll(IMAGE)) {
    const url = match[2]!;
    if (!found.has(url)) found.set(url, match[1]!.replace(/\\(.)/g, '$1'));
  }
  return [...found].map(([url, alt]) => ({ url, alt }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The body with each image (not link) of `url` pointing at `path` instead. */
export function rewriteImage(markdown: string, url: string, path: string): string {
  const pattern = new RegExp(`(!\\[(?:[^\\]\\\\]|\\\\.)*\\]\\(\\s*)<?${escapeRegExp(url)}>?(?=[\\s)])`, 'g');
  return markdown.replace(pattern, `$1${path}`);
}

function draftOf(story: Story, body: string): StoryDraft {
  return {
    slug: story.slug,
    title: story.title,
    kind: story.kind,
    body,
    topics: story.topics.map((topic) => topic.slug),
    sectors: story.sectors.map((sector) => sector.slug),
    organizations: story.organizations.join('\n'),
    leadImage: story.leadImage?.path ?? '',
    sources: story.sources.map((s) => ({ author: s.author ?? '', title: s.title ?? '', outlet: s.outlet, publishedOn: s.publishedOn ?? '', url: s.url ?? '' })),
  };
}

async function importOne(deps: ImageImportDeps, actor: Actor, image: ExternalImage): Promise<{ path: string } | { reason: ImageImportFailure; message: string }> {
  try {
    // The texts first: an image without alt text is not fetched at all.
    const text = parseMediaText({ alt: image.alt });
    const answer = await deps.fetcher.fetch(image.url, { maxBytes: MAX_UPLOAD_BYTES, timeoutMs: FETCH_TIMEOUT_MS, accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif' });
    if (answer.status !== 200) return { reason: 'status', message: `answered ${answer.status}` };
    const { item } = await uploadMedia(deps.db, deps.clock, deps.mediaDir, actor, { bytes: answer.body, ...text });
    return { path: mediaPath(item) };
  } catch (error) {
    if (error instanceof FetchFailed) return { reason: error.reason, message: error.message };
    if (error instanceof MediaRefusal) return { reason: error.refusal, message: error.message };
    return { reason: 'other', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Imports the external images of the story at `slug` and saves the rewritten body (as `actor`,
 * with the activity logged). Images that fail stay as they are. A save by someone else between
 * the fetch and the save is not overwritten: the rewrite is applied to their version.
 */
export async function importStoryImages(deps: ImageImportDeps, actor: Actor, slug: string, rights: ChangeRights): Promise<ImageImportResult> {
  const { story } = await getEditableStory(deps.db, slug);
  const images = externalMarkdownImages(joinBody(story.body)).slice(0, MAX_IMAGES_PER_RUN);
  const imported: { url: string; path: string }[] = [];
  const failed: { url: string; reason: ImageImportFailure; message: string }[] = [];
  for (const image of images) {
    const outcome = await importOne(deps, actor, image);
    if ('path' in outcome) imported.push({ url: image.url, path: outcome.path });
    else failed.push({ url: image.url, ...outcome });
  }
  if (imported.length > 0) {
    for (let attempt = 0; ; attempt += 1) {
      const current = attempt === 0 ? story : (await getEditableStory(deps.db, slug)).story;
      const body = imported.reduce((text, { url, path }) => rewriteImage(text, url, path), joinBody(current.body));
      try {
        await updateStory(deps.db, deps.clock, actor, slug, draftOf(current, body), { ...rights, expectedUpdatedAt: current.updatedAt });
        break;
      } catch (error) {
        if (!(error instanceof Conflict) || attempt >= 2) throw error;
      }
    }
  }
  if (failed.length > 0) {
    const detail = failed.map((entry) => `${entry.url}: ${entry.reason}`).join('; ').slice(0, 1000);
    await recordActivity(deps.db, deps.clock, actor, 'story.images-external', { type: 'story', id: story.id, label: slug }, detail);
  }
  return { imported, failed };
}

/** Queues the import of a just-saved story's external images (nothing when it has none). */
export async function queueStoryImageImport(db: Database, clock: Clock, actor: Actor, slug: string, body: string, rights: ChangeRights): Promise<boolean> {
  if (externalMarkdownImages(body).length === 0) return false;
  await enqueueJob(db, clock, IMPORT_IMAGES_JOB, { slug, actor, mayChangePublic: rights.mayChangePublic });
  return true;
}

interface ImportPayload {
  readonly slug: string;
  readonly actor: Actor;
  readonly mayChangePublic: boolean;
}

function isPayload(payload: unknown): payload is ImportPayload {
  const value = payload as Partial<ImportPayload> | null;
  return typeof value?.slug === 'string' && typeof value.actor === 'object' && value.actor !== null && typeof value.mayChangePublic === 'boolean';
}

/** The worker's handler of `story.import-images`; `enabled: false` (IMPORT_EXTERNAL_IMAGES=0) leaves the images external. */
export function storyImageJobHandlers(deps: ImageImportDeps, options: { enabled: boolean } = { enabled: true }): JobHandlers {
  return {
    [IMPORT_IMAGES_JOB]: async (payload) => {
      if (!isPayload(payload)) throw new PermanentJobFailure('story.import-images: the payload names no story');
      if (!options.enabled) return;
      try {
        await importStoryImages(deps, payload.actor, payload.slug, { mayChangePublic: payload.mayChangePublic });
      } catch (error) {
        // Renamed or deleted since the save: the next save queues it again.
        if (error instanceof NotFound) return;
        throw error;
      }
    },
  };
}
