import { Lexer, LineCounter, Parser, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';

/** A Markdown file split into its YAML front matter and body, with line lookup for errors. */
export interface FrontMatterFile {
  readonly data: unknown;
  readonly body: string;
  /** 1-based file line on which the body starts. */
  readonly bodyLine: number;
  /** 1-based file line of the value at a key path, or of the front matter's start. */
  lineOf(path: readonly (string | number)[]): number;
}

/** A problem found while reading the file itself, before any schema check. */
export interface SyntaxProblem {
  readonly line: number;
  readonly message: string;
}

const FENCE = '---';

/**
 * The deepest nesting of lists and mappings front matter may have: the deepest the format uses
 * is 5 (an issue's sections, their items), and a deeper document could exhaust the parser's stack.
 */
export const MAX_YAML_DEPTH = 20;

/**
 * The yaml package's own guard against alias bombs (`&a [*a, *a, …]` nested): how many values
 * aliases may stand for in all; the content format never needs aliases at all.
 */
export const MAX_YAML_ALIASES = 100;

/** Parses `---\n<yaml>\n---\n<markdown>`; returns the problems instead when it cannot. */
export function parseFrontMatter(text: string): FrontMatterFile | { problems: SyntaxProblem[] } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines[0]?.trimEnd() !== FENCE) {
    return { problems: [{ line: 1, message: 'must start with a line "---" opening the front matter' }] };
  }
  // Only a line that starts with the fence closes it: an indented `---` is YAML content.
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (close === -1) return { problems: [{ line: 1, message: 'front matter is not closed by a line "---"' }] };

  const yamlText = lines.slice(1, close).join('\n');
  // Every problem below is one problem for the file, at the line where it starts, whatever
  // follows it: a bomb or a deep document would otherwise repeat the same finding dozens of times.
  const deepAt = tooDeepAt(yamlText);
  if (deepAt !== undefined) {
    return { problems: [{ line: lineAt(yamlText, deepAt) + 1, message: `YAML: lists and mappings are nested more than ${MAX_YAML_DEPTH} levels deep here; front matter needs at most 5` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  // Front matter starts on file line 2, so a YAML line n is file line n + 1.
  const problems = [...doc.errors, ...doc.warnings].map((error) => ({
    line: (error.linePos?.[0]?.line ?? 1) + 1,
    message: `YAML: ${error.message.split('\n')[0]}`,
  }));
  if (problems.length > 0) return { problems };
  const aliases = checkAliases(doc);
  const lineOfNode = (node: Node) => (node.range ? lineCounter.linePos(node.range[0]).line : 1) + 1;
  if (aliases.unresolved) {
    const name = aliases.unresolved.source;
    return { problems: [{ line: lineOfNode(aliases.unresolved), message: `YAML: the alias *${name} has no anchor &${name} before it` }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // With every alias resolved (checked above), the only refusal left is the alias limit.
    if (!(error instanceof ReferenceError)) throw error;
    return {
      problems: [{
        line: aliases.firstAnchor ? lineOfNode(aliases.firstAnchor) : 2,
        message: `YAML: the aliases (*name) stand for more than ${MAX_YAML_ALIASES} values in all; write the values out instead of repeating anchors`,
      }],
    };
  }

  return {
    data: data ?? {},
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
    lineOf: (path) => lineOfPath(doc, lineCounter, path),
  };
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Where YAML nests collections deeper than MAX_YAML_DEPTH (an offset), found by the yaml
 * package's own lexer and CST parser, which keep their nesting on a stack of their own and so
 * stop at the limit before anything recursive (composing, toJS) sees the document.
 */
function tooDeepAt(yamlText: string): number | undefined {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(yamlText)) {
    const offset = parser.offset;
    for (const token of parser.next(lexeme)) void token;
    if (parser.stack.filter((token) => COLLECTIONS.has(token.type)).length > MAX_YAML_DEPTH) return offset;
  }
  return undefined;
}

/** 1-based line of an offset in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/**
 * The first anchor (where an alias bomb starts) and the first alias with no anchor before it, in
 * one pass in document order, which is how the yaml package resolves an alias.
 */
function checkAliases(doc: Document): { firstAnchor?: Node; unresolved?: Alias } {
  const anchors = new Set<string>();
  let firstAnchor: Node | undefined;
  let unresolved: Alias | undefined;
  visit(doc, {
    Alias(_key, alias) {
      if (anchors.has(alias.source)) return undefined;
      unresolved = alias;
      return visit.BREAK;
    },
    Node(_key, node) {
      if (node.anchor === undefined) return undefined;
      anchors.add(node.anchor);
      firstAnchor ??= node;
      return undefined;
    },
  });
  return { ...(firstAnchor ? { firstAnchor } : {}), ...(unresolved ? { unresolved } : {}) };
}

function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number {
  // Point at the key of a mapping entry (or the item of a list); a missing key points at its
  // parent, so walk up the path until something with a position is found.
  for (let length = path.length; length > 0; length--) {
    const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
    const last = path[length - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line + 1;
  }
  const root = doc.contents;
  return isNode(root) && root.range ? lineCounter.linePos(root.range[0]).line + 1 : 2;
}
