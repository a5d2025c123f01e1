import { randomBytes } from 'node:crypto';
import { createContext, type ComponentChildren, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import { render } from 'preact-render-to-string';
import { LocaleContext, type Locale } from './locale.js';
import { ViewerContext, type Viewer } from './viewer.js';

// The few personal parts of an `audience` page: the header's account buttons with their CSRF
// token, the notice that says why a contact sees the shortened version, an event's or a
// program's registration panel, the notice after registering. A signed-in contact's page is
// rendered once per audience (member, or signed-in non-member) and content version, with each
// personal part left open as a marker; every request fills the markers for its own viewer. The
// public render has no markers: there every part is rendered in place, for nobody.
//
// A marker carries this process's random nonce, so no text from content (escaped, and without
// the nonce) can fake one; and what fills it is rendered from the request's own viewer only.

/** The personal parts a page may leave open, each with the props its filler needs. */
export interface PersonalParts {
  'site-actions': Record<string, never>;
  'members-notice': { what: 'issue' | 'story' | 'event' | 'program' | 'organization'; contactEmail: string | null };
  'event-registration': { slug: string };
  'event-notice': Record<string, never>;
  'program-registration': { slug: string };
  /** An innovator profile's introduction request part (web/pages/introduction-request.tsx), by the organisation's slug. */
  'introduction-request': { slug: string };
}

export type PersonalPartName = keyof PersonalParts;

const NONCE = randomBytes(12).toString('hex');
const MARKER = new RegExp(`<ii-part data-name="([a-z-]+)" data-props="([^"]*)" data-nonce="${NONCE}"></ii-part>`, 'g');

/** Set while a page is rendered as a template for an audience. */
const TemplateContext = createContext(false);

/** Renders a page as a template: personal parts become markers. */
export function renderTemplate(page: VNode): string {
  return render(<TemplateContext.Provider value={true}>{page}</TemplateContext.Provider>);
}

/**
 * A personal part of a page: in place (its children, rendered for whoever the page is for) or,
 * in a template, a marker that `fillPersonalParts` replaces per request.
 */
export function PersonalPart<Name extends PersonalPartName>({ name, props, children }: { name: Name; props: PersonalParts[Name]; children?: ComponentChildren }) {
  const template = useContext(TemplateContext);
  if (!template) return <>{children}</>;
  const Marker = 'ii-part' as unknown as 'span';
  return <Marker data-name={name} data-props={JSON.stringify(props)} data-nonce={NONCE} />;
}

/** What fills one kind of personal part for the request's viewer: a tree to render, or HTML rendered already (`renderForViewer`). */
export type PersonalFiller<Name extends PersonalPartName> = (viewer: Viewer, props: PersonalParts[Name]) => Promise<VNode | RenderedPart | null> | VNode | RenderedPart | null;

/** HTML of a part rendered by `renderForViewer` (never text from elsewhere). */
export interface RenderedPart {
  readonly html: string;
}

/** Renders a part for `viewer` in the page's language to HTML, e.g. to keep it for the next request of the same viewer. */
export function renderForViewer(node: VNode, viewer: Viewer, locale: Locale): RenderedPart {
  return { html: render(<LocaleContext.Provider value={locale}><ViewerContext.Provider value={viewer}>{node}</ViewerContext.Provider></LocaleContext.Provider>) };
}
export type PersonalFillers = { readonly [Name in PersonalPartName]: PersonalFiller<Name> };

function decodeAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A template cut at its markers once: the text between them, and each part's name and props. */
export interface ParsedTemplate {
  /** One more than `parts`: the bytes before, between and after the markers. */
  readonly pieces: readonly Buffer[];
  readonly parts: readonly { readonly name: PersonalPartName; readonly props: unknown }[];
}

/** Cuts a template at its markers (done once per cached template). */
export function parseTemplate(template: string): ParsedTemplate {
  const pieces: Buffer[] = [];
  const parts: { name: PersonalPartName; props: unknown }[] = [];
  let at = 0;
  for (const match of template.matchAll(MARKER)) {
    pieces.push(Buffer.from(template.slice(at, match.index)));
    parts.push({ name: match[1] as PersonalPartName, props: JSON.parse(decodeAttribute(match[2]!)) });
    at = match.index + match[0].length;
  }
  pieces.push(Buffer.from(template.slice(at)));
  return { pieces, parts };
}

/** Fills every marker of a template for `viewer`: the page's bytes (one copy of the cached pieces and the filled parts). */
export async function fillPersonalParts(template: ParsedTemplate, viewer: Viewer, fillers: PersonalFillers, locale: Locale): Promise<Buffer> {
  if (template.parts.length === 0) return template.pieces[0]!;
  const filled = await Promise.all(
    template.parts.map(async ({ name, props }) => {
      const filler = fillers[name] as PersonalFiller<PersonalPartName> | undefined;
      if (!filler) throw new Error(`no filler for the personal part "${name}"`);
      const node = await filler(viewer, props as never);
      if (!node) return '';
      return 'html' in node && typeof node.html === 'string' ? node.html : renderForViewer(node as VNode, viewer, locale).html;
    }),
  );
  const chunks: Buffer[] = [template.pieces[0]!];
  for (let index = 0; index < filled.length; index++) chunks.push(Buffer.from(filled[index]!), template.pieces[index + 1]!);
  return Buffer.concat(chunks);
}
