import { createHash } from 'node:crypto';
import type { LoadedIssue } from '../../issues/issues.js';
import { type Audience } from '../../content/audience.js';
import { viewIssue, type IssueView, type ItemView } from '../../issues/issue-view.js';
import type { PlatformView } from '../../issues/innovation-platform.js';
import type { ChartView, FindingView } from '../../reports/report-view.js';
import { renderChartPng, CHART_PNG_SCALE } from '../../reports/chart-png.js';
import { CHART_WIDTH } from '../../reports/finding-chart.js';
import { DEFAULT_LANGUAGE, languageTag, pathIn, type Language } from '../../i18n/languages.js';
import { translator, type Translate } from '../../i18n/messages.js';
import type { Edition, EditionImage, EditionTemplate } from '../delivery.js';
import { escapeHtml, openPlaceholder, placeholder, stripDelimiters } from './placeholders.js';
import { htmlToText } from './html-to-text.js';
import { createLinker, type LinkItem, type Linker } from './links.js';
import { blockMark, parseBlocks, tidyText } from './topic-blocks.js';
import { EMAIL_IMAGE_WIDTH, emailImages } from '../../lib/media-urls.js';
import { footerText, type EmailFooter } from '../../mail/simple-email.js';
import type { Branding } from '../../settings/settings.js';

// An edition is compiled from MJML once per delivery and language; per-recipient values are
// substituted afterwards (placeholders.ts). Its chrome (notices, links' labels, footer) comes from
// the language's catalog and its links go to the language's version of the site; its content is
// the issue as given (the caller overlays translations). THE ONE INVARIANT: the teaser edition
// is built from the 'public' view of the issue, which never holds members-only text, in every
// language.

/** Where the edition's links point. */
export interface EditionSite {
  readonly name: string;
  readonly url: string;
}

/** Who reads an edition. */
export function audienceOf(edition: Edition): Audience {
  return edition === 'full' ? 'member' : 'public';
}

// No web font: MJML would link Google Fonts for a font it knows (Roboto, Lato…), which tells Google who opened the mail.
const FONT = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const INK = '#1b2733';
const ACCENT = '#8a3b12';
/** The logo's width in email (pixels): fixed, so every client shows it alike. */
const LOGO_WIDTH = 160;

/** What one compile writes with: the language, its messages, and the site's links in it. */
interface Writing {
  readonly language: Language;
  readonly t: Translate;
  /** An absolute link to a site path in the language's version. */
  readonly link: (path: string) => string;
  /** Renders a chart to PNG, attaches it to the edition and gives the `<img>` that shows it. */
  readonly chartImage: (chart: ChartView) => string;
  /** Numbers the edition's links for click tracking (links.ts); leaves them direct when tracking is off. */
  readonly linker: Linker;
}

/**
 * A chart as an attached PNG shown by Content-ID (never a public URL: the image travels with
 * the message and tells nobody who opened it). Rendered here, once per edition and language;
 * the Content-ID names the PNG's hash, so the same chart has the same id in every message.
 */
function chartImages(host: string): { images: EditionImage[]; chartImage: (chart: ChartView) => string } {
  const images: EditionImage[] = [];
  const chartImage = (chart: ChartView): string => {
    const { png, height } = renderChartPng(chart.svg);
    const n = images.length + 1;
    const cid = `chart-${n}.${createHash('sha256').update(png).digest('hex').slice(0, 16)}@${host}`;
    images.push({ cid, filename: `chart-${n}.png`, contentType: 'image/png', content: png });
    const shownHeight = Math.round(height / CHART_PNG_SCALE);
    return `<img src="cid:${t(cid)}" alt="${t(chart.alt)}" width="${CHART_WIDTH}" height="${shownHeight}" style="display:block;width:100%;max-width:${CHART_WIDTH}px;height:auto;border:0;margin:8px 0 0" />`;
  };
  return { images, chartImage };
}

/**
 * How often MJML was run (observable by tests and the bench): once per delivery, edition and
 * language, whatever the number of recipients and topic variants.
 */
export const compileCount = { mjml: 0 };

