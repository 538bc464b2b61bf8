#!/usr/bin/env node
// Benchmark: time from navigation start to an enabled "Describe" button, in headless Chromium,
// for the built app served by the production preview (brotli, production headers) on loopback.
// Cold = a fresh browser context each time (empty cache); warm = reloads in one context.
//   node scripts/bench-startup.mjs [RUNS]      (build first: trunk build --release)
import { startPreview, launch } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 20);
const preview = await startPreview();
const browser = await launch();

async function measure(page) {
  await page.goto(preview.url);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const ready = () => {
          const b = [...document.querySelectorAll('button[type=submit]')].find((b) => b.textContent === 'Describe' && !b.disabled);
          if (b) resolve(window.__describeReadyAt ?? performance.now());
          else requestAnimationFrame(ready);
        };
        ready();
      }),
  );
}

const init = () => {
  new MutationObserver((_, obs) => {
    const b = [...document.querySelectorAll('button[type=submit]')].find((b) => b.textContent === 'Describe' && !b.disabled);
    if (b) {
      window.__describeReadyAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

// One throwaway load so the preview has its compressed copies ready (CloudFront's would be cached).
{
  const context = await browser.newContext();
  await measure(await context.newPage());
  await context.close();
}

const cold = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  await context.addInitScript(init);
  cold.push(await measure(await context.newPage()));
  await context.close();
}
const warm = [];
const context = await browser.newContext();
await context.addInitScript(init);
const page = await context.newPage();
await measure(page);
for (let i = 0; i < runs; i++) warm.push(await measure(page));
await browser.close();
preview.stop();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms`;
};
console.log(`navigation → enabled Describe button, ${runs} runs each (headless Chromium, loopback, production preview)`);
console.log(`  cold (empty cache): ${stats(cold)}`);
console.log(`  warm (cached):      ${stats(warm)}`);
