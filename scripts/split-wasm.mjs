// Release builds: the app's wasm, cut at its split points (src/split.rs) into the first load and
// chunks fetched on first use. Called by scripts/postbuild.mjs after Trunk has built and staged
// the unsplit wasm; replaces Trunk's wasm and JS in the staging directory.
//
// Trunk cannot do this itself: the cut needs the linker's output (with relocations), before
// wasm-bindgen. So, from target/wasm32-unknown-unknown/release/emr-console.wasm:
//   1. tools/wasm-split cuts it: main.wasm, one wasm per chunk, and __wasm_split.js (the loader);
//   2. wasm-bindgen turns main.wasm into the JS glue and the first-load wasm, as Trunk would, but
//      keeping the function table's export (the chunks import it);
//   3. wasm-opt -Oz shrinks every wasm (Trunk's own pass is off: data-wasm-opt="0");
//   4. the loader goes into the glue (one module: neither needs the other's hashed name), each
//      chunk gets a content-hashed name and its fetch an integrity check, both in the chunk
//      table (chunks-<hash>.json), which the glue fetches with its own integrity on first use;
//   5. index.html and Trunk's loader point at the new files, with new integrity hashes.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Subresource Integrity value of `bytes`. */
export const sha384 = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
/** The content hash in a file's name. */
export const hash16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/**
 * The versions this step was written for: it rewrites the JS wasm-bindgen generates and the
 * loader the splitter writes (linkGlue), whose shapes change between versions. Another version
 * fails here with what to check, instead of shipping a page that cannot load its chunks.
 */
export const WRITTEN_FOR = { 'wasm-bindgen': '0.2.130', wasm_split_cli_support: '0.2.4' };

/** The version of `name` in Cargo.lock. */
function lockedVersion(root, name) {
  const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
  const m = lock.match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`));
  return m?.[1];
}

function checkVersions(root) {
  const bindgen = execFileSync('wasm-bindgen', ['--version']).toString().trim().split(/\s+/).pop();
  const found = { 'wasm-bindgen': bindgen, wasm_split_cli_support: lockedVersion(root, 'wasm_split_cli_support') };
  for (const [tool, wanted] of Object.entries(WRITTEN_FOR)) {
    if (found[tool] !== wanted) {
      throw new Error(
        `split: scripts/split-wasm.mjs was written for ${tool} ${wanted}, but this build uses ${found[tool] ?? 'none'}. ` +
          `Check that linkGlue still matches the generated glue and loader (tests/e2e/split.test.mjs), then update WRITTEN_FOR.`,
      );
    }
  }
}

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

async function runAll(jobs) {
  const { spawn } = await import('node:child_process');
  await Promise.all(
    jobs.map(
      ([cmd, args]) =>
        new Promise((resolve, reject) => {
          const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
        }),
    ),
  );
}

/**
 * Inlines the split loader into the wasm-bindgen glue. The chunks' hashed names and integrity are
 * not in the glue (they would be ~50 incompressible bytes each in the first load): they are the
 * chunk table, `table` ({ name, integrity }), fetched with its own integrity when the first chunk
 * is wanted. `chunks` maps each chunk the loader fetches to { name, integrity }.
 */
export function linkGlue(glue, loader, chunks, table) {
  // wasm-bindgen writes one namespace import per imported loader function.
  const importLine = /^import \* as (\w+) from ["']\.\/__wasm_split\.js["'];?\n/gm;
  const names = [...glue.matchAll(importLine)].map((m) => m[1]);
  if (names.length === 0) throw new Error('split: the glue does not import ./__wasm_split.js');
  const exported = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  if (exported.length === 0) throw new Error('split: the loader exports nothing');
  let body = loader
    .replace(/^import \{ initSync \} from ["'][^"']+["'];?\n/m, '')
    .replace(/^export const /gm, 'const ');
  if (/^\s*(import|export)\b/m.test(body)) throw new Error('split: the loader imports or exports something unexpected');
  for (const file of chunks.keys()) {
    const from = `fetch(new URL("./${file}", import.meta.url))`;
    if (!body.includes(from)) throw new Error(`split: the loader does not fetch ${file}`);
    body = body.replace(from, `__fetchChunk("${file}")`);
  }
  // Each file is checked against its hash; a second try (Try again) goes past the HTTP cache,
  // which may hold the copy that failed. A table that failed is fetched again next time.
  body =
    `const __tried = new Set();\n` +
    `const __cache = (url) => (__tried.has(url.href) ? "reload" : (__tried.add(url.href), "default"));\n` +
    `let __table;\n` +
    `const __chunkTable = () => (__table ??= (async () => {\n` +
    `  const url = new URL("./${table.name}", import.meta.url);\n` +
    `  const r = await fetch(url, { integrity: "${table.integrity}", cache: __cache(url) });\n` +
    `  if (!r.ok) throw new Error("chunk table: HTTP " + r.status);\n` +
    `  return r.json();\n` +
    `})().catch((e) => { __table = undefined; throw e; }));\n` +
    `const __fetchChunk = async (file) => {\n` +
    `  const [name, integrity] = (await __chunkTable())[file];\n` +
    `  const url = new URL("./" + name, import.meta.url);\n` +
    `  return fetch(url, { integrity, cache: __cache(url) });\n` +
    `};\n` +
    body;
  if (/fetch\(new URL\("\.\/[^"]+\.wasm", import\.meta\.url\)\)/.test(body)) {
    throw new Error('split: the loader fetches a chunk that was not renamed');
  }
  const links = `{ ${exported.join(', ')} }`;
  return (
    glue.replace(importLine, '') +
    `\n// The split loader (tools/wasm-split), inlined.\n${body}\nconst ${names.map((n) => `${n} = ${links}`).join(', ')};\n`
  );
}

