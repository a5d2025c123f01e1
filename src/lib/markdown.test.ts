import { describe, expect, it } from 'vitest';
import { excerpt, markdownToText, renderMarkdown, safeHref } from './markdown.js';

describe('renderMarkdown', () => {
  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript:, vbscript: and data: links in any spelling', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', '&#106;avascript:alert(1)', 'vbscript:x', 'data:text/html,<b>x</b>']) {
      const html = renderMarkdown(`[click](${url})`);
      // Rendered as plain text at most: never as a link.
      expect(html, url).not.toContain('<a ');
    }
    expect(renderMarkdown('[ok](https://example.org)')).toContain('<a href="https://example.org" rel="noopener noreferrer">ok</a>');
    expect(renderMarkdown('[mail](mailto:a@example.org)')).toContain('href="mailto:a@example.org"');
  });

  it('keeps images with alt text from http(s) only', () => {
    expect(renderMarkdown('![A chart](https://example.org/c.png)')).toContain('<img src="https://example.org/c.png" alt="A chart" />');
    expect(renderMarkdown('![x](javascript:alert(1))')).not.toContain('<img');
    expect(renderMarkdown('![x](data:image/svg+xml;base64,AAAA)')).not.toContain('<img');
  });

  it('moves headings down two levels so pages keep h1 and h2', () => {
    expect(renderMarkdown('# One\n\n## Two\n\n### Three\n\n##### Five')).toBe('<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Five</h6>\n');
  });
});

describe('safeHref', () => {
  it('passes http(s) and mailto, refuses everything else', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHref(' mailto:a@example.org ')).toBe('mailto:a@example.org');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref(null)).toBeNull();
  });
});

describe('plain text', () => {
  it('strips Markdown and shortens at a word boundary', () => {
    expect(markdownToText('**Bold** and [a link](https://example.org) & more')).toBe('Bold and a link & more');
    expect(excerpt('one two three four five six', 14)).toBe('one two three…');
  });
});
