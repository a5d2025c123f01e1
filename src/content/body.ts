/**
 * The members-only convention: one Markdown body, a public teaser above a line that is exactly
 * `<!-- members-only -->`, the members-only part below it. This module is the only place that
 * knows where the line is; everything public is built from `teaser` alone.
 */

export const MEMBERS_ONLY_MARKER = '<!-- members-only -->';

/** A body split into what the public may see and what only members see. */
export interface SplitBody {
  readonly teaser: string;
  /** `null` when the body has no members-only part. */
  readonly membersOnly: string | null;
}

/** 0-based indexes of the lines that are the members-only marker. */
export function findMarkerLines(markdown: string): number[] {
  const found: number[] = [];
  markdown.split('\n').forEach((line, index) => {
    if (line.trim() === MEMBERS_ONLY_MARKER) found.push(index);
  });
  return found;
}

// A line that holds an HTML comment, or nothing but the words "members only" in some spelling,
// and is not exactly the marker is almost certainly a mistyped marker; without this check the
// whole body would go public. Prose that merely mentions members-only content is fine.
function isNearMiss(line: string): boolean {
  return /<!--|-->/.test(line) || line.replace(/[^\p{L}]/gu, '').toLowerCase() === 'membersonly';
}

/** 0-based indexes of lines that look like a mistyped marker (`<!--members-only-->`, `- <!-- members-only -->`). */
export function findNearMissMarkerLines(markdown: string): number[] {
  const found: number[] = [];
  markdown.split('\n').forEach((line, index) => {
    if (line.trim() !== MEMBERS_ONLY_MARKER && isNearMiss(line)) found.push(index);
  });
  return found;
}

/** A problem with a body's members-only line, at a 0-based line of the body. */
export interface BodyProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Checks a body at every input boundary (import, later the admin): at most one marker, no
 * mistyped marker, and none at all where the body is always public.
 */
export function checkBody(markdown: string, { membersOnlyAllowed }: { membersOnlyAllowed: boolean }): BodyProblem[] {
  const problems: BodyProblem[] = findNearMissMarkerLines(markdown).map((line) => ({
    line,
    message: `looks like a members-only line but is not exactly "${MEMBERS_ONLY_MARKER}" on a line of its own (HTML comments are not allowed in bodies)`,
  }));
  const markers = findMarkerLines(markdown);
  if (!membersOnlyAllowed) {
    problems.push(...markers.map((line) => ({ line, message: 'this kind of content is always public: remove the members-only line' })));
  } else if (markers.length > 1) {
    problems.push(...markers.slice(1).map((line) => ({ line, message: 'a second members-only line; a body has at most one' })));
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** Splits at the first marker line; an empty members-only part counts as none. */
export function splitBody(markdown: string): SplitBody {
  const lines = markdown.split('\n');
  const at = lines.findIndex((line) => line.trim() === MEMBERS_ONLY_MARKER);
  if (at === -1) return { teaser: markdown.trim(), membersOnly: null };
  const membersOnly = lines.slice(at + 1).join('\n').trim();
  return { teaser: lines.slice(0, at).join('\n').trim(), membersOnly: membersOnly === '' ? null : membersOnly };
}

/** The inverse of `splitBody`, in the canonical form the exporter writes. */
export function joinBody(body: SplitBody): string {
  return body.membersOnly === null ? body.teaser : `${body.teaser}\n\n${MEMBERS_ONLY_MARKER}\n${body.membersOnly}`;
}
