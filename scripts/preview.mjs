#!/usr/bin/env node
// Production preview: serves dist/ under a sub-path with the headers CloudFront sends
// (deploy/headers.json: CSP, HSTS, nosniff, no-referrer, frame denial; cache rules;
// application/wasm; brotli/gzip like CloudFront's compression).
//
//   node scripts/preview.mjs [--dir dist] [--base /tools/emr/] [--port 8090] [--port-file FILE] [--tls 1]
//
// --tls 1 serves HTTPS with HTTP/2 (and HTTP/1.1 for clients without it), as CloudFront does, with
// a throwaway self-signed certificate for 127.0.0.1 (made with openssl): the Lighthouse benchmark
// uses it, since HTTP/2's one connection changes how a slow network delays the first paint.
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const dir = args.dir ?? join(root, 'dist');
let base = args.base ?? '/tools/emr/';
if (!base.startsWith('/')) base = '/' + base;
if (!base.endsWith('/')) base += '/';
const port = Number(args.port ?? 8090);

const config = JSON.parse(readFileSync(join(root, 'deploy/headers.json'), 'utf8'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json']);
// Trunk's content hashes: name-0123456789abcdef.ext. The hash is a u64 printed without leading
// zeros, so it is shorter now and then (1 build in 16 has 15 digits).
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

export function headersFor(file) {
  const h = {
    'Content-Security-Policy': config.content_security_policy,
    ...config.headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': HASHED.test(file) ? config.cache_control.hashed_assets : config.cache_control.index_html,
  };
  return h;
}

if (!existsSync(join(dir, 'index.html'))) {
  console.error(`preview: ${dir}/index.html not found — run trunk build --release first`);
  process.exit(1);
}

// Compressed once per file and encoding, as CloudFront's edge cache would hold them.
const compressed = new Map();
function encode(file, body, encoding) {
  const key = `${file}\0${encoding}`;
  if (!compressed.has(key)) compressed.set(key, encoding === 'br' ? brotliCompressSync(body) : gzipSync(body));
  return compressed.get(key);
}

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'emr-preview-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = Boolean(args.tls && args.tls !== '0');
const handler = (req, res) => {
  const url = new URL(req.url, 'http://preview');
  const common = { 'Content-Security-Policy': config.content_security_policy, ...config.headers };
  if (url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { ...common, Location: base });
    return res.end();
  }
  if (!url.pathname.startsWith(base) || !['GET', 'HEAD'].includes(req.method)) {
    res.writeHead(404, { ...common, 'Content-Type': 'text/plain' });
    return res.end('Not found\n');
  }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
  rel = normalize(rel).replace(/^(\.\.[/\\])+/, '');
  const file = join(dir, rel);
  if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...common, 'Content-Type': 'text/plain' });
    return res.end('Not found\n');
  }
  let body = readFileSync(file);
  const headers = headersFor(rel);
  const accept = req.headers['accept-encoding'] ?? '';
  if (COMPRESSIBLE.has(extname(rel))) {
    headers.Vary = 'Accept-Encoding';
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    if (encoding) {
      body = encode(file, body, encoding);
      headers['Content-Encoding'] = encoding;
    }
  }
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
};
const server = tls ? createSecureServer({ ...selfSignedCertificate(), allowHTTP1: true }, handler) : createServer(handler);

server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  if (args['port-file']) writeFileSync(args['port-file'], String(actual));
  console.log(`preview: ${tls ? 'https' : 'http'}://127.0.0.1:${actual}${base} (serving ${dir} with production headers${tls ? ', HTTP/2' : ''})`);
});
