import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { DEMO_DIR } from '../../../src/content-folder/demo.js';
import { MARKDOWN_PAYLOADS, MULTI_LINE_PAYLOADS, ONE_LINE_PAYLOADS } from './xss.js';

// A content folder for the attack suite: the demo, with XSS payloads written into every text
// field of the front matter (titles, headings, labels, names, venues, addresses, sources,
// findings, organisations), into every web address a field may hold, and into every body, in
// both the public teaser and the members-only part.

/** Front matter keys that hold free text shown on pages. */
const TEXT_KEYS = new Set([
  'title', 'subtitle', 'name', 'heading', 'label', 'venue', 'address', 'city', 'organiser_name', 'outlet', 'author',
  'statement', 'publisher', 'partner', 'contact_name', 'organizations', 'call_intro',
]);

/** Keys holding web addresses: the importer only takes http(s), so the payload rides in the query. */
const URL_KEYS = new Set(['url', 'online_url']);

/** Payloads for one-line fields that the file format can carry (YAML refuses control characters). */
const FIELD_PAYLOADS = ONE_LINE_PAYLOADS.filter((payload) => !/[\u0000-\u0008]/.test(payload));
/** Body payloads: HTML comments are refused by the importer (they could hide a mistyped members-only line). */
const BODY_PAYLOADS = [...FIELD_PAYLOADS, ...MARKDOWN_PAYLOADS, ...MULTI_LINE_PAYLOADS].filter((payload) => !payload.includes('<!--'));
const URL_PAYLOAD = 'https://example.org/?q="><img data-xss src=x onerror=window.__xss=1>&x=\'><svg data-xss onload=window.__xss=1>';

const MEMBERS_ONLY = '<!-- members-only -->';
/** Kinds whose bodies may carry a members-only part. */
const SPLIT_BODIES = new Set(['stories', 'events', 'programs', 'reports', 'issues']);

/** Copies the demo into `dir` and writes payloads into every text field and body; returns how many fields got one. */
export function writeHostileContent(dir: string): number {
  cpSync(DEMO_DIR, dir, { recursive: true });
  let next = 0;
  const nextPayload = () => FIELD_PAYLOADS[next++ % FIELD_PAYLOADS.length]!;
  let fields = 0;
  for (const kind of readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    for (const file of readdirSync(join(dir, kind)).filter((name) => name.endsWith('.md'))) {
      const path = join(dir, kind, file);
      const text = readFileSync(path, 'utf8');
      const close = text.indexOf('\n---\n', 4);
      const doc = parseDocument(text.slice(4, close + 1), { version: '1.2' });
      fields += poison(doc.contents, undefined, nextPayload);
      const body = text.slice(close + 5);
      writeFileSync(path, `---\n${doc.toString({ lineWidth: 0 })}---\n${poisonBody(body, SPLIT_BODIES.has(kind))}`);
    }
  }
  return fields;
}

/** Appends a payload to every text value under the node; returns how many it changed. */
function poison(node: unknown, key: string | undefined, nextPayload: () => string): number {
  let changed = 0;
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      changed += poison(pair.value, name, nextPayload);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) changed += poison(item, key, nextPayload);
  } else if (isScalar(node) && typeof node.value === 'string' && key !== undefined) {
    if (TEXT_KEYS.has(key)) {
      node.value = `${node.value} ${nextPayload()}`;
      changed += 1;
    } else if (URL_KEYS.has(key)) {
      node.value = URL_PAYLOAD;
      changed += 1;
    }
    // Plain style would let YAML read `- x` or `: x` in a payload as structure.
    if (changed > 0) (node as Node & { type?: string }).type = 'QUOTE_DOUBLE';
  }
  return changed;
}

/** Every body payload in the teaser and, where the kind allows one, in the members-only part. */
function poisonBody(body: string, split: boolean): string {
  const payloads = BODY_PAYLOADS.join('\n\n');
  const index = body.indexOf(MEMBERS_ONLY);
  if (index >= 0) return `${payloads}\n\n${body.slice(0, index)}${MEMBERS_ONLY}\n${payloads}\n\n${body.slice(index + MEMBERS_ONLY.length).trimStart()}`;
  if (split) return `${payloads}\n\n${body.trimEnd()}\n\n${MEMBERS_ONLY}\n${payloads}\n`;
  return `${body.trimEnd()}\n\n${payloads}\n`;
}