/**
 * Splits the release wasm and rewrites `html` (returned) to load the new first-load files.
 * `staging` is Trunk's staging directory; `root` the checkout.
 */
export async function splitWasm({ root, staging, html, minify }) {
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const linked = join(targetDir, 'wasm32-unknown-unknown/release/emr-console.wasm');
  if (!existsSync(linked)) throw new Error(`split: ${linked} is missing`);
  checkVersions(root);
  const work = join(targetDir, 'wasm-split');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'bg'), { recursive: true });

  // 1. Cut (the tool builds in seconds once; offline like the rest of the build).
  const offline = process.env.TRUNK_OFFLINE === 'true' ? ['--offline'] : [];
  run('cargo', ['build', '--quiet', '--profile', 'tool', '-p', 'emr-wasm-split', ...offline], { cwd: root });
  run(join(targetDir, 'tool/emr-wasm-split'), [linked, work]);

  // 2. Bindgen, as Trunk calls it.
  run('wasm-bindgen', ['--target=web', `--out-dir=${join(work, 'bg')}`, '--out-name=emr-console', '--no-typescript', '--keep-lld-exports', join(work, 'main.wasm')]);

  // 3. Optimise every piece, two at a time (the machine's cores).
  const chunkFiles = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'main.wasm');
  const pieces = [join(work, 'bg/emr-console_bg.wasm'), ...chunkFiles.map((f) => join(work, f))];
  // --low-memory-unused: Rust puts the stack first, so the low 1 KiB of memory is the stack's far
  // end and never holds data; wasm-opt may then fold more address arithmetic (~0.5 % smaller).
  await runAll(pieces.map((p) => ['wasm-opt', ['-Oz', '--low-memory-unused', p, '-o', p]]));

  // 4. Chunks under content-hashed names; the loader in the glue.
  const chunks = new Map();
  for (const file of chunkFiles) {
    const bytes = readFileSync(join(work, file));
    const name = `${file.replace(/\.wasm$/, '')}-${hash16(bytes)}.wasm`;
    writeFileSync(join(staging, name), bytes);
    chunks.set(file, { name, integrity: sha384(bytes) });
  }
  const tableText = JSON.stringify(Object.fromEntries([...chunks].map(([file, c]) => [file, [c.name, c.integrity]])));
  const table = { name: `chunks-${hash16(Buffer.from(tableText))}.json`, integrity: sha384(Buffer.from(tableText)) };
  writeFileSync(join(staging, table.name), tableText);
  const glue = linkGlue(
    readFileSync(join(work, 'bg/emr-console.js'), 'utf8'),
    readFileSync(join(work, '__wasm_split.js'), 'utf8'),
    chunks,
    table,
  );
  const js = await minify(glue);
  const wasm = readFileSync(join(work, 'bg/emr-console_bg.wasm'));
  const jsName = `emr-console-${hash16(js)}.js`;
  const wasmName = `emr-console-${hash16(wasm)}_bg.wasm`;

  // 5. Replace Trunk's files and every reference to them (names and integrity).
  const trunkJs = readdirSync(staging).filter((f) => /^emr-console-[0-9a-f]+\.js$/.test(f));
  const trunkWasm = readdirSync(staging).filter((f) => /^emr-console-[0-9a-f]+_bg\.wasm$/.test(f));
  if (trunkJs.length !== 1 || trunkWasm.length !== 1) throw new Error(`split: expected one Trunk JS and wasm, found ${trunkJs} ${trunkWasm}`);
  for (const [old, name, bytes] of [
    [trunkJs[0], jsName, js],
    [trunkWasm[0], wasmName, wasm],
  ]) {
    const oldBytes = readFileSync(join(staging, old));
    const oldSri = sha384(oldBytes);
    if (!html.includes(old)) throw new Error(`split: index.html does not name ${old}`);
    html = html.replaceAll(old, name);
    if (html.includes(oldSri)) html = html.replaceAll(oldSri, sha384(bytes));
    unlinkSync(join(staging, old));
    writeFileSync(join(staging, name), bytes);
  }
  const summary = [...chunks.values()].map((c) => c.name).join(', ');
  console.log(`split: first load ${jsName} + ${wasmName}; on use: ${summary || 'nothing'}`);
  return html;
}
