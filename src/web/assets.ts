import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LANGUAGE_OFFER_JS, LANGUAGE_OFFER_SCRIPT } from './language-offer-script.js';
import { EVENT_TIMES_JS } from './pages/event-times-script.js';
import { EVENT_TIMES_SCRIPT } from './pages/events.page.js';
import { COMPOSER_JS, COMPOSER_SCRIPT } from './composer-script.js';

// The site's static files, read once at start. Stylesheets and the desk's script have a content
// fingerprint in their name and are cached for a year; the rest for a shorter while.

/** One static file as it is served. */
interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** The static files by path, and the fingerprinted paths pages link to. */
export interface Assets {
  readonly files: ReadonlyMap<string, Asset>;
  readonly stylesheetPath: string;
  readonly adminStylesheetPath: string;
  readonly adminScriptPath: string;
}

/** The desk's writing surface (Markdown toolbar, paste, slug from title): linked by the pages with a body to edit. */
export const WRITING_SCRIPT = '/assets/writing.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Reads the stylesheets, the desk's script and the icon. */
export function loadAssets(): Assets {
  const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));
  const fingerprint = (content: Buffer) => createHash('sha1').update(content).digest('hex').slice(0, 10);
  const css = read('site.css');
  const adminCss = read('admin.css');
  const adminJs = read('admin.js');
  const icon = read('favicon.svg');
  const writingJs = read('writing.js');
  const stylesheetPath = `/assets/site.${fingerprint(css)}.css`;
  const adminStylesheetPath = `/assets/admin.${fingerprint(adminCss)}.css`;
  const adminScriptPath = `/assets/admin.${fingerprint(adminJs)}.js`;
  const files = new Map<string, Asset>([
    [stylesheetPath, { body: css, contentType: 'text/css; charset=utf-8', cacheControl: IMMUTABLE }],
    [adminStylesheetPath, { body: adminCss, contentType: 'text/css; charset=utf-8', cacheControl: IMMUTABLE }],
    [adminScriptPath, { body: adminJs, contentType: 'text/javascript; charset=utf-8', cacheControl: IMMUTABLE }],
    [COMPOSER_SCRIPT, { body: COMPOSER_JS, contentType: 'text/javascript; charset=utf-8', cacheControl: IMMUTABLE }],
    [EVENT_TIMES_SCRIPT, { body: Buffer.from(EVENT_TIMES_JS), contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=3600' }],
    [LANGUAGE_OFFER_SCRIPT, { body: Buffer.from(LANGUAGE_OFFER_JS), contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=3600' }],
    [WRITING_SCRIPT, { body: writingJs, contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=3600' }],
    ['/favicon.svg', { body: icon, contentType: 'image/svg+xml', cacheControl: 'public, max-age=86400' }],
    ['/favicon.ico', { body: icon, contentType: 'image/svg+xml', cacheControl: 'public, max-age=86400' }],
  ]);
  return { files, stylesheetPath, adminStylesheetPath, adminScriptPath };
}
