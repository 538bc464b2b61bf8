// Benchmark (issue 19, notebooks): in headless Chromium against the release build served like
// CloudFront and the emulator.
//  1. 5,000 loaded executions grouped into notebooks: the Notebooks link pressed → its rows
//     painted, and a sort (failure rate) → painted. Median of RUNS.
//  2. Two 10 MB / 2,000-cell output notebooks compared: both fetched → first differences painted,
//     the longest task meanwhile, the JS heap.
//   node bench/notebooks.mjs [RUNS]    (build first: trunk build --release; cargo build -p emr-emulator)
import { startEmulator, startPreview, launch, openApp, fillForm, describe, seedId } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const [scale, emulator, preview, browser] = await Promise.all([
  startEmulator(['--frozen', '--seed-count', '5000']),
  startEmulator(['--frozen']),
  startPreview(),
  launch(),
]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Resolves with the time of the first frame after `selector` matches something new. */
const paintedWhen = (page, check) =>
  page.evaluate(
    (check) =>
      new Promise((resolve) => {
        const test = new Function(`return (${check})()`);
        const obs = new MutationObserver(() => {
          if (!test()) return;
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
        });
        obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
      }),
    check.toString(),
  );

try {
  // 1. Grouping and sorting 5,000.
  const { page, context } = await openApp(browser, preview.url);
  await fillForm(page, { endpoint: scale.url });
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  while (await page.getByRole('button', { name: 'Load more' }).count()) {
    const before = await page.getByTestId('loaded').textContent();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=loaded]').textContent !== t, before);
  }
  const loaded = await page.getByTestId('loaded').textContent();
  const group = [];
  const sort = [];
  for (let i = 0; i < runs; i++) {
    const shown = paintedWhen(page, () => document.querySelectorAll('tr[data-notebook-key]').length > 0);
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: 'Notebooks' }).click();
    group.push((await shown) - t0);
    const first = await page.locator('tr[data-notebook-key]').first().getAttribute('data-notebook-key');
    const sorted = paintedWhen(page, (() => document.querySelector('tr[data-notebook-key]')?.getAttribute('data-notebook-key') !== FIRST).toString().replace('FIRST', JSON.stringify(first)));
    const t1 = await page.evaluate(() => performance.now());
    await page.getByLabel('Sort by', { exact: true }).selectOption(i % 2 ? 'name' : 'failure-rate');
    sort.push((await Promise.race([sorted, new Promise((r) => setTimeout(() => r(null), 2000))])) - t1);
    await page.goBack();
    await page.locator('tr[data-execution-id]').first().waitFor();
  }
  const notebooks = await (async () => {
    await page.getByRole('link', { name: 'Notebooks' }).click();
    await page.locator('tr[data-notebook-key]').first().waitFor();
    return page.locator('tr[data-notebook-key]').count();
  })();
  console.log(`${loaded} → ${notebooks} notebooks`);
  console.log(`  Notebooks pressed → rows painted: median ${median(group).toFixed(1)} ms (${group.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  sort → painted: median ${median(sort.filter((x) => x > 0)).toFixed(1)} ms`);
  await context.close();

  // 2. Two 10 MB notebooks.
  const results = [];
  for (let i = 0; i < runs; i++) {
    const { page, context } = await openApp(browser, preview.url);
    await describe(page, { endpoint: emulator.url, id: seedId('BIGNOTEBOOK2') });
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: false });
    });
    const painted = paintedWhen(page, () => document.querySelector('.cmp-cell') !== null);
    await page.evaluate(({ a, b }) => { location.hash = location.hash.replace(/view=detail.*$/, '') + `view=compare&a=${a}&b=${b}`; }, { a: seedId('BIGNOTEBOOK'), b: seedId('BIGNOTEBOOK2') });
    const at = await painted;
    const fetched = await page.evaluate(() => Math.max(...performance.getEntriesByType('resource').filter((e) => /\.ipynb/.test(e.name)).map((e) => e.responseEnd)));
    const long = await page.evaluate((from) => window.__long.filter(([s, d]) => s + d > from).map(([, d]) => d), fetched);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    results.push({ paint: at - fetched, longest: Math.max(0, ...long), heap });
    await context.close();
  }
  console.log('two 10 MB / 2,000-cell notebooks compared:');
  console.log(`  both fetched → first differences painted: median ${median(results.map((r) => r.paint)).toFixed(0)} ms`);
  console.log(`  longest task after both arrived: median ${median(results.map((r) => r.longest)).toFixed(0)} ms`);
  console.log(`  JS heap: ${(median(results.map((r) => r.heap)) / 1048576).toFixed(1)} MiB`);
} finally {
  await browser.close();
  scale.stop();
  emulator.stop();
  preview.stop();
}
