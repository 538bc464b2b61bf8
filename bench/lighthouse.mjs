// Lighthouse 12 against the release build served like CloudFront (scripts/preview.mjs: production
// headers, brotli, HTTPS with HTTP/2 — or HTTP/1.1 without TLS with --http1), mobile (default: slow
// 4G, 4× CPU, simulated) and desktop presets, N runs each; prints the median of every category
// score and of FCP, LCP, TBT, CLS and TTI.
// Run through scripts/bench-lighthouse, which builds first and installs bench/package.json.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 3);
// CloudFront serves the page over HTTPS with HTTP/2: one connection for every file, which is how
// Lighthouse's simulation then loads it too. The certificate is a throwaway self-signed one.
const tls = !process.argv.includes('--http1');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
  TTI: 'interactive',
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const preview = await startPreview(undefined, { tls });
const profile = mkdtempSync(join(tmpdir(), 'emr-lighthouse-'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  userDataDir: profile,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(tls ? ['--ignore-certificate-errors'] : [])],
});
const results = {};
try {
  // One load first, not measured: the preview compresses each file on its first request and keeps
  // the result, as CloudFront's cache would; without this the first run alone waits for that.
  await lighthouse(preview.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, desktopConfig);
  // Lighthouse's default is simulated throttling (Lantern): it times a fast load and replays its
  // dependency graph at slow-4G speeds. "mobile-applied" really throttles the network and CPU
  // (DevTools), so it shows what a phone would observe; both are printed.
  const presets = [
    ['mobile', undefined, {}],
    ['mobile-applied', undefined, { throttlingMethod: 'devtools' }],
    ['desktop', desktopConfig, {}],
  ];
  for (const [preset, config, flags] of presets) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      // A run now and then fails to record its trace (NO_NAVSTART with newer Chromium): retried.
      for (let attempt = 1; ; attempt++) {
        const { lhr } = await lighthouse(preview.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, ...flags }, config);
        if (!lhr.runtimeError) {
          samples.push(lhr);
          break;
        }
        if (attempt === 3) throw new Error(`${preset}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      }
    }
    const row = {};
    for (const c of CATEGORIES) row[c] = median(samples.map((l) => l.categories[c].score));
    for (const [name, id] of Object.entries(METRICS)) row[name] = median(samples.map((l) => l.audits[id].numericValue));
    // What kept a score below 1 (the audits that failed in the last run), to act on.
    row.observedLCP = median(samples.map((l) => l.audits.metrics.details.items[0].observedLargestContentfulPaint));
    row.failing = Object.values(samples.at(-1).audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.id);
    results[preset] = row;
  }
} finally {
  await chrome.kill();
  preview.stop();
  rmSync(profile, { recursive: true, force: true });
}

const ms = (x) => `${Math.round(x)} ms`.padStart(8);
console.log(`Lighthouse ${lighthouse.version ?? '12'} — median of ${runs} runs, ${new Date().toISOString().slice(0, 10)}, ${preview.url} (${tls ? 'HTTP/2' : 'HTTP/1.1'})`);
console.log('preset         perf  a11y  best   seo       FCP      LCP      TBT    CLS      TTI');
for (const [preset, r] of Object.entries(results)) {
  const s = (x) => x.toFixed(2).padStart(5);
  console.log(`${preset.padEnd(14)} ${s(r.performance)} ${s(r.accessibility)} ${s(r['best-practices'])} ${s(r.seo)} ${ms(r.FCP)} ${ms(r.LCP)} ${ms(r.TBT)} ${r.CLS.toFixed(3).padStart(6)} ${ms(r.TTI)}`);
  console.log(`               observed LCP ${Math.round(r.observedLCP)} ms${r.failing.length ? `; below 0.9: ${r.failing.join(', ')}` : ''}`);
}
