#!/usr/bin/env node
// Bytes of dist/ per file and in total: raw, gzip -9 and brotli (quality 11, as CloudFront and
// `brotli -q 11`). With --check, fails when the brotli total exceeds deploy/size-budget.json.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const rows = readdirSync(dist)
  .filter((f) => statSync(join(dist, f)).isFile())
  .sort()
  .map((f) => {
    const b = readFileSync(join(dist, f));
    return {
      file: f,
      raw: b.length,
      gzip: gzipSync(b, { level: 9 }).length,
      brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(44)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${'total'.padEnd(44)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);

if (process.argv.includes('--check')) {
  const { brotli_bytes: budget } = JSON.parse(readFileSync(join(root, 'deploy/size-budget.json'), 'utf8'));
  if (total.brotli > budget) {
    console.error(`size budget exceeded: dist/ is ${total.brotli} bytes brotli, budget ${budget} (deploy/size-budget.json)`);
    process.exit(1);
  }
  console.log(`size budget ok: ${total.brotli} of ${budget} bytes brotli (${((100 * total.brotli) / budget).toFixed(1)}%)`);
}
