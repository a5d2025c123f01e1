import { Fragment } from 'preact';
import { render } from 'preact-render-to-string';
import { languageTag, type Language } from '../i18n/languages.js';
import { translator, type Translate } from '../i18n/messages.js';

/** One line of a details block, "Label: value"; the value is a link when `href` is given. */
export interface EmailDetail {
  readonly label?: string;
  readonly value: string;
  readonly href?: string;
}

/**
 * A paragraph: text, whose lines stay lines in the HTML part too (an answer per line, a message
 * as typed), or a block of details, one per line.
 */
export type EmailParagraph = string | { readonly details: readonly EmailDetail[] };

/** Who sends the mail, as its footer says (§ 5 DDG): the organisation, its postal address and the imprint. */
export interface EmailFooter {
  readonly organisation: string;
  readonly addressLines: readonly string[];
  /** The imprint on the recipient's language version of the site. */
  readonly imprintUrl: string;
}

/** The footer's plain-text lines, in `language`. */
export function footerText(footer: EmailFooter, language: Language): string {
  const t = translator(language);
  return [footer.organisation, ...footer.addressLines, `${t('siteLegal.email.imprint')}: ${footer.imprintUrl}`].join('\n');
}

/** The footer as HTML (inline styles), in `language`. */
export function FooterHtml({ footer, language }: { footer: EmailFooter; language: Language }) {
  const t = translator(language);
  return (
    <p style="margin:24px 0 0;padding-top:12px;border-top:1px solid #e3e0d8;font-size:12px;color:#4a5866;">
      {footer.organisation}
      {footer.addressLines.map((line, index) => (
        <Fragment key={index}>
          <br />
          {line}
        </Fragment>
      ))}
      <br />
      <a href={footer.imprintUrl} style="color:#0a5a8a;">
        {t('siteLegal.email.imprint')}
      </a>
    </p>
  );
}

/** A short transactional email: a greeting, paragraphs, one button and a closing line. */
export interface SimpleEmail {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly EmailParagraph[];
  readonly action?: { readonly label: string; readonly url: string };
  readonly closing: string;
  readonly siteName: string;
  /** The language it is written in: `<html lang>` and the layout's own line. */
  readonly language: Language;
  /** The sender's footer; every enqueued email has one (enqueueEmail's `footer`). */
  readonly footer?: EmailFooter | undefined;
}

/** "Hello Ana," in the recipient's language, or "Hello," without a name. */
export function greetingFor(t: Translate, name: string | null | undefined): string {
  return name ? t('email.greeting.named', { name }) : t('email.greeting.anonymous');
}

/** A `mailto:` address for `address`: every character RFC 6068 does not allow there as it is (`?`, `#`, `%`, `&`, spaces…) percent-encoded. */
export function mailtoHref(address: string): string {
  return `mailto:${address.replace(/[^A-Za-z0-9\-._~!$'()*+,;:@]/gu, (char) => encodeURIComponent(char))}`;
}

function detailText(detail: EmailDetail): string {
  return detail.label ? `${detail.label}: ${detail.value}` : detail.value;
}

function paragraphText(paragraph: EmailParagraph): string {
  return typeof paragraph === 'string' ? paragraph : paragraph.details.map(detailText).join('\n');
}

/** Text with its line breaks kept: the lines separated by <br>. */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function Paragraph({ paragraph }: { paragraph: EmailParagraph }) {
  if (typeof paragraph === 'string') {
    return (
      <p>
        <Lines text={paragraph} />
      </p>
    );
  }
  return (
    <p>
      {paragraph.details.map((detail, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {detail.label ? <span style="color:#4a5866;">{detail.label}: </span> : null}
          {detail.href ? (
            <a href={detail.href} style="color:#0a5a8a;">
              {detail.value}
            </a>
          ) : (
            <Lines text={detail.value} />
          )}
        </Fragment>
      ))}
    </p>
  );
}

/** The plain-text part. */
export function renderSimpleText(email: SimpleEmail): string {
  const parts = [email.greeting, ...email.paragraphs.map(paragraphText)];
  if (email.action) parts.push(`${email.action.label}:\n${email.action.url}`);
  parts.push(email.closing, `— ${email.siteName}`);
  if (email.footer) parts.push(`--\n${footerText(email.footer, email.language)}`);
  return `${parts.join('\n\n')}\n`;
}

/** The HTML part: inline styles only, since mail clients drop stylesheets. */
export function renderSimpleHtml(email: SimpleEmail): string {
  const body = (
    <html lang={languageTag(email.language)}>
      <head>
        <meta charSet="utf-8" />
        <title>{email.subject}</title>
      </head>
      <body style="margin:0;padding:24px;background:#fbfaf7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b2733;">
        <div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e3e0d8;border-radius:10px;padding:24px;">
          <p style="margin:0 0 16px;font-weight:700;color:#0b3d5c;">{email.siteName}</p>
          <p>{email.greeting}</p>
          {email.paragraphs.map((paragraph, index) => (
            <Paragraph key={index} paragraph={paragraph} />
          ))}
          {email.action ? (
            <p style="margin:24px 0;">
              <a href={email.action.url} style="display:inline-block;background:#b35c00;color:#ffffff;padding:10px 18px;border-radius:999px;text-decoration:none;font-weight:600;">
                {email.action.label}
              </a>
            </p>
          ) : null}
          {email.action ? (
            <p style="font-size:13px;color:#4a5866;word-break:break-all;">
              {translator(email.language)('email.layout.buttonFallback', { url: email.action.url })}
            </p>
          ) : null}
          <p>{email.closing}</p>
          {email.footer ? <FooterHtml footer={email.footer} language={email.language} /> : null}
        </div>
      </body>
    </html>
  );
  return `<!doctype html>\n${render(body)}`;
}
