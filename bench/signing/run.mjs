// Serves the built benchmark page (target/bench-signing/) on loopback, opens it in headless
// Chromium and prints the figures. Run through scripts/bench-signing, which builds it first.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { launch } from '../../tests/e2e/harness.mjs';

const dir = process.argv[2];
const total = Number(process.argv[3] ?? 10000);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const file = join(dir, path);
  if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html?total=${total}`);
  const handle = await page.waitForFunction(() => window.__bench, null, { timeout: 600_000 });
  const r = await handle.jsonValue();
  if (r.error) throw new Error(r.error);
  const f = (x) => x.toFixed(1).padStart(7);
  console.log(`${r.total} signatures of DescribeNotebookExecution (session token ${r.tokenLength} chars), same Authorization from both:`);
  console.log(`  ${r.authorization.slice(0, 60)}…`);
  console.log(`  wasm (emr-core → aws-sigv4, awaited like the JS) ${f(r.wasm.medianMicros)} µs/signature (median of ${r.wasm.batches} batches of ${r.wasm.batch})`);
  console.log(`  wasm, called synchronously                       ${f(r.wasmNoAwait.medianMicros)} µs/signature`);
  console.log(`  @smithy/signature-v4 + @aws-crypto/sha256-js     ${f(r.js.medianMicros)} µs/signature`);
  console.log(`  ratio JS / WASM: ${r.ratio.toFixed(2)}×`);
} finally {
  await browser.close();
  server.close();
}
