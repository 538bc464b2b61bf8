// Benchmark (issue: the output notebook in the page): the emulator's 10 MB, 2,000-cell .ipynb
// drawn progressively in headless Chromium, against the release build served like CloudFront.
// Prints: response → first cells, → all cells, the longest main-thread task while drawing, how
// late a 50 ms timer ran meanwhile (what a click would wait), DOM size and JS heap.
//   node bench/notebook.mjs [RUNS]    (build first: trunk build --release; cargo build -p emr-emulator)
import { startEmulator, startPreview, launch, openApp, describe, seedId } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 3);
const [emulator, preview, browser] = await Promise.all([startEmulator(['--frozen']), startPreview(), launch()]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page, context } = await openApp(browser, preview.url);
    const cdp = await context.newCDPSession(page);
    await describe(page, { endpoint: emulator.url, id: seedId('BIGNOTEBOOK') });
    await page.evaluate(() => {
      window.__tasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__tasks.push(e.duration))).observe({ type: 'longtask' });
      // A timer every 50 ms: how late it fires is how long an input would wait.
      window.__lateness = [];
      let due = performance.now() + 50;
      window.__ticker = setInterval(() => {
        const now = performance.now();
        window.__lateness.push(Math.max(0, now - due));
        due = now + 50;
      }, 50);
      window.__marks = {};
      new MutationObserver(() => {
        const n = document.querySelectorAll('.nb-cell').length;
        if (n > 0 && !window.__marks.first) window.__marks.first = performance.now();
        if (n === 2000 && !window.__marks.all) window.__marks.all = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: /^Preview/ }).first().click();
    await page.waitForFunction(() => window.__marks.all, null, { timeout: 120_000 });
    const r = await page.evaluate(() => {
      clearInterval(window.__ticker);
      const fetched = performance.getEntriesByType('resource').filter((e) => e.name.includes('X-Amz-Signature=')).at(-1);
      return {
        bytes: fetched?.encodedBodySize || fetched?.transferSize || 0,
        responseEnd: fetched?.responseEnd ?? 0,
        first: window.__marks.first,
        all: window.__marks.all,
        longest: Math.max(0, ...window.__tasks),
        longTasks: window.__tasks.length,
        lateMax: Math.max(0, ...window.__lateness),
        late95: [...window.__lateness].sort((a, b) => a - b)[Math.floor(window.__lateness.length * 0.95)] ?? 0,
        nodes: document.getElementsByTagName('*').length,
      };
    });
    await cdp.send('HeapProfiler.collectGarbage');
    r.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    results.push(r);
    await context.close();
  }
} finally {
  await browser.close();
  emulator.stop();
  preview.stop();
}
const m = (k) => median(results.map((r) => r[k]));
console.log(`10 MB notebook, 2,000 cells, median of ${runs} runs, headless Chromium, ${new Date().toISOString().slice(0, 10)}`);
console.log(`  response end → first cells drawn: ${(m('first') - m('responseEnd')).toFixed(0)} ms; → all 2,000 cells: ${(m('all') - m('responseEnd')).toFixed(0)} ms`);
console.log(`  longest main-thread task: ${m('longest').toFixed(0)} ms (${m('longTasks')} tasks over 50 ms)`);
console.log(`  a 50 ms timer ran late by at most ${m('lateMax').toFixed(0)} ms (p95 ${m('late95').toFixed(0)} ms) while drawing`);
console.log(`  DOM elements: ${m('nodes')}; JS heap after GC: ${(m('heap') / 1048576).toFixed(1)} MiB`);
