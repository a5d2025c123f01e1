import type { EditionLink, LinkItemKind } from '../../engagement/engagement.js';
import { linkPlaceholder } from './placeholders.js';

// Click tracking at compile time (issue 20): every link of a compiled edition is numbered once
// per delivery and language and replaced by a link placeholder; the sender fills in each
// recipient's `/r/<token>` when it assembles the message (placeholders.ts), so nothing is
// compiled per recipient. Never numbered: unsubscribe, preference and introduction-decision
// links (their own signed tokens; a redirect in front of them would make scanners' fetches
// look like the person's), mailto: and anything not http(s).

/** What an item's links are counted under. */
export interface LinkItem {
  readonly kind: LinkItemKind;
  readonly slug: string;
}

/** Numbers links as the edition is written. */
export interface Linker {
  /** The link's placeholder (tracking on and a trackable address), else the address itself. */
  track(url: string, item: LinkItem | null, label: string): string;
  /** Every `href="…"` in sanitised HTML through `track`. */
  trackHtml(html: string, item: LinkItem | null): string;
  /** Every http(s) address in plain text through `track`. */
  trackText(text: string, item: LinkItem | null): string;
  readonly links: readonly EditionLink[];
}

const NEVER = /^\/(?:(?:de|zh)\/)?(?:unsubscribe|account|introductions|subscribe\/confirm|login\/)/;

const unescapeAttribute = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** A linker for one compile; `enabled` false (the site switched tracking off) leaves every link direct. */
export function createLinker(enabled: boolean): Linker {
  const links: EditionLink[] = [];
  const known = new Map<string, number>();
  const trackable = (url: string): boolean => {
    if (!/^https?:\/\//i.test(url)) return false;
    try {
      return !NEVER.test(new URL(url).pathname);
    } catch {
      return false;
    }
  };
  const track = (url: string, item: LinkItem | null, label: string): string => {
    if (!enabled || !trackable(url)) return url;
    const key = `${item?.kind ?? ''}:${item?.slug ?? ''}\u0000${url}`;
    let index = known.get(key);
    if (index === undefined) {
      index = links.length;
      known.set(key, index);
      links.push({ index, url, itemKind: item?.kind ?? null, itemSlug: item?.slug ?? null, label: label.replace(/\s+/g, ' ').trim().slice(0, 200) });
    }
    return linkPlaceholder(index);
  };
  return {
    links,
    track,
    trackHtml: (html, item) =>
      enabled
        ? html.replace(/(<a\s[^>]*?href=")([^"]*)("[^>]*>)([\s\S]*?)(<\/a>)/gi, (all, before: string, href: string, after: string, inner: string, close: string) => {
            const url = unescapeAttribute(href);
            const replaced = track(url, item, inner.replace(/<[^>]+>/g, ''));
            return replaced === url ? all : `${before}${replaced}${after}${inner}${close}`;
          })
        : html,
    trackText: (text, item) => (enabled ? text.replace(/https?:\/\/[^\s)<>\]"]+/g, (url) => track(url, item, '')) : text),
  };
}
