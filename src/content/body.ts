/**
 * The members-only convention: one Markdown body, a public teaser above a line that is exactly
 * `<!-- members-only -->`, the members-only part below it. This module is the only place that
 * knows where the line is; everything public is built from `teaser` alone.
 *
 * Inside the teaser, lines `<!-- public-only -->` … `<!-- /public-only -->` enclose text for the
 * public alone ("this is the shortened edition"): the members' version leaves it out. It lives
 * in the teaser, so it can never carry members-only text, and leaving it out hides only itself.
 */

export const MEMBERS_ONLY_MARKER = '<!-- members-only -->';
export const PUBLIC_ONLY_START = '<!-- public-only -->';
export const PUBLIC_ONLY_END = '<!-- /public-only -->';

const MARKERS = new Set([MEMBERS_ONLY_MARKER, PUBLIC_ONLY_START, PUBLIC_ONLY_END]);

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

// A line that holds an HTML comment, or nothing but the words "members only" (or "public
// only", "end public only") in some spelling, and is not exactly a marker is almost certainly a
// mistyped one; without this check the whole body would go public, or a public-only note would
// reach members. Prose that merely mentions members-only content is fine.
function isNearMiss(line: string): boolean {
  return /<!--|-->/.test(line) || /^(membersonly|(end)?publiconly)$/.test(lettersOf(line));
}

function lettersOf(line: string): string {
  return line.replace(/[^\p{L}]/gu, '').toLowerCase();
}

/** 0-based indexes of lines that look like a mistyped marker (`<!--members-only-->`, `- <!-- members-only -->`, `<!-- public only -->`). */
export function findNearMissMarkerLines(markdown: string): number[] {
  const found: number[] = [];
  markdown.split('\n').forEach((line, index) => {
    if (!MARKERS.has(line.trim()) && isNearMiss(line)) found.push(index);
  });
  return found;
}

function nearMissMessage(line: string): string {
  return lettersOf(line).includes('public')
    ? `looks like a public-only line but is not exactly "${PUBLIC_ONLY_START}" or "${PUBLIC_ONLY_END}" on a line of its own (HTML comments are not allowed in bodies)`
    : `looks like a members-only line but is not exactly "${MEMBERS_ONLY_MARKER}" on a line of its own (HTML comments are not allowed in bodies)`;
}

/**
 * Problems with the public-only lines: each block opened and closed, not nested, and above the
 * members-only line (below it nobody would ever read the block); none where bodies are always public.
 */
function publicOnlyProblems(lines: readonly string[], membersOnlyAllowed: boolean): BodyProblem[] {
  const problems: BodyProblem[] = [];
  let open: number | null = null;
  let belowMembersOnly = false;
  lines.forEach((raw, line) => {
    const marker = raw.trim();
    if (marker === MEMBERS_ONLY_MARKER) {
      if (open !== null) problems.push({ line: open, message: `a public-only block must end with "${PUBLIC_ONLY_END}" before the members-only line` });
      open = null;
      belowMembersOnly = true;
    }
    if (marker !== PUBLIC_ONLY_START && marker !== PUBLIC_ONLY_END) return;
    if (!membersOnlyAllowed) problems.push({ line, message: 'this kind of content is always public: remove the public-only line' });
    else if (belowMembersOnly) problems.push({ line, message: 'a public-only block belongs in the public teaser, above the members-only line' });
    else if (marker === PUBLIC_ONLY_START && open !== null) problems.push({ line, message: `a public-only block inside another; end the first with "${PUBLIC_ONLY_END}"` });
    else if (marker === PUBLIC_ONLY_END && open === null) problems.push({ line, message: `"${PUBLIC_ONLY_END}" without a "${PUBLIC_ONLY_START}" line above it` });
    if (membersOnlyAllowed && !belowMembersOnly) open = marker === PUBLIC_ONLY_START ? line : null;
  });
  if (open !== null) problems.push({ line: open, message: `a public-only block without its end: add a line "${PUBLIC_ONLY_END}" after it` });
  return problems;
}

/** A problem with a body's members-only line, at a 0-based line of the body. */
export interface BodyProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Checks a body at every input boundary (the content folder, the desk): at most one members-only
 * line, public-only blocks closed and in the teaser, no mistyped marker, and no marker at all
 * where the body is always public.
 */
export function checkBody(markdown: string, { membersOnlyAllowed }: { membersOnlyAllowed: boolean }): BodyProblem[] {
  const lines = markdown.split('\n');
  const problems: BodyProblem[] = findNearMissMarkerLines(markdown).map((line) => ({ line, message: nearMissMessage(lines[line]!) }));
  const markers = findMarkerLines(markdown);
  if (!membersOnlyAllowed) {
    problems.push(...markers.map((line) => ({ line, message: 'this kind of content is always public: remove the members-only line' })));
  } else if (markers.length > 1) {
    problems.push(...markers.slice(1).map((line) => ({ line, message: 'a second members-only line; a body has at most one' })));
  }
  problems.push(...publicOnlyProblems(markers.length > 1 ? lines.slice(0, markers[1]) : lines, membersOnlyAllowed));
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * Splits at the first marker line; an empty members-only part counts as none. Public-only lines
 * stay in the teaser, written exactly (spaces around them dropped).
 */
export function splitBody(markdown: string): SplitBody {
  const lines = markdown.split('\n').map((line) => (line.trim() === PUBLIC_ONLY_START || line.trim() === PUBLIC_ONLY_END ? line.trim() : line));
  const at = lines.findIndex((line) => line.trim() === MEMBERS_ONLY_MARKER);
  if (at === -1) return { teaser: lines.join('\n').trim(), membersOnly: null };
  const membersOnly = lines.slice(at + 1).join('\n').trim();
  return { teaser: lines.slice(0, at).join('\n').trim(), membersOnly: membersOnly === '' ? null : membersOnly };
}

/**
 * The teaser with its public-only blocks resolved: for the public their text stays (the marker
 * lines go), for members each block goes whole. Only lines between a start and its end are ever
 * left out; a stray marker line (refused by `checkBody`) is dropped and hides nothing.
 */
export function resolvePublicOnly(teaser: string, audience: 'public' | 'member'): string {
  const lines = teaser.split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === PUBLIC_ONLY_START) {
      const end = lines.findIndex((other, at) => at > index && (other.trim() === PUBLIC_ONLY_END || other.trim() === PUBLIC_ONLY_START));
      if (audience === 'member' && end !== -1 && lines[end]!.trim() === PUBLIC_ONLY_END) index = end;
      continue;
    }
    if (line.trim() !== PUBLIC_ONLY_END) kept.push(line);
  }
  return kept.join('\n').trim();
}

/** The text of each public-only block of a teaser, for the desk's preview. */
export function publicOnlyBlocks(teaser: string): string[] {
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const line of teaser.split('\n')) {
    if (line.trim() === PUBLIC_ONLY_START) current = [];
    else if (line.trim() === PUBLIC_ONLY_END && current) {
      blocks.push(current.join('\n').trim());
      current = null;
    } else current?.push(line);
  }
  return blocks;
}

/** The inverse of `splitBody`, in the canonical form the exporter writes. */
export function joinBody(body: SplitBody): string {
  return body.membersOnly === null ? body.teaser : `${body.teaser}\n\n${MEMBERS_ONLY_MARKER}\n${body.membersOnly}`;
}
