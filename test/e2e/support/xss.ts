import type { Page } from 'playwright-core';
import type { PageTrouble } from './browser.js';

// The XSS corpus and the check that none of it ran or became markup. Every payload that runs
// sets `window.__xss` (or opens a dialog, which the page watcher records), and every payload
// tag carries a `data-xss` attribute, so a payload that turned into an element is found even
// when the browser never runs it (a `javascript:` link nobody clicks, a blocked handler).

const RUN = 'window.__xss=1';
const RLO = '\u202e';
const ZWSP = '\u200b';
const ZWJ = '\u200d';

/** Payloads that fit on one line: for titles, names, headings, form fields, query strings. */
export const ONE_LINE_PAYLOADS: readonly string[] = [
  `<script data-xss>${RUN}</script>`,
  `<img data-xss src=x onerror="${RUN}">`,
  `<svg data-xss onload="${RUN}"><circle r="1"/></svg>`,
  `<svg><script data-xss>${RUN}</script></svg>`,
  `"><img data-xss src=x onerror=${RUN}>`,
  `'><svg data-xss/onload=${RUN}>`,
  `</title><script data-xss>${RUN}</script>`,
  `</textarea></style></script><script data-xss>${RUN}</script>`,
  `" autofocus onfocus="${RUN}" x="`,
  `' onmouseover='${RUN}' x='`,
  `<input data-xss autofocus onfocus="${RUN}">`,
  `<details data-xss open ontoggle="${RUN}"><summary>x</summary></details>`,
  `<body data-xss onload=${RUN}>`,
  `<iframe data-xss src="javascript:top.__xss=1"></iframe>`,
  `<iframe data-xss srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<object data-xss data="data:text/html,<script>alert(1)</script>"></object>`,
  `<a data-xss href="javascript:${RUN}">click me</a>`,
  `<a data-xss href="&#x6A;avascript:alert(1)">entity scheme</a>`,
  `javascript:${RUN}`,
  ' JaVaScRiPt:alert(document.domain)',
  `java${ZWSP}script:alert(1)`,
  'java&#x09;script:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:text/html,<script>alert(1)</script>',
  `<math><mtext><table><mglyph><style><img data-xss src=x onerror=${RUN}></style></mglyph></table></mtext></math>`,
  `<img data-xss src=x onerror=alert(1)//`,
  `<<script data-xss>${RUN}//<</script>`,
  `<scr<script>ipt data-xss>${RUN}</scr</script>ipt>`,
  `<meta data-xss http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base data-xss href="javascript:alert(1)//">`,
  `<style data-xss>@import 'javascript:alert(1)';*{background:url(javascript:alert(1))}</style>`,
  `<div data-xss style="background:url(javascript:alert(1))">styled</div>`,
  `${RLO}gpj.exe <img data-xss src=x onerror=${RUN}>`,
  `${RLO}<script data-xss>${RUN}</script>`,
  `${ZWSP}<script${ZWSP} data-xss>${RUN}</script>`,
  `<${ZWJ}img data-xss src=x onerror=${RUN}>`,
  `\u0000<script data-xss>${RUN}</script>`,
  `{{constructor.constructor('${RUN}')()}}`,
  '${alert(1)}',
  '`-alert(1)-`',
  `';alert(1);//`,
  `";alert(1);//`,
  `</script><script data-xss>${RUN}</script>`,
  `]]><script data-xss>${RUN}</script>`,
  `<![CDATA[<script data-xss>${RUN}</script>]]>`,
  `&lt;script data-xss&gt;${RUN}&lt;/script&gt;`,
  `%3Cscript%20data-xss%3E${RUN}%3C/script%3E`,
  `＜script data-xss＞${RUN}＜/script＞`,
];

/** Markdown payloads, for bodies: links and images the renderer must neutralise. */
export const MARKDOWN_PAYLOADS: readonly string[] = [
  `[click](javascript:${RUN})`,
  '[click](JAVASCRIPT:alert(1))',
  `[click](  javascript:alert(1))`,
  '[click](java%0ascript:alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  `[click](java${ZWSP}script:alert(1))`,
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![picture](javascript:alert(1))',
  '![picture](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  `![x" onerror="${RUN}](https://example.org/x.png)`,
  `[click](https://example.org/" onmouseover="${RUN})`,
  '<javascript:alert(1)>',
  '[ref]: javascript:alert(1)\n\n[ref link][ref]',
  `\`\`\`html\n<script data-xss>${RUN}</script>\n\`\`\``,
  `| a | b |\n|---|---|\n| <img data-xss src=x onerror=${RUN}> | [x](javascript:alert(1)) |`,
  `> <svg data-xss onload=${RUN}>`,
  `*<img data-xss src=x onerror=${RUN}>*`,
];

