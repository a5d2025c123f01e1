import { buildApp, type App } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/lib/clock.js';
import { fixedClock } from '../../src/lib/clock.js';

export const TEST_SITE_URL = 'http://insights.test';

/** The real app on a test database, silent, at a fixed time unless a clock is given. */
export async function createTestApp(db: Database, options: { clock?: Clock; siteUrl?: string } = {}): Promise<App> {
  const app = await buildApp({
    config: {
      siteUrl: options.siteUrl ?? TEST_SITE_URL,
      logLevel: 'silent',
      siteName: 'Innovation Insights',
      contactEmail: 'innovation@example.org',
    },
    db,
    clock: options.clock ?? fixedClock('2026-11-28T12:00:00Z'),
  });
  await app.http.ready();
  return app;
}

/** The visible text of an HTML page: tags removed, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return decodeHtml(
    html
      .replace(/<head[\s\S]*?<\/head>/i, ' ')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Decodes the entities our renderers produce (named basics and numeric). */
export function decodeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}
