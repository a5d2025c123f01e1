import type { SettingsSeed } from '../../config.js';
import type { Executor } from '../../db/database.js';
import { DEFAULT_LANGUAGE, pathIn, type Language } from '../../i18n/languages.js';
import { translator } from '../../i18n/messages.js';
import { translateIssue } from '../../issues/issue-translation.service.js';
import { previewIssue } from '../../issues/issue-editing.service.js';
import { footerOf, getSiteSettings, siteBranding } from '../../settings/settings.service.js';
import type { Edition } from '../delivery.js';
import { compileEdition } from '../render/edition.js';
import { prepareEdition } from '../render/placeholders.js';

// The desk's look at an email edition before any send: the issue (a draft too) overlaid with its
// translation, compiled by the same compileEdition a send uses, with the same footer and
// branding, then personalised with sample values. Nothing is stored or sent.

/** One edition in one language, as a reader without a name would get it. */
export interface EditionPreview {
  readonly subject: string;
  /** The HTML part; the charts it shows by Content-ID are inlined as data: URLs. */
  readonly html: string;
  readonly text: string;
}

/** Compiles the preview of `edition` of the issue `slug` in `language`. NotFound when there is no such issue. */
export async function previewEdition(
  env: { readonly db: Executor; readonly site: { readonly name: string; readonly url: string; readonly settingsSeed?: SettingsSeed } },
  input: { readonly slug: string; readonly edition: Edition; readonly language: Language },
): Promise<EditionPreview> {
  const loaded = await previewIssue(env.db, input.slug);
  const settings = await getSiteSettings(env.db, env.site);
  const branding = await siteBranding(env.db, settings);
  const translated = input.language === DEFAULT_LANGUAGE ? loaded : (await translateIssue(env.db, loaded, input.language)).loaded;
  const template = await compileEdition(translated, input.edition, env.site, input.language, footerOf(settings, env.site.url, input.language), branding);
  const { html, text } = prepareEdition(template).personalise({
    greeting: translator(input.language)('email.greeting.anonymous'),
    web_url: `${env.site.url}${pathIn(input.language, `/issues/${input.slug}`)}`,
    unsubscribe_url: '#',
    preferences_url: '#',
  });
  // A sandboxed frame cannot resolve cid: links; the same PNGs go in as data: URLs.
  const inlined = (template.images ?? []).reduce((out, image) => out.split(`cid:${image.cid}`).join(`data:${image.contentType};base64,${image.content.toString('base64')}`), html);
  return { subject: template.subject, html: inlined, text };
}
