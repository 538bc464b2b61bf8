#!/usr/bin/env node
// Bytes of dist/ per file: raw, gzip -9 and brotli (quality 11, as CloudFront and `brotli -q 11`),
// split into the first load (index.html and what it loads before the app runs) and the chunks the
// app fetches on first use (src/split.rs). With --check, fails when either brotli total passes
// deploy/size-budget.json.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.SIZE_REPORT_DIST ?? join(root, 'dist');
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());

// The first load: index.html, the files it names, and what those name in turn (the loader names
// the glue and the wasm). A chunk is named only inside a fetch the app makes when it needs it.
const firstLoad = new Set(['index.html']);
const queue = ['index.html'];
while (queue.length) {
  // A chunk's name appears only in `new URL("./<chunk>", import.meta.url)`, fetched on use.
  // …and the views' stylesheet only in index.html's <meta name="emr-on-use-css">, added on use.
  const text = readFileSync(join(dist, queue.shift()), 'utf8')
    .replace(/new URL\((["'`])\.\/[^"'`]+\1\s*,\s*import\.meta\.url\)/g, '')
    .replace(/<meta name="?emr-on-use-css"?[^>]*>/g, '');
  for (const f of files) {
    if (firstLoad.has(f)) continue;
    if (text.includes(f)) {
      firstLoad.add(f);
      if (/\.(html|js)$/.test(f)) queue.push(f);
    }
  }
}

const rows = files.sort().map((f) => {
  const b = readFileSync(join(dist, f));
  return {
    file: f,
    when: firstLoad.has(f) ? 'first load' : 'on use',
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const first = sum(rows.filter((r) => r.when === 'first load'));
const total = sum(rows);
const pad = (s, n) => String(s).padStart(n);
const line = (name, when, r) => console.log(`${name.padEnd(44)}${when.padEnd(12)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${'file'.padEnd(44)}${'when'.padEnd(12)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
for (const r of rows) line(r.file, r.when, r);
line('first load', '', first);
line('everything', '', total);

if (process.argv.includes('--check')) {
  const budget = JSON.parse(readFileSync(join(root, 'deploy/size-budget.json'), 'utf8'));
  let ok = true;
  for (const [what, bytes, limit] of [
    ['the first load', first.brotli, budget.first_load_brotli],
    ['everything (first load and every chunk)', total.brotli, budget.total_brotli],
  ]) {
    if (bytes > limit) {
      console.error(`size budget exceeded: ${what} is ${bytes} bytes brotli, budget ${limit} (deploy/size-budget.json)`);
      ok = false;
    } else {
      console.log(`size budget ok: ${what} ${bytes} of ${limit} bytes brotli (${((100 * bytes) / limit).toFixed(1)}%)`);
    }
  }
  if (!ok) process.exit(1);
}
