import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// No English UI string outside the catalogs: every page and email component (TSX) is read with
// the TypeScript parser, and any text between tags, or any aria-label, title, alt or
// placeholder given as a literal, that holds a Latin letter is a finding (`file:line: text`).
// Symbols (◆, ·, ×) and markup-only text pass. Files not translated yet are listed below with
// the issue that finishes them; the list may only shrink: a listed file without findings fails.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['src/web', 'src/admin', 'src/mail', 'src/members/emails', 'src/staff/emails', 'src/events/emails', 'src/programs/emails', 'src/inquiries/emails', 'src/introductions/emails'];
const ATTRIBUTES = new Set(['aria-label', 'title', 'alt', 'placeholder', 'aria-description']);

/** Files whose strings are still English (none: a component that cannot be translated at once is listed here, and the list may only shrink). */
export const NOT_YET_TRANSLATED: ReadonlySet<string> = new Set([
]);

function tsxFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return tsxFiles(path);
    return path.endsWith('.tsx') && !path.endsWith('.test.tsx') ? [path] : [];
  });
}

/** The literal UI text of one TSX source, as `line: text`. */
export function literalTexts(source: string, fileName = 'file.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push(`${line}: ${text.replace(/\s+/g, ' ').trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]/.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && ATTRIBUTES.has(node.name.getText(file)) && node.initializer && ts.isStringLiteral(node.initializer) && /[A-Za-z]/.test(node.initializer.text)) {
      report(node, `${node.name.getText(file)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('UI text comes from the catalogs', () => {
  const files = SCANNED.flatMap(tsxFiles).map((path) => relative(ROOT, join(ROOT, path)));

  it('finds literal text between tags and in labelling attributes, and passes catalog calls and symbols', () => {
    const found = literalTexts(`const A = () => (<p title="Hello" aria-hidden="true"><b>Sign in</b> {t('site.actions.signIn')} ◆ · <a alt={x}>{name}</a></p>);`);
    expect(found).toEqual(['1: title="Hello"', '1: Sign in']);
  });

  it('no page or email component holds an English UI string, except the files listed as not yet translated', () => {
    const findings = files.filter((path) => !NOT_YET_TRANSLATED.has(path)).flatMap((path) => literalTexts(readFileSync(join(ROOT, path), 'utf8'), path).map((finding) => `${path}:${finding}`));
    expect(findings).toEqual([]);
  });

  it('lists only files that still hold English text', () => {
    const done = [...NOT_YET_TRANSLATED].filter((path) => !files.includes(path) || literalTexts(readFileSync(join(ROOT, path), 'utf8'), path).length === 0);
    expect(done, 'translated (or gone): remove from NOT_YET_TRANSLATED').toEqual([]);
  });
});
