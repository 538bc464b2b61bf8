#!/usr/bin/env node
// What must never be in the first load, checked on the release build's first-load wasm (the
// splitter's main.wasm, names kept): each entry is a path prefix of Rust functions and why it
// belongs in a chunk. A match fails the check and prints what pulled it in: the chain of callers
// from a function whose address is taken (a closure, a view) or an export down to it.
//   node scripts/first-load-check.mjs [path/to/main.wasm]   (after trunk build --release)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** [path prefix, why it must stay out of the first load]. */
export const FORBIDDEN = [
  ['aws_sigv4::', 'SigV4 signing: only calls sign, and calls are the net chunk (src/net/chunk.rs)'],
  ['emr_core::aws::signing::sign', 'request signing: the net chunk'],
  ['emr_core::aws::call::', 'the SDK loop (retries, clock skew): the net chunk'],
  ['emr_core::emr::operations::parse_', 'EMR response parsers: the net chunk'],
  ['serde_json::', 'JSON parsing and writing: the net chunk (requests, responses) and the input chunk (pasted credentials); sessionStorage uses the browser\'s JSON'],
  ['emr_core::emr::error::explain', 'the long error explanations: the net chunk'],
  ['emr_core::s3::explain', 'S3 error explanations: read with the notebooks, in chunks'],
  ['emr_core::aws::paste::', 'the credential paste parser: the input chunk, fetched when the paste box gets focus'],
  ['emr_core::emr::locate::', 'the ID/ARN/link reader: the input chunk, fetched when the ID box gets focus'],
  ['emr_core::notebook::', 'the notebook model, parser and failure finder: read with the preview, in chunks'],
  ['emr_console::ui::common::notebook::', 'the notebook renderer: in the chunks that show notebooks'],
  ['emr_core::emr::list::listing::Listing::merge_refresh', 'the list refresh merge: the list chunk'],
  ['emr_core::emr::timeline::', 'the timeline layout: the list chunk'],
  ['emr_core::emr::start::code::', 'Copy as (CLI, boto3, Airflow, Scheduler writers): with the start form, in chunks'],
  ['emr_core::emr::cluster::', 'the cluster checks: with the start form, in chunks'],
  ['emr_console::ui::common::start::', 'the start form: Run again (the detail chunk) and New execution (the start chunk)'],
];

/** Legacy Rust symbol demangling (`_ZN…E`), enough to read paths; other names pass through. */
export function demangle(name) {
  const m = name.match(/^_?_ZN(.*)E(?:\.\d+)?$/);
  if (!m) return name;
  let rest = m[1];
  const parts = [];
  while (rest.length) {
    const len = rest.match(/^(\d+)/);
    if (!len) break;
    const n = Number(len[1]);
    parts.push(rest.slice(len[1].length, len[1].length + n));
    rest = rest.slice(len[1].length + n);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  const unescape = (s) =>
    s
      .replace(/^_\$/, '$')
      .replace(/\$LT\$/g, '<')
      .replace(/\$GT\$/g, '>')
      .replace(/\$RF\$/g, '&')
      .replace(/\$BP\$/g, '*')
      .replace(/\$LP\$/g, '(')
      .replace(/\$RP\$/g, ')')
      .replace(/\$C\$/g, ',')
      .replace(/\$SP\$/g, '@')
      .replace(/\$u([0-9a-f]{2})\$/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
      .replace(/\.\./g, '::');
  return parts.map(unescape).join('::');
}

/** The call graph binaryen prints (`--print-call-graph`): nodes, roots and reverse edges. */
export function parseCallGraph(dot) {
  const callers = new Map();
  const roots = new Map();
  const nodes = new Set();
  for (const line of dot.split('\n')) {
    const edge = line.match(/^\s*"(.+)" -> "(.+)";(?:\s*\/\/.*)?$/);
    if (edge) {
      const [, from, to] = edge;
      if (from === 'A') continue;
      nodes.add(from).add(to);
      if (!callers.has(to)) callers.set(to, []);
      callers.get(to).push(from);
      continue;
    }
    const node = line.match(/^\s*"(.+)" \[style="([^"]*)"(?:, fillcolor="(\w+)")?\];\s*$/);
    if (node) {
      const [, name, style, colour] = node;
      if (['Import', 'Export', 'Indirect Target'].includes(name)) continue;
      nodes.add(name);
      if (colour === 'gray') roots.set(name, 'exported');
      else if (style.includes('rounded')) roots.set(name, 'address taken');
    }
  }
  return { nodes, roots, callers };
}

/** The shortest chain of callers from a root to `target`, root first. */
function pulledIn(graph, target) {
  const from = new Map([[target, null]]);
  const queue = [target];
  while (queue.length) {
    const at = queue.shift();
    if (graph.roots.has(at) && at !== target) {
      const chain = [];
      for (let n = at; n !== null; n = from.get(n)) chain.push(n);
      return chain;
    }
    for (const c of graph.callers.get(at) ?? []) {
      if (!from.has(c)) {
        from.set(c, at);
        queue.push(c);
      }
    }
  }
  return [target];
}

/** Every forbidden function in the graph, with its reason and what pulled it in. */
export function check(graph, forbidden = FORBIDDEN) {
  const found = [];
  for (const name of graph.nodes) {
    const path = demangle(name.replace(/ local_shim$/, ''));
    const hit = forbidden.find(([prefix]) => path.startsWith(prefix) || path.startsWith('<' + prefix));
    if (!hit) continue;
    const chain = pulledIn(graph, name).map((n) => {
      const p = demangle(n.replace(/ local_shim$/, ''));
      return graph.roots.has(n) ? `${p} (${graph.roots.get(n)})` : p;
    });
    found.push({ path, reason: hit[1], chain });
  }
  return found;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const wasm = process.argv[2] ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'wasm-split/main.wasm');
  if (!existsSync(wasm)) {
    console.error(`first-load-check: ${wasm} is missing: run trunk build --release first`);
    process.exit(2);
  }
  const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
  const dot = execFileSync(wasmOpt, [wasm, '--print-call-graph', '-o', '/dev/null'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const graph = parseCallGraph(dot);
  if (graph.nodes.size < 100) {
    console.error(`first-load-check: the call graph of ${wasm} has only ${graph.nodes.size} functions: did binaryen's --print-call-graph change its output?`);
    process.exit(2);
  }
  const found = check(graph);
  if (found.length) {
    // Per forbidden group: how many functions, and what pulled the first of them in.
    const groups = new Map();
    for (const f of found) {
      if (!groups.has(f.reason)) groups.set(f.reason, []);
      groups.get(f.reason).push(f);
    }
    console.error(`first-load-check: ${found.length} function(s) that must stay out of the first load are in it:`);
    for (const [reason, fs] of groups) {
      console.error(`\n  ${fs.length} × ${fs[0].path}${fs.length > 1 ? ' and others' : ''}\n    why it must not be: ${reason}\n    pulled in by: ${fs[0].chain.join('\n               → ')}`);
    }
    process.exit(1);
  }
  console.log(`first-load-check: none of the ${FORBIDDEN.length} forbidden groups is in the first load (${graph.nodes.size} functions checked)`);
}
