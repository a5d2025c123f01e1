import type { LoadedIssue } from '../../issues/issues.js';
import { type Audience } from '../../content/audience.js';
import { viewIssue, type IssueView, type ItemView } from '../../issues/issue-view.js';
import type { Edition, EditionTemplate } from '../delivery.js';
import { escapeHtml, placeholder, stripDelimiters } from './placeholders.js';
import { htmlToText } from './html-to-text.js';

// An edition is compiled from MJML once per delivery; per-recipient values are substituted
// afterwards (placeholders.ts). THE ONE INVARIANT: the teaser edition is built from the
// 'public' view of the issue, which never holds members-only text (web/views.ts).

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

/** Compiles one edition of an issue to HTML and plain text with placeholders. */
export async function compileEdition(loaded: LoadedIssue, edition: Edition, site: EditionSite): Promise<EditionTemplate> {
  const view = viewIssue(loaded, audienceOf(edition));
  const subject = edition === 'full' ? `${view.title} (members' edition)` : view.title;
  const mjml = editionMjml(view, edition, site);
  // Loaded on the first compile: MJML is large, and the web process needs it only when it sends.
  const { default: mjml2html } = await import('mjml');
  const { html, errors } = await mjml2html(mjml, { validationLevel: 'soft' });
  if (errors.length > 0) throw new Error(`edition ${loaded.issue.slug}/${edition}: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return { subject: stripDelimiters(subject), html, text: editionText(view, edition, site) };
}

const t = (text: string) => escapeHtml(stripDelimiters(text));
/** Sanitised HTML from views (already safe), with delimiters removed. */
const h = (html: string) => stripDelimiters(html);

function itemTitle(item: ItemView): { title: string; href: string | null; label: string | null; meta: string | null; body: string } {
  switch (item.type) {
    case 'story':
      return { title: item.story.title, href: `/stories/${item.story.slug}`, label: item.story.label ?? item.story.kicker, meta: item.story.sourceLinks.length > 0 ? `Sources: ${item.story.sourceLinks.map((s) => s.text).join(' / ')}` : null, body: item.story.body.html };
    case 'event':
      return { title: item.event.title, href: `/events/${item.event.slug}`, label: item.event.label, meta: [item.event.when, item.event.place].filter(Boolean).join(' · '), body: item.event.body.html };
    case 'program':
      return { title: item.program.title, href: `/programs/${item.program.slug}`, label: item.program.label, meta: item.program.deadline ? `Apply by ${item.program.deadline}` : null, body: item.program.body.html };
    case 'report':
      return { title: item.report.title, href: null, label: item.report.label, meta: item.report.subtitle, body: item.report.body.html };
  }
}

function editionMjml(view: IssueView, edition: Edition, site: EditionSite): string {
  const sections = view.sections
    .map((section) => {
      const items = section.items
        .map((item) => {
          const it = itemTitle(item);
          const title = it.href ? `<a href="${t(site.url + it.href)}" style="color:${INK};text-decoration:none">${t(it.title)}</a>` : t(it.title);
          return `
      <mj-text>${it.label ? `<p style="margin:0;color:${ACCENT};font-size:12px;text-transform:uppercase;letter-spacing:.05em">${t(it.label)}</p>` : ''}
        <h3 style="margin:4px 0 8px;font-size:18px">${title}</h3>
        ${it.meta ? `<p style="margin:0 0 8px;color:#5b6670;font-size:13px">${t(it.meta)}</p>` : ''}
        ${h(it.body)}
      </mj-text>`;
        })
        .join('');
      return `
    <mj-section background-color="#ffffff" padding="8px 0">
      <mj-column>
        <mj-text><h2 style="margin:0;font-size:20px;border-bottom:2px solid ${ACCENT};padding-bottom:4px">${t(section.heading)}</h2></mj-text>${items}
      </mj-column>
    </mj-section>`;
    })
    .join('');
  const callToAction =
    edition === 'teaser'
      ? `
    <mj-section background-color="#fff6ee" padding="8px 0">
      <mj-column>
        <mj-text><p style="margin:0"><strong>Members get the full version.</strong> Employees of member companies receive every story in full by email and can read it on the web after signing in.</p></mj-text>
        <mj-button href="${t(`${site.url}/login`)}" background-color="${ACCENT}" align="left">Sign in to read the full version</mj-button>
      </mj-column>
    </mj-section>`
      : '';
  return `<mjml lang="en">
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
      <mj-column>
        <mj-text font-size="13px" color="#5b6670">${t(site.name)} · <a href="${placeholder('web_url')}" style="color:#5b6670">View in your browser</a></mj-text>
        <mj-text><h1 style="margin:0;font-size:26px">${t(view.title)}</h1></mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 0">
      <mj-column>
        <mj-text><p style="margin:0 0 8px">${placeholder('greeting')}</p>${h(view.intro.html)}</mj-text>
      </mj-column>
    </mj-section>${callToAction}${sections}
    <mj-section padding="16px 0">
      <mj-column>
        <mj-text font-size="13px" color="#5b6670">You receive ${t(site.name)} because you subscribed to it.
          <a href="${placeholder('unsubscribe_url')}" style="color:#5b6670">Unsubscribe</a> ·
          <a href="${placeholder('preferences_url')}" style="color:#5b6670">Your preferences</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

function editionText(view: IssueView, edition: Edition, site: EditionSite): string {
  const s = stripDelimiters;
  const lines: string[] = [s(view.title), '', `View in your browser: ${placeholder('web_url')}`, '', placeholder('greeting'), '', s(htmlToText(view.intro.html))];
  if (edition === 'teaser') {
    lines.push('', 'Members get the full version. Sign in to read it:', `${site.url}/login`);
  }
  for (const section of view.sections) {
    lines.push('', '', s(section.heading.toUpperCase()), '='.repeat(Math.min(60, section.heading.length)));
    for (const item of section.items) {
      const it = itemTitle(item);
      lines.push('');
      if (it.label) lines.push(s(it.label));
      lines.push(s(it.title));
      if (it.meta) lines.push(s(it.meta));
      lines.push('', s(htmlToText(it.body)));
      if (it.href) lines.push(`${site.url}${it.href}`);
    }
  }
  lines.push('', '--', `You receive ${s(site.name)} because you subscribed to it.`, `Unsubscribe: ${placeholder('unsubscribe_url')}`, `Your preferences: ${placeholder('preferences_url')}`, '');
  return lines.join('\n').replace(/\n{4,}/g, '\n\n\n');
}
