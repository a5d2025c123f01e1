#!/usr/bin/env node
// The layer rules of docs/ARCHITECTURE.md, checked on the import statements of src/ (tests
// excluded): imports point one way, downwards. `npm test` runs this through
// test/architecture.test.ts; `node scripts/check-imports.mjs` prints the violations by hand.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Each top-level folder (or top-level file, by name) of src/ and its layer. A file may import
 * from its own folder and from folders of a lower layer; within a layer only the pairs in
 * SAME_LAYER are allowed (the domains may use each other as long as no two form a cycle).
 */
export const LAYERS = [
  ['lib'],
  ['i18n'],
  ['config', 'db'],
  ['jobs'],
  ['content', 'mail'],
  ['activity', 'auth', 'members', 'staff', 'events', 'programs', 'reports', 'stories', 'inquiries', 'translations', 'settings', 'consent', 'privacy', 'search', 'organizations', 'introductions', 'curation', 'media', 'audiences', 'engagement'],
  ['issues'],
  ['delivery'],
  ['web', 'admin'],
  ['content-folder'],
  ['cli', 'worker', 'app', 'services', 'main'],
];

/** Same-layer imports that are allowed besides a folder's own: domains use each other's services; the desk's previews use the public page components. */
const SAME_LAYER = (from, to, layer) => layer === 5 || (from === 'admin' && to === 'web') || (layer === 10 && from !== to) || (layer === 2 && from === 'db' && to === 'config');

/** `*.queries` files imported from outside their folder, on purpose: the content folder's import writes every kind in its one transaction. */
export const QUERIES_ALLOWED = new Set(['content-folder/import.service.ts']);

function listSources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx', '/index.ts']) if (existsSync(base + ext)) return base + ext;
  return undefined;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every relative import of every source file under `srcDir`, as a map file → imported files. */
export function importGraph(srcDir) {
  const graph = new Map();
  for (const file of listSources(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2]);
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The folder (or top-level file's name) a path belongs to. */
function areaOf(srcDir, file) {
  const parts = relative(srcDir, file).split('/');
  return parts.length === 1 ? parts[0].replace(/\.tsx?$/, '') : parts[0];
}

function layerOf(area) {
  return LAYERS.findIndex((names) => names.includes(area));
}

/** Strongly connected components with more than one member (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const indexes = new Map();
  const lows = new Map();
  const found = [];
  const visit = (node) => {
    indexes.set(node, index);
    lows.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indexes.has(next)) {
        visit(next);
        lows.set(node, Math.min(lows.get(node), lows.get(next)));
      } else if (onStack.has(next)) lows.set(node, Math.min(lows.get(node), indexes.get(next)));
    }
    if (lows.get(node) === indexes.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!indexes.has(node)) visit(node);
  return found;
}

/** Every broken rule, one line each: file cycles, folder cycles, imports against the layers, foreign `*.queries` imports. */
export function checkImports(srcDir) {
  const graph = importGraph(srcDir);
  const problems = [];
  const rel = (file) => relative(srcDir, file);
  for (const component of cycles(graph)) problems.push(`file cycle: ${component.map(rel).sort().join(' → ')}`);

  const areaGraph = new Map();
  for (const [file, targets] of graph) {
    const from = areaOf(srcDir, file);
    const fromLayer = layerOf(from);
    if (fromLayer === -1) problems.push(`${rel(file)}: the folder "${from}" has no layer in scripts/check-imports.mjs`);
    for (const target of targets) {
      const to = areaOf(srcDir, target);
      if (from !== to) {
        if (!areaGraph.has(from)) areaGraph.set(from, new Set());
        areaGraph.get(from).add(to);
        const toLayer = layerOf(to);
        if (toLayer > fromLayer || (toLayer === fromLayer && !SAME_LAYER(from, to, fromLayer))) {
          problems.push(`${rel(file)} imports ${rel(target)}: "${from}" must not depend on "${to}" (layers point downwards)`);
        }
      }
      if (/\.queries\.ts$/.test(target) && dirname(target) !== dirname(file) && areaOf(srcDir, target) !== from && !QUERIES_ALLOWED.has(rel(file))) {
        problems.push(`${rel(file)} imports ${rel(target)}: another domain's queries (call its service instead)`);
      }
    }
  }
  for (const component of cycles(areaGraph)) problems.push(`folder cycle: ${component.sort().join(' ↔ ')}`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const problems = checkImports(srcDir);
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  process.stdout.write(problems.length === 0 ? 'imports follow the layers\n' : `${problems.length} problem(s)\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