/** Compiles one edition of an issue to HTML and plain text with placeholders, in `language`; `blocks` keeps the same parts with their block markers (topic-blocks.ts). */
export async function compileEdition(loaded: LoadedIssue, edition: Edition, site: EditionSite, language: Language = DEFAULT_LANGUAGE, footer?: EmailFooter, branding?: Branding, options: { readonly tracking?: boolean; /** The optional open pixel at the end of the HTML part (engagement; off by default). */ readonly openPixel?: boolean } = {}): Promise<EditionTemplate> {
  const view = viewIssue(loaded, audienceOf(edition), language);
  const { images, chartImage } = chartImages(new URL(site.url).hostname.replace(/[^\w.-]/g, '') || 'localhost');
  const w: Writing = { language, t: translator(language), link: (path) => `${site.url}${pathIn(language, path)}`, chartImage, linker: createLinker(options.tracking ?? false) };
  const subject = edition === 'full' ? w.t('email.edition.membersSubject', { title: view.title }) : view.title;
  const mjml = editionMjml(view, edition, site, w, footer, branding);
  // Loaded on the first compile: MJML is large, and the web process needs it only when it sends.
  const { default: mjml2html } = await import('mjml');
  compileCount.mjml++;
  const { html: compiled, errors } = await mjml2html(mjml, { validationLevel: 'soft' });
  // One placeholder at the end of the body, filled per recipient with a 1×1 image of `/o/<token>`.
  const html = options.openPixel ? compiled.replace(/<\/body>(?![\s\S]*<\/body>)/i, `${openPlaceholder()}</body>`) : compiled;
  if (errors.length > 0) throw new Error(`edition ${loaded.issue.slug}/${edition}/${language}: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  const text = editionText(view, edition, site, w, footer, branding);
  return { subject: stripDelimiters(subject), html: parseBlocks(html).assemble(null), text: tidyText(parseBlocks(text).assemble(null)), images, blocks: { html, text }, links: w.linker.links };
}

const t = (text: string) => escapeHtml(stripDelimiters(text));
/** An href: the link's placeholder when it is tracked (filled per recipient, escaped then), else the address escaped. */
function trackedHref(w: Writing, url: string, item: LinkItem | null, label: string): string {
  const out = w.linker.track(url, item, label);
  return out === url ? t(url) : out;
}

/** Sanitised HTML from views (already safe), with delimiters removed. */
const h = (html: string) => stripDelimiters(html);

/** The topics (slugs) a story's blocks are chosen by; `*` for an item that is not a story (always shown in full). */
function topicsOf(item: ItemView): string {
  return item.type === 'story' ? item.story.topicTerms.map((term) => stripDelimiters(term.slug).replace(/[,:]/g, '')).join(',') : '*';
}

/** What an item shows in an edition; a report also its findings (the teaser's view holds no members-only one). */
interface EditionItem {
  readonly title: string;
  readonly href: string | null;
  readonly label: string | null;
  readonly meta: string | null;
  readonly body: string;
  readonly findings?: readonly FindingView[];
  /** What the item's links are counted under (engagement). */
  readonly item: LinkItem | null;
}

function itemTitle(item: ItemView, w: Writing): EditionItem {
  switch (item.type) {
    case 'story':
      return { title: item.story.title, href: `/stories/${item.story.slug}`, label: item.story.label ?? item.story.kicker, meta: item.story.sourceLinks.length > 0 ? w.t('email.edition.sources', { sources: item.story.sourceLinks.map((s) => s.text).join(' / ') }) : null, item: { kind: 'story', slug: item.story.slug }, body: `${item.story.leadImage ? `<img src="${t(item.story.leadImage.src)}" alt="${t(item.story.leadImage.alt)}">` : ''}${item.story.body.html}` };
    case 'event':
      return { title: item.event.title, href: `/events/${item.event.slug}`, label: item.event.label, item: { kind: 'event', slug: item.event.slug }, meta: [item.event.when, item.event.place].filter(Boolean).join(' · '), body: item.event.body.html };
    case 'program':
      return { title: item.program.title, href: `/programs/${item.program.slug}`, label: item.program.label, item: { kind: 'program', slug: item.program.slug }, meta: item.program.deadline ? w.t('email.edition.applyBy', { deadline: item.program.deadline }) : null, body: item.program.body.html };
    case 'report':
      return { title: item.report.title, href: null, label: item.report.label, item: null, meta: item.report.subtitle, body: item.report.body.html, findings: item.report.findings };
  }
}

/**
 * A report's findings in the HTML edition: the headline figures, the statement with its base
 * sizes, the chart as an attached PNG (its alt text carries the numbers), and for members the
 * statistics line. The plain-text part has the same numbers and no image.
 */
function findingsHtml(findings: readonly FindingView[], w: Writing): string {
  if (findings.length === 0) return '';
  const rows = findings
    .map(
      (f) => `
          <li style="margin:0 0 12px">
            <p style="margin:0;font-weight:bold">${t(f.title)}</p>
            <p style="margin:0;font-size:20px;color:${ACCENT}">${t(f.figures)}</p>
            <p style="margin:0">${t(w.t('reading.report.statement', { statement: f.statement }))}${f.bases ? ` <span style="color:#5b6670">(${t(f.bases)})</span>` : ''}</p>${f.chart ? `
            ${w.chartImage(f.chart)}` : ''}${
              f.footnote ? `
            <p style="margin:4px 0 0;font-size:12px;color:#5b6670">${t(f.footnote)}</p>` : ''
            }
          </li>`,
    )
    .join('');
  return `
        <h4 style="margin:12px 0 8px;font-size:16px">${t(w.t('reading.report.findings'))}</h4>
        <ol style="margin:0;padding-left:20px">${rows}
        </ol>`;
}

/** The same findings in the plain-text edition. */
function findingsText(findings: readonly FindingView[], w: Writing): string[] {
  if (findings.length === 0) return [];
  const s = stripDelimiters;
  return [
    '',
    s(w.t('reading.report.findings')),
    ...findings.flatMap((f, index) => [
      '',
      `${index + 1}. ${s(f.title)}: ${s(f.figures)}`,
      `   ${s(w.t('reading.report.statement', { statement: f.statement }))}${f.bases ? ` (${s(f.bases)})` : ''}`,
      ...(f.footnote ? [`   ${s(f.footnote)}`] : []),
    ]),
  ];
}

/** An "Innovation platform" section's own part (issues/innovation-platform.ts): aggregates and links only. */
function platformHtml(platform: PlatformView, w: Writing): string {
  const figures = platform.figures.map((f) => `<li>${t(f.label)}: <strong>${t(f.value)}</strong></li>`).join('');
  const links = platform.links.map((l) => `<a href="${trackedHref(w, w.link(l.path), null, l.text)}" style="color:${ACCENT}">${t(l.text)}</a>`).join(' · ');
  return `
      <mj-text><p style="margin:0 0 8px">${t(platform.intro)}</p>
        <p style="margin:0 0 4px;font-weight:bold">${t(platform.figuresHeading)}</p>
        <ul style="margin:0 0 8px;padding-left:20px">${figures}</ul>${platform.sectors ? `
        <p style="margin:0 0 8px">${t(platform.sectors)}</p>` : ''}
        <p style="margin:0">${links}</p>
      </mj-text>`;
}

function platformText(platform: PlatformView, w: Writing): string[] {
  const s = stripDelimiters;
  return ['', s(platform.intro), '', s(platform.figuresHeading), ...platform.figures.map((f) => `- ${s(f.label)}: ${s(f.value)}`), ...(platform.sectors ? [s(platform.sectors)] : []), '', ...platform.links.map((l) => `${s(l.text)}: ${w.linker.track(w.link(l.path), null, l.text)}`)];
}

function editionMjml(view: IssueView, edition: Edition, site: EditionSite, w: Writing, footer?: EmailFooter, branding?: Branding): string {
  // The site settings' accent colour (checked for 4.5:1 against white) for headings, labels and the button; else the edition's own.
  const accent = branding?.accentColor ?? ACCENT;
  const logo = branding?.logo
    ? `
        <mj-image src="${t(`${site.url}${branding.logo.smallSrc}`)}" alt="${t(branding.logo.alt)}" width="${LOGO_WIDTH}px" align="left" padding="0 25px 8px" />`
    : '';
  const footerLine = branding?.footerText ? `
        <mj-text font-size="12px" color="#5b6670">${t(branding.footerText)}</mj-text>` : '';
  const fullItem = (it: EditionItem, title: string) => `
      <mj-text>${it.label ? `<p style="margin:0;color:${accent};font-size:12px;text-transform:uppercase;letter-spacing:.05em">${t(it.label)}</p>` : ''}
        <h3 style="margin:4px 0 8px;font-size:18px">${title}</h3>
        ${it.meta ? `<p style="margin:0 0 8px;color:#5b6670;font-size:13px">${t(it.meta)}</p>` : ''}
        ${w.linker.trackHtml(h(emailImages(it.body, site.url)), it.item)}${findingsHtml(it.findings ?? [], w)}
      </mj-text>`;
  const sections = view.sections
    .map((section) => {
      const items = section.items
        .map((item) => {
          const it = itemTitle(item, w);
          const title = it.href ? `<a href="${trackedHref(w, w.link(it.href), it.item, it.title)}" style="color:${INK};text-decoration:none">${t(it.title)}</a>` : t(it.title);
          // Block markers (topic-blocks.ts): a story's full block, then its title line; anything else always in full.
          const titleLine = it.href ? `<a href="${trackedHref(w, w.link(it.href), it.item, it.title)}" style="color:${accent}">${t(it.title)}</a>` : t(it.title);
          return `
      <mj-raw>${blockMark('item', topicsOf(item))}</mj-raw>${fullItem(it, title)}
      <mj-raw>${blockMark('alt')}</mj-raw>${item.type === 'story' ? `
      <mj-text padding="2px 25px"><p style="margin:0">&#8594; ${titleLine}</p></mj-text>` : ''}
      <mj-raw>${blockMark('/item')}</mj-raw>`;
        })
        .join('');
      return `
    <mj-raw>${blockMark('sec')}</mj-raw>
    <mj-section background-color="#ffffff" padding="8px 0">
      <mj-column>
        <mj-text><h2 style="margin:0;font-size:20px;color:${accent};border-bottom:2px solid ${accent};padding-bottom:4px">${t(section.heading)}</h2></mj-text>${section.platform ? platformHtml(section.platform, w) : ''}${items}
      </mj-column>
    </mj-section>
    <mj-raw>${blockMark('/sec')}</mj-raw>`;
    })
    .join('');
  // The stories of the reader's topics, first (filled from the blocks above; left out of the issue unchanged).
  const forYou = `
    <mj-raw>${blockMark('fy')}</mj-raw>
    <mj-section background-color="#ffffff" padding="8px 0">
      <mj-column>
        <mj-text><h2 style="margin:0;font-size:20px;color:${accent};border-bottom:2px solid ${accent};padding-bottom:4px">${t(w.t('topicChoices.email.yourTopics'))}</h2></mj-text>
        <mj-raw>${blockMark('slot')}</mj-raw>
        <mj-raw>${blockMark('only')}</mj-raw>
        <mj-text><p style="margin:0;color:#5b6670">${t(w.t('topicChoices.email.onlyNote'))} <a href="${placeholder('web_url')}" style="color:${accent}">${t(w.t('topicChoices.email.readOnline'))}</a></p></mj-text>
        <mj-raw>${blockMark('/only')}</mj-raw>
      </mj-column>
    </mj-section>
    <mj-raw>${blockMark('/fy')}</mj-raw>`;
  const callToAction =
    edition === 'teaser'
      ? `
    <mj-section background-color="#fff6ee" padding="8px 0">
      <mj-column>
        <mj-text><p style="margin:0"><strong>${t(w.t('email.edition.membersGetFull'))}</strong> ${t(w.t('email.edition.membersGetFullDetail'))}</p></mj-text>
        <mj-button href="${trackedHref(w, w.link('/login'), null, w.t('email.edition.signInForFull'))}" background-color="${accent}" align="left">${t(w.t('email.edition.signInForFull'))}</mj-button>
      </mj-column>
    </mj-section>`
      : '';
  return `<mjml lang="${languageTag(w.language)}">
  <mj-head>
    <mj-title>${t(view.title)}</mj-title>
    <mj-preview>${t(view.summary)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text color="${INK}" font-size="16px" line-height="1.55" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#fbfaf7" width="640px">
    <mj-section padding="16px 0 0">
      <mj-column>${logo}
        <mj-text font-size="13px" color="#5b6670">${t(site.name)} · <a href="${placeholder('web_url')}" style="color:#5b6670">${t(w.t('email.edition.viewInBrowser'))}</a></mj-text>
        <mj-text><h1 style="margin:0;font-size:26px">${t(view.title)}</h1></mj-text>${view.leadImage ? `
        <mj-image src="${t(`${site.url}${view.leadImage.emailSrc}`)}" alt="${t(view.leadImage.alt)}" width="${EMAIL_IMAGE_WIDTH}px" />` : ''}
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 0">
      <mj-column>
        <mj-text><p style="margin:0 0 8px">${placeholder('greeting')}</p>${w.linker.trackHtml(h(emailImages(view.intro.html, site.url)), null)}</mj-text>
      </mj-column>
    </mj-section>${callToAction}${forYou}${sections}
    <mj-section padding="16px 0">
      <mj-column>
        <mj-text font-size="13px" color="#5b6670">${t(w.t('email.edition.youReceive', { site: site.name }))}
          <a href="${placeholder('unsubscribe_url')}" style="color:#5b6670">${t(w.t('email.edition.unsubscribe'))}</a> ·
          <a href="${placeholder('preferences_url')}" style="color:#5b6670">${t(w.t('email.edition.preferences'))}</a></mj-text>${footerLine}${footer ? senderMjml(footer, w) : ''}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

/** The sender's footer (§ 5 DDG): the organisation, its postal address and the imprint, in the edition's language. */
function senderMjml(footer: EmailFooter, w: Writing): string {
  const lines = [footer.organisation, ...footer.addressLines].map((line) => t(line)).join('<br />');
  return `
        <mj-text font-size="12px" color="#5b6670">${lines}<br /><a href="${t(footer.imprintUrl)}" style="color:#5b6670">${t(w.t('siteLegal.email.imprint'))}</a></mj-text>`;
}

function editionText(view: IssueView, edition: Edition, site: EditionSite, w: Writing, footer?: EmailFooter, branding?: Branding): string {
  const s = stripDelimiters;
  const lines: string[] = [s(view.title), '', `${w.t('email.edition.viewInBrowser')}: ${placeholder('web_url')}`, '', placeholder('greeting'), '', w.linker.trackText(s(htmlToText(view.intro.html)), null)];
  if (edition === 'teaser') {
    lines.push('', w.t('email.edition.signInForFullText'), w.linker.track(w.link('/login'), null, w.t('email.edition.signInForFull')));
  }
  // The same blocks as the HTML part (topic-blocks.ts); each marker is a line of its own, removed with its line break.
  const yourTopics = w.t('topicChoices.email.yourTopics');
  lines.push(blockMark('fy'), '', '', s(yourTopics.toUpperCase()), '='.repeat(Math.min(60, yourTopics.length)), blockMark('slot'), blockMark('only'), '', `${s(w.t('topicChoices.email.onlyNote'))} ${placeholder('web_url')}`, blockMark('/only'), blockMark('/fy'));
  for (const section of view.sections) {
    lines.push(blockMark('sec'));
    lines.push('', '', s(section.heading.toUpperCase()), '='.repeat(Math.min(60, section.heading.length)));
    for (const item of section.items) {
      const it = itemTitle(item, w);
      lines.push(blockMark('item', topicsOf(item)));
      lines.push('');
      if (it.label) lines.push(s(it.label));
      lines.push(s(it.title));
      if (it.meta) lines.push(s(it.meta));
      lines.push('', w.linker.trackText(s(htmlToText(it.body)), it.item));
      lines.push(...findingsText(it.findings ?? [], w));
      if (it.href) lines.push(w.linker.track(w.link(it.href), it.item, it.title));
      lines.push(blockMark('alt'));
      if (item.type === 'story') lines.push(`-> ${s(it.title)}${it.href ? `: ${w.linker.track(w.link(it.href), it.item, it.title)}` : ''}`);
      lines.push(blockMark('/item'));
    }
    if (section.platform) lines.push(...platformText(section.platform, w));
    lines.push(blockMark('/sec'));
  }
  lines.push(
    '',
    '--',
    s(w.t('email.edition.youReceive', { site: site.name })),
    `${w.t('email.edition.unsubscribe')}: ${placeholder('unsubscribe_url')}`,
    `${w.t('email.edition.preferences')}: ${placeholder('preferences_url')}`,
    ...(branding?.footerText ? ['', s(branding.footerText)] : []),
    ...(footer ? ['', s(footerText(footer, w.language))] : []),
    '',
  );
  return lines.join('\n');
}
