// Trunk post_build hook: finish the release wasm, and make dist/index.html work under a strict
// Content-Security-Policy.
//  0. Release builds: the wasm is cut into the first load and chunks loaded on first use, then
//     optimised, and the wasm-bindgen JS minified with terser (Trunk's minifier cannot parse it):
//     scripts/split-wasm.mjs.
//  1. Trunk's inline module loader moves into a content-hashed file with Subresource Integrity,
//     so `script-src 'self'` needs no per-build hash (and the CSP stays one stable string).
//  2. The exact CSP from deploy/headers.json goes in as a <meta>: it lists each EMR and S3 endpoint,
//     where the header CloudFront sends (short, to fit its quota) uses wildcards. A browser enforces
//     both, so only the listed hosts are reachable — and plain static hosting without custom
//     headers still gets the meta. frame-ancestors only works as a header.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitWasm, sha384, hash16 } from './split-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

if (process.env.TRUNK_PROFILE === 'release') {
  const { minify: terser } = await import('terser');
  const minify = async (code) => (await terser(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
  try {
    html = await splitWasm({ root, staging, html, minify });
  } catch (e) {
    console.error(`postbuild: ${e.message}`);
    process.exit(1);
  }
}

// Trunk's HTML minifier (release builds) may drop the quotes: match both forms.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('postbuild: no inline module loader found in index.html');
  process.exit(1);
}
const loader = match[1].trim() + '\n';
const name = `loader-${hash16(loader)}.js`;
writeFileSync(join(staging, name), loader);
const integrity = sha384(loader);
html = html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`);

// The exact-host policy (generated from emr_core's region table; the header policy is the short one).
const { meta_content_security_policy: metaCsp } = JSON.parse(readFileSync(join(root, 'deploy/headers.json'), 'utf8'));
html = html.replace(/<meta charset="?utf-8"?>/i, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${metaCsp}">`);
if (!html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('postbuild: could not place the CSP meta tag');
  process.exit(1);
}
writeFileSync(htmlPath, html);
