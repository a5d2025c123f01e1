import { describe, expect, it } from 'vitest';
import { teaserSummary, teaserText, viewBody } from './audience.js';
import { splitBody } from './body.js';

// What each audience reads of a body with a public-only block and a members-only part.

const NOTE = 'This is the shortened edition; members receive the full version.';
const body = splitBody(`Teaser **one**.\n\n<!-- public-only -->\n${NOTE}\n<!-- /public-only -->\n\nTeaser two.\n\n<!-- members-only -->\nSECRET analysis.`);

describe('viewBody with a public-only block', () => {
  it('shows the public the teaser with the note, never the members-only part or a marker', () => {
    const view = viewBody(body, 'public');
    expect(view.html).toBe(`<p>Teaser <strong>one</strong>.</p>\n<p>${NOTE}</p>\n<p>Teaser two.</p>\n`);
    expect(view.withheld).toBe(true);
    expect(view.html).not.toContain('SECRET');
    expect(view.html).not.toContain('public-only');
  });

  it('shows members the whole body without the note', () => {
    const view = viewBody(body, 'member');
    expect(view.html).toBe('<p>Teaser <strong>one</strong>.</p>\n<p>Teaser two.</p>\n<p>SECRET analysis.</p>\n');
    expect(view.withheld).toBe(false);
    // Also when the body has no members-only part.
    const publicOnly = splitBody(`Intro.\n\n<!-- public-only -->\n${NOTE}\n<!-- /public-only -->`);
    expect(viewBody(publicOnly, 'member')).toEqual({ html: '<p>Intro.</p>\n', withheld: false });
    expect(viewBody(publicOnly, 'public')).toEqual({ html: `<p>Intro.</p>\n<p>${NOTE}</p>\n`, withheld: false });
  });

  it('keeps the note and the markers out of summaries and calendar text, which every audience shares', () => {
    expect(teaserText(body)).toBe('Teaser one. Teaser two.');
    expect(teaserSummary(body)).toBe('Teaser one. Teaser two.');
  });
});
