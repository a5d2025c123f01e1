import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cookieText, safeRedirectPath } from './header-values.js';

/** Would Node send this as a header value? (It throws on what it cannot send, which answers 500.) */
function sendable(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}

describe('safeRedirectPath', () => {
  it('keeps same-site absolute paths of printable ASCII, with their query', () => {
    for (const path of ['/', '/account?saved=1', '/events/a-b?done=confirmed', '/admin/stories?q=robots%20arm&page=2', '/search?q=caf%C3%A9']) {
      expect(safeRedirectPath(path, '/fallback')).toBe(path);
    }
  });

  it('falls back for other sites, control characters, non-ASCII and anything not a path', () => {
    const refused: unknown[] = [
      '', 'admin', 'https://evil.example/', 'javascript:alert(1)', '//evil.example', '/\\evil.example', '/a//b', '/a\\b',
      '/a\r\nSet-Cookie: x=1', '/a\n', '/a\t', '/\u0000', '/\u007f', '/caf\u00e9', '/\u6f22', '/\ud800', '/\u2028', undefined, null, 42, ['/a'],
    ];
    for (const target of refused) expect(safeRedirectPath(target, '/fallback'), JSON.stringify(target)).toBe('/fallback');
  });
});

describe('attachmentDisposition', () => {
  it('names the file as given when it is a plain name', () => {
    expect(attachmentDisposition('registrations-pitch-morning.csv')).toBe('attachment; filename="registrations-pitch-morning.csv"');
  });

  it('replaces quotes, line breaks and non-ASCII, so the header can always be sent', () => {
    const value = attachmentDisposition('a"b\r\nSet-Cookie: x;\u6f22\u00e9\ud800.ics');
    expect(value).toBe('attachment; filename="a-b--Set-Cookie--x----.ics"');
    expect(sendable(value)).toBe(true);
    expect(attachmentDisposition('')).toBe('attachment; filename="download"');
  });
});

describe('cookieText', () => {
  it('keeps any well-formed text, cut to its length, and mends lone surrogates', () => {
    expect(cookieText('Saved “Café 漢字” 🎉', 300)).toBe('Saved “Café 漢字” 🎉');
    expect(cookieText('x'.repeat(400), 300)).toHaveLength(300);
    expect(cookieText('a\ud800b\udc00c', 300)).toBe('a\ufffdb\ufffdc');
    // Cutting inside a surrogate pair leaves no half behind.
    expect(cookieText('ab🎉', 3)).toBe('ab\ufffd');
    expect(() => encodeURIComponent(cookieText('a\ud800', 300))).not.toThrow();
  });
});
