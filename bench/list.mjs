// Benchmark (issue: the executions list at scale): 5,000 executions loaded from the emulator
// (100 pages of 50), in headless Chromium, against the release build served like CloudFront.
// Prints: last response → table painted, scroll frame rate, JS heap, sort and search times.
//   node bench/list.mjs [COUNT]      (build first: trunk build --release; cargo build -p emr-emulator)
import { startEmulator, startPreview, launch, openApp, fillForm } from '../tests/e2e/harness.mjs';

const count = Number(process.argv[2] ?? 5000);
const [emulator, preview, browser] = await Promise.all([
  startEmulator(['--frozen', '--seed-count', String(count)]),
  startPreview(),
  launch(),
]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

try {
  const { page, context } = await openApp(browser, preview.url);
  const cdp = await context.newCDPSession(page);
  await fillForm(page, { endpoint: emulator.url });
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();

  // Each Load more: from the end of its response to the frame that shows the new count.
  const perPage = [];
  for (;;) {
    const more = page.getByRole('button', { name: 'Load more' });
    if (!(await more.count())) break;
    const before = await page.getByTestId('loaded').textContent();
    const painted = page.evaluate((before) => new Promise((resolve) => {
      const el = document.querySelector('[data-testid=loaded]');
      const obs = new MutationObserver(() => {
        if (el.textContent === before) return;
        obs.disconnect();
        // The DOM is updated; the next frame after it is the paint.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
      });
      obs.observe(el, { childList: true, characterData: true, subtree: true });
    }), before);
    await more.click();
    const paintedAt = await painted;
    const responseEnd = await page.evaluate(() => {
      const calls = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'fetch');
      return calls.at(-1).responseEnd;
    });
    perPage.push(paintedAt - responseEnd);
  }
  const loaded = await page.getByTestId('loaded').textContent();
  const domRows = await page.locator('tr[data-execution-id]').count();

  // Scroll the table's own box for 3 seconds: at a brisk wheel speed (40 px a frame), then a fling
  // through all of it.
  const scrollFor = (pxPerFrame) => page.evaluate((pxPerFrame) => new Promise((resolve) => {
    const box = document.querySelector('.table-scroll');
    box.scrollTop = 0;
    const frames = [];
    let last = performance.now();
    const start = last;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      box.scrollTop += pxPerFrame ?? box.scrollHeight / 180;
      if (now - start < 3000) requestAnimationFrame(step);
      else resolve({ frames: frames.slice(1), seconds: (now - start) / 1000, height: box.scrollHeight, px: box.scrollTop });
    };
    requestAnimationFrame(step);
  }), pxPerFrame);
  const scrolls = [['40 px a frame', await scrollFor(40)], ['the whole table in 3 s', await scrollFor(null)]];

  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');

  // Sort and search: from the input to the frame that shows the result.
  const timeTo = (action) => page.evaluate((action) => new Promise((resolve) => {
    const t0 = performance.now();
    if (action.click) document.querySelector(action.click).click();
    else {
      const input = document.getElementById('search-loaded');
      input.value = action.search;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // Script done: every task and microtask the input started has run (the DOM is updated).
    setTimeout(() => {
      const script = performance.now() - t0;
      // The next frame, drawn after that update.
      requestAnimationFrame(() => setTimeout(() => resolve({ script, painted: performance.now() - t0 })));
    });
  }), action);
  const sortButtons = await page.locator('th button').evaluateAll((bs) => bs.map((b, i) => `th:nth-of-type(${[...b.closest('tr').children].indexOf(b.closest('th')) + 1}) button`));
  const sorts = [];
  for (let i = 0; i < 10; i++) for (const sel of sortButtons) sorts.push(await timeTo({ click: sel }));
  const searches = [];
  for (const term of ['nightly', 'ex-', 'failed', 'zzz-nothing', 'etl', '']) for (let i = 0; i < 3; i++) searches.push(await timeTo({ search: term }));

  console.log(`${count} executions (${perPage.length + 1} pages), headless Chromium, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`  loaded: "${loaded}"; rows in the DOM: ${domRows} (windowed)`);
  console.log(`  last response → table painted: ${perPage.at(-1).toFixed(1)} ms (median over all pages ${median(perPage).toFixed(1)} ms, max ${Math.max(...perPage).toFixed(1)} ms)`);
  for (const [what, scroll] of scrolls) {
    const fps = scroll.frames.length / scroll.seconds;
    console.log(`  scrolling ${what} (${Math.round(scroll.px)} of ${scroll.height} px): ${fps.toFixed(1)} frames/s, p95 frame ${pct(scroll.frames, 0.95).toFixed(1)} ms, longest ${Math.max(...scroll.frames).toFixed(1)} ms`);
  }
  console.log(`  JS heap after GC: ${(heap.usedSize / 1048576).toFixed(1)} MiB used of ${(heap.totalSize / 1048576).toFixed(1)} MiB`);
  const timing = (xs) => {
    const s = xs.map((x) => x.script), p = xs.map((x) => x.painted);
    return `DOM updated median ${median(s).toFixed(1)} ms (max ${Math.max(...s).toFixed(1)}), next frame median ${median(p).toFixed(1)} ms (max ${Math.max(...p).toFixed(1)})`;
  };
  console.log(`  sort (${sorts.length} clicks on ${sortButtons.length} columns): ${timing(sorts)}`);
  console.log(`  search (${searches.length} inputs): ${timing(searches)}`);
  await context.close();
} finally {
  await browser.close();
  emulator.stop();
  preview.stop();
}