/** Multi-line broken markup, for bodies and text areas. */
export const MULTI_LINE_PAYLOADS: readonly string[] = [
  `<div data-xss\nonclick="${RUN}">unclosed`,
  `<script data-xss>\n${RUN}\n</script>`,
  `<img data-xss\nsrc=x\nonerror=${RUN}>`,
];

/** Form payloads: one line and broken multi-line markup (markdown means nothing in a form). */
export const FORM_PAYLOADS: readonly string[] = [...ONE_LINE_PAYLOADS, ...MULTI_LINE_PAYLOADS];

/**
 * The desk's forms get a sample of the corpus (runtime): every category once or twice — script
 * tags, handlers, attribute break-outs, frames, `javascript:` and `data:` addresses, mutation
 * XSS, split tags, styles, right-to-left and zero-width tricks, template and script break-outs,
 * and broken multi-line markup.
 */
export const DESK_PAYLOADS: readonly string[] = [
  ...[0, 1, 2, 4, 8, 11, 13, 16, 18, 22, 25, 27, 31, 32, 34, 37, 42].map((index) => ONE_LINE_PAYLOADS[index]!),
  ...MULTI_LINE_PAYLOADS.slice(0, 2),
];

/** Every payload. */
export const ALL_PAYLOADS: readonly string[] = [...ONE_LINE_PAYLOADS, ...MARKDOWN_PAYLOADS, ...MULTI_LINE_PAYLOADS];

/**
 * What a payload did on the page as it is now: the run flag, elements carrying `data-xss`,
 * event-handler attributes, inline scripts, frames and objects, and links or forms whose
 * address is not http, https or mailto. Our pages have none of these by design, so each one
 * found is a payload that became markup. An empty list means nothing ran and nothing was injected.
 * (Emails carry inline styles by design: `inlineStylesAllowed` for them.)
 */
export async function findXssEffects(page: Page, options: { inlineStylesAllowed?: boolean } = {}): Promise<string[]> {
  // A string, not a function: the project compiles without DOM types.
  return (await page.evaluate(`((inlineStylesAllowed) => {
    const found = [];
    const describe = (el) => '<' + el.tagName.toLowerCase() + '> ' + (el.outerHTML || '').slice(0, 120);
    if (window.__xss !== undefined) found.push('window.__xss was set: a payload ran');
    for (const el of document.querySelectorAll('[data-xss]')) found.push('payload element ' + describe(el));
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        if (/^on/i.test(attr)) found.push('event handler attribute ' + attr + ' on ' + describe(el));
        // Chromium shows a feed as text inside a <pre style>: only HTML documents are ours.
        if (attr === 'style' && !inlineStylesAllowed && document.contentType === 'text/html') found.push('inline style on ' + describe(el));
        if (attr === 'formaction' || attr === 'srcdoc') found.push(attr + ' on ' + describe(el));
      }
    }
    for (const el of document.querySelectorAll('script')) {
      const src = el.getAttribute('src');
      if (!src || new URL(src, location.href).origin !== location.origin) found.push('script ' + describe(el));
    }
    for (const el of document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv]')) found.push('element ' + describe(el));
    const addresses = [
      ...[...document.querySelectorAll('a[href], area[href]')].map((el) => [el, el.getAttribute('href')]),
      ...[...document.querySelectorAll('form[action]')].map((el) => [el, el.getAttribute('action')]),
      ...[...document.querySelectorAll('img[src], source[src], video[src], audio[src]')].map((el) => [el, el.getAttribute('src')]),
    ];
    for (const [el, value] of addresses) {
      let protocol;
      try { protocol = new URL(value, location.href).protocol; } catch { protocol = 'unparseable:'; }
      const allowed = el.tagName === 'IMG' ? ['http:', 'https:', 'data:'] : ['http:', 'https:', 'mailto:'];
      if (el.tagName === 'IMG' && protocol === 'data:' && !/^data:image\\/(png|jpeg|gif|webp);/i.test(value)) found.push('data: image that is not a raster image ' + describe(el));
      else if (!allowed.includes(protocol)) found.push(protocol + ' address on ' + describe(el));
    }
    return found;
  })(${options.inlineStylesAllowed === true})`)) as string[];
}

/** Whether a payload's text shows on the page as text (proof that the field was rendered at all). */
export async function showsPayloadText(page: Page): Promise<boolean> {
  return (await page.evaluate(`(document.body ? document.body.innerText : document.documentElement.textContent || '').includes('__xss')`)) as boolean;
}

/** What payloads did on the page as it is now, plus the dialogs they opened since the last look, each prefixed with `where`. */
export async function xssEffectsOn(page: Page, trouble: PageTrouble, where: string): Promise<string[]> {
  return [...(await findXssEffects(page)), ...trouble.dialogs.splice(0)].map((effect) => `${where}: ${effect}`);
}
