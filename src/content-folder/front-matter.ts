import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  // Front matter starts on file line 2, so a YAML line n is file line n + 1.
  const problems = [...doc.errors, ...doc.warnings].map((error) => ({
    line: (error.linePos?.[0]?.line ?? 1) + 1,
    message: `YAML: ${error.message.split('\n')[0]}`,
  }));
  if (problems.length > 0) return { problems };

  return {
    data: doc.toJS() ?? {},
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
    lineOf: (path) => lineOfPath(doc, lineCounter, path),
  };
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
