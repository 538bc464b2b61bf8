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

const release = process.env.TRUNK_PROFILE === 'release';
const { minify: terser } = release ? await import('terser') : {};
const minify = async (code) => (await terser(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
if (release) {
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
// Trunk's loader names the glue and the wasm; ours fetches both checked against their hashes (the
// glue through its <link rel=modulepreload integrity>, the wasm with fetch's integrity), and says
// on the page when a part cannot be fetched or fails its check.
const glueName = match[1].match(/import init, \* as bindings from ['"]\.\/([^'"]+\.js)['"]/)?.[1];
const wasmName = match[1].match(/module_or_path: ['"]\.\/([^'"]+\.wasm)['"]/)?.[1];
if (!glueName || !wasmName || !html.includes(`${glueName}`) || !/rel="?modulepreload"?/.test(html)) {
  console.error(`postbuild: Trunk's loader is not the one this script was written for (Trunk 0.21.14): cannot find the glue and wasm it loads in\n${match[1]}`);
  process.exit(1);
}
const errors = readFileSync(join(root, 'core/src/emr/error.rs'), 'utf8');
const text = (name) => errors.match(new RegExp(`pub const ${name}: &str =\\s*"([^"]+)";`))?.[1];
const [meaning, remedy] = [text('UNAVAILABLE_MEANING'), text('UNAVAILABLE_REMEDY')];
if (!meaning || !remedy) {
  console.error('postbuild: UNAVAILABLE_MEANING / UNAVAILABLE_REMEDY not found in core/src/emr/error.rs');
  process.exit(1);
}
const loaderSource = `// The console's loader (scripts/postbuild.mjs).
const unavailable = () => {
  const status = document.querySelector('#boot .boot-status');
  if (!status) return;
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  alert.className = 'alert';
  alert.dataset.errorClass = 'network';
  const line = (cls, text, code) => {
    const p = document.createElement('p');
    p.className = cls;
    if (code) {
      const c = document.createElement('code');
      c.className = 'alert__code';
      c.textContent = text;
      p.append(c);
    } else p.textContent = text;
    return p;
  };
  const again = document.createElement('button');
  again.type = 'button';
  again.textContent = 'Try again';
  // The HTTP cache may hold the copy that failed: fetch both past it first, then start again.
  again.addEventListener('click', () =>
    Promise.allSettled([
      fetch('./${glueName}', { cache: 'reload', integrity: '${sha384(readFileSync(join(staging, glueName)))}' }),
      fetch('./${wasmName}', { cache: 'reload', integrity: '${sha384(readFileSync(join(staging, wasmName)))}' }),
    ]).then(() => location.reload()),
  );
  alert.append(line('alert__title', 'ConsoleUnavailable', true), line('alert__meaning', ${JSON.stringify(meaning)}), line('alert__remedy', ${JSON.stringify(remedy)}), again);
  status.replaceWith(alert);
};
try {
  const bindings = await import('./${glueName}');
  const wasm = await bindings.default({ module_or_path: fetch('./${wasmName}', { integrity: '${sha384(readFileSync(join(staging, wasmName)))}' }) });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (e) {
  console.error(e);
  unavailable();
}
`;
const loader = release ? await minify(loaderSource) : loaderSource;
const name = `loader-${hash16(loader)}.js`;
writeFileSync(join(staging, name), loader);
const integrity = sha384(loader);
html = html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`);

// The views that load on first use bring their styles along: style/views.css, named by its hash,
// is added by the page (edge::page::on_use_styles) when such a view is about to show. index.html
// names it only in a <meta>, so the first load does not fetch it.
{
  const css = readFileSync(join(root, 'style/views.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
  const cssName = `views-${hash16(css)}.css`;
  writeFileSync(join(staging, cssName), css);
  html = html.replace(/<\/head>/i, `<meta name="emr-on-use-css" content="./${cssName} ${sha384(css)}"></head>`);
  if (!html.includes(cssName)) {
    console.error('postbuild: could not name the on-use stylesheet in index.html');
    process.exit(1);
  }
}

// The exact-host policy (generated from emr_core's region table; the header policy is the short one).
const { meta_content_security_policy: metaCsp } = JSON.parse(readFileSync(join(root, 'deploy/headers.json'), 'utf8'));
html = html.replace(/<meta charset="?utf-8"?>/i, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${metaCsp}">`);
if (!html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('postbuild: could not place the CSP meta tag');
  process.exit(1);
}
writeFileSync(htmlPath, html);
