import { render } from 'preact-render-to-string';

/** A short transactional email: a greeting, paragraphs, one button and a closing line. */
export interface SimpleEmail {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly url: string };
  readonly closing: string;
  readonly siteName: string;
}

/** The plain-text part. */
export function renderSimpleText(email: SimpleEmail): string {
  const parts = [email.greeting, ...email.paragraphs];
  if (email.action) parts.push(`${email.action.label}:\n${email.action.url}`);
  parts.push(email.closing, `— ${email.siteName}`);
  return `${parts.join('\n\n')}\n`;
}

/** The HTML part: inline styles only, since mail clients drop stylesheets. */
export function renderSimpleHtml(email: SimpleEmail): string {
  const body = (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{email.subject}</title>
      </head>
      <body style="margin:0;padding:24px;background:#fbfaf7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b2733;">
        <div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e3e0d8;border-radius:10px;padding:24px;">
          <p style="margin:0 0 16px;font-weight:700;color:#0b3d5c;">{email.siteName}</p>
          <p>{email.greeting}</p>
          {email.paragraphs.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
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
              If the button does not work, copy this address into your browser: {email.action.url}
            </p>
          ) : null}
          <p>{email.closing}</p>
        </div>
      </body>
    </html>
  );
  return `<!doctype html>\n${render(body)}`;
}
