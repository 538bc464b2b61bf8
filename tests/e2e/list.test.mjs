// The executions list, against the emulator: list, each filter, paging to the end, empty, denied,
// throttled then success, row → detail → Back, the timeline, sorting and search, and the 30 s
// refresh picking up a status change on the emulator's frozen clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, openApp, listExecutions, listBodies, fillForm, seedId, cspViolations, NOLIST } from './harness.mjs';

const stack = useStack();

const rowIds = (page) => page.locator('tr[data-execution-id]').evaluateAll((rows) => rows.map((r) => r.dataset.executionId));
const loadedText = (page) => page.getByTestId('loaded').textContent();
const statusOf = (page, id) => page.locator(`tr[data-execution-id="${id}"] [data-status]`).getAttribute('data-status');

test('lists the last 30 days: rows with badges, times, links; counts; the 30-day note; no CSP violation', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  assert.match(await page.locator('#window-note').textContent(), /EMR then lists only executions started in the last 30 days/);
  await listExecutions(page, { endpoint: stack.emulator.url });
  assert.equal(await page.locator('tr[data-execution-id]').count(), 50);
  assert.equal(await loadedText(page), '50 executions loaded; EMR has more.');
  assert.deepEqual(listBodies(log), [{}], 'no filter is sent when none is set');
  const row = page.locator(`tr[data-execution-id="${seedId('FAILED')}"]`);
  assert.equal(await row.locator('[data-status]').getAttribute('data-status'), 'FAILED');
  assert.equal(await row.locator('.badge__label').textContent(), 'Failed');
  const times = await row.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.equal(times.length, 2);
  for (const t of times) assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(await row.locator('a[href^="https://console.aws.amazon.com/emr/home?region=us-east-1#/clusterDetails/j-"]').count(), 1);
  const href = await row.locator('a[href^="#"]').getAttribute('href');
  assert.match(href, new RegExp(`^#view=detail&region=us-east-1&endpoint=.*&id=${seedId('FAILED')}$`));
  assert.match(await row.textContent(), /recommendations-refresh/);
  const counts = await page.locator('.counts button').allTextContents();
  assert.ok(counts.some((c) => /^\d+ running$/.test(c)) && counts.some((c) => /^\d+ failed$/.test(c)) && counts.some((c) => /^\d+ finished$/.test(c)), counts.join());
  assert.ok(page.url().includes('#view=list&region=us-east-1&endpoint='), page.url());
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('each filter is sent as EMR expects and narrows the rows', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByLabel('Status', { exact: true }).selectOption('FAILED');
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  const failed = await page.locator('tr[data-execution-id] [data-status]').evaluateAll((bs) => bs.map((b) => b.dataset.status));
  assert.ok(failed.length > 0 && failed.every((s) => s === 'FAILED'), failed.join());
  assert.deepEqual(listBodies(log).at(-1), { Status: 'FAILED' });

  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Editor ID', { exact: true }).fill('e-BKTM2DIHXBEDRU44ANWRKIU8N');
  // Enter in a filter field lists too.
  await page.getByLabel('Editor ID', { exact: true }).press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('tr[data-execution-id]')].every((r) => r.textContent.includes('e-BKTM2DIHXBEDRU44ANWRKIU8N')));
  assert.deepEqual(listBodies(log).at(-1), { EditorId: 'e-BKTM2DIHXBEDRU44ANWRKIU8N' });

  await page.getByLabel('Editor ID', { exact: true }).fill('');
  await page.getByLabel('Cluster ID', { exact: true }).fill('j-2Q7WERTY5UIOP');
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('tr[data-execution-id]')];
    return rows.length > 0 && rows.every((r) => r.textContent.includes('j-2Q7WERTY5UIOP'));
  });
  assert.deepEqual(listBodies(log).at(-1), { ExecutionEngineId: 'j-2Q7WERTY5UIOP' });

  // From and To: the browser's local time, sent as whole epoch seconds; the 30-day note goes.
  await page.getByLabel('Cluster ID', { exact: true }).fill('');
  await page.getByLabel('From', { exact: true }).fill('2020-01-02T03:04');
  await page.getByLabel('To', { exact: true }).fill('2099-12-31T23:59');
  assert.doesNotMatch(await page.locator('#window-note').textContent(), /30 days/);
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=loaded]')?.textContent.includes('loaded'));
  const body = listBodies(log).at(-1);
  const expected = await page.evaluate(() => [new Date(2020, 0, 2, 3, 4).getTime() / 1000, new Date(2099, 11, 31, 23, 59).getTime() / 1000]);
  assert.deepEqual(body, { From: expected[0], To: expected[1] });
  assert.ok(Number.isInteger(body.From) && Number.isInteger(body.To));
  // The filters are in the URL: a reload lists the same.
  assert.match(page.url(), new RegExp(`from=${expected[0]}&to=${expected[1]}`));
  await context.close();
});

test('bad filters are explained, nothing is sent, and what was typed stays', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByLabel('From', { exact: true }).fill('2026-06-02T00:00');
  await page.getByLabel('To', { exact: true }).fill('2026-06-01T00:00');
  await page.getByRole('button', { name: 'List executions' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /To is before From/);
  assert.equal(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2026-06-02T00:00');
  assert.equal(listBodies(log).length, 0);
  await context.close();
});

test('Load more pages to the end without duplicates; no Load more after the last page', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url });
  // From far back: every seeded execution, more than two pages.
  await page.getByLabel('From', { exact: true }).fill('2000-01-01T00:00');
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  let pages = 1;
  while (await page.getByRole('button', { name: 'Load more' }).count()) {
    // A long table draws a window of its rows: the loaded count says a page arrived.
    const before = await loadedText(page);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=loaded]').textContent !== t, before);
    pages++;
  }
  assert.ok(pages >= 3, `${pages} pages`);
  // Every execution once: the loaded count and the table's row count are the emulator's total
  // (a long table draws only the rows in view, so the DOM holds a window of them).
  const total = (await stack.emulator.control('GET', 'health')).executions;
  assert.equal(await loadedText(page), `All ${total} executions loaded.`);
  assert.equal(Number(await page.locator('table.executions').getAttribute('aria-rowcount')), total + 1);
  const shown = await rowIds(page);
  assert.equal(new Set(shown).size, shown.length, 'no duplicates among the rows drawn');
  const markers = listBodies(log).map((b) => b.Marker).filter(Boolean);
  assert.equal(markers.length, pages - 1);
  assert.ok(listBodies(log).every((b) => b.From === listBodies(log)[0].From), 'same filters on every page');
  await context.close();
});

test('an empty result says so', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByLabel('Editor ID', { exact: true }).fill('e-NOSUCHEDITOR000000000000');
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('.empty').waitFor();
  assert.match(await page.locator('.empty').textContent(), /No notebook executions match these filters in the last 30 days/);
  assert.equal(await page.locator('tr[data-execution-id]').count(), 0);
  await context.close();
});

test('a denied permission names elasticmapreduce:ListNotebookExecutions', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { creds: NOLIST, endpoint: stack.emulator.url });
  const alert = await page.locator('[role=alert]').textContent();
  assert.match(alert, /AccessDeniedException/);
  assert.match(alert, /Ask for the IAM permission elasticmapreduce:ListNotebookExecutions/);
  await context.close();
});

test('throttled twice, then the rows; a failed Load more keeps them', async () => {
  await stack.emulator.control('POST', 'faults', { kind: 'throttle', operation: 'ListNotebookExecutions', times: 2 });
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  assert.equal(await page.locator('tr[data-execution-id]').count(), 50);
  assert.equal(await page.locator('[role=alert]').count(), 0);
  const listed = (await stack.emulator.control('GET', 'requests')).filter((r) => r.operation === 'ListNotebookExecutions');
  assert.equal(listed.length, 3);

  await stack.emulator.control('POST', 'faults', { kind: 'server_error', operation: 'ListNotebookExecutions' });
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.locator('[role=alert]').waitFor({ timeout: 15_000 });
  assert.match(await page.locator('[role=alert]').textContent(), /InternalServerException/);
  assert.equal(await page.locator('tr[data-execution-id]').count(), 50, 'the loaded rows stay');
  assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 1);
  await context.close();
});

test('a row opens its detail, and Back returns to the same list: filters, rows and scroll', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByLabel('Status', { exact: true }).selectOption('FINISHED');
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  const before = await rowIds(page);
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = 400));
  const target = before[12];
  await page.locator(`tr[data-execution-id="${target}"] a[href^="#"]`).click();
  await page.locator('article.execution').waitFor();
  assert.equal(await page.locator('.row', { hasText: 'Notebook execution ID' }).locator('code').first().textContent(), target);
  assert.match(page.url(), /#view=detail&/);
  const listedBefore = (await stack.emulator.control('GET', 'requests')).filter((r) => r.operation === 'ListNotebookExecutions').length;

  await page.goBack();
  await page.locator('tr[data-execution-id]').first().waitFor();
  assert.deepEqual(await rowIds(page), before);
  assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'FINISHED');
  assert.equal(await page.locator('.table-scroll').evaluate((el) => el.scrollTop), 400);
  const listedAfter = (await stack.emulator.control('GET', 'requests')).filter((r) => r.operation === 'ListNotebookExecutions').length;
  assert.equal(listedAfter, listedBefore, 'Back shows what was loaded, without listing again');
  await page.goForward();
  await page.locator('article.execution').waitFor();
  await context.close();
});

test('the timeline: one bar per row, a readable bar under the pointer or the keyboard, a click opens it', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  const svg = page.locator('svg.timeline__svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.getAttribute('aria-label'), /^Timeline of 50 executions from /);
  const bars = await page.locator('svg rect[data-execution-id]').evaluateAll((rs) => rs.map((r) => r.dataset.executionId).sort());
  assert.deepEqual(bars, (await rowIds(page)).sort());
  assert.ok(await page.locator('.timeline__label').count() >= 2, 'an axis of local times');

  // The pointer, not Playwright's element hover: a short run is a bar a pixel or two wide, and
  // the page reads the bar under or just beside the pointer (a few pixels of slack).
  const failedBar = page.locator(`svg rect[data-execution-id="${seedId('FAILED')}"]`);
  await failedBar.scrollIntoViewIfNeeded();
  const box = await failedBar.boundingBox();
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(middle.x, middle.y);
  assert.match(await page.locator('.timeline__detail').textContent(), /^recommendations-refresh · Failed · .* → .*\(\d/);
  await page.mouse.move(1, 1);
  assert.match(await page.locator('.timeline__detail').textContent(), /^Hover over a bar/);
  // Beside a thin bar (the pointer on the drawing's background), a few pixels off: still that bar;
  // further off: none. Any thin bar with room around it in its lane will do.
  const spot = await page.evaluate(() => {
    const rects = [...document.querySelectorAll('svg rect[data-execution-id]')].map((el) => ({ id: el.dataset.executionId, r: el.getBoundingClientRect() }));
    for (const { id, r } of rects) {
      const y = (r.top + r.bottom) / 2;
      const lane = rects.filter((o) => o.id !== id && o.r.top <= y && o.r.bottom >= y);
      const room = (x0, x1) => lane.every((o) => o.r.right < x0 || o.r.left > x1);
      const onBackground = (x) => document.elementFromPoint(x, y)?.tagName === 'svg';
      // Whole pixels: Chrome truncates a fractional pointer position, which would put "3 px
      // beside" up to 4 px away, at the edge of the slack.
      const beside = Math.floor(r.left) - 2;
      if (r.width < 4 && room(r.left - 20, r.left) && onBackground(beside) && onBackground(r.left - 12)) {
        return { center: (r.left + r.right) / 2, beside, afar: r.left - 12, y };
      }
    }
    return null;
  });
  assert.ok(spot, 'a week of seeded runs has a thin bar with room beside it');
  await page.mouse.move(spot.center, spot.y);
  const onIt = await page.locator('.timeline__detail').textContent();
  assert.doesNotMatch(onIt, /^Hover over a bar/);
  await page.mouse.move(spot.beside, spot.y);
  assert.equal(await page.locator('.timeline__detail').textContent(), onIt, 'a few pixels beside it');
  await page.mouse.move(spot.afar, spot.y);
  assert.match(await page.locator('.timeline__detail').textContent(), /^Hover over a bar/, 'not from afar');

  await svg.focus();
  await page.keyboard.press('Home');
  const first = await page.locator('.timeline__detail').textContent();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.locator('.timeline__detail').textContent(), first);
  await page.keyboard.press('Enter');
  await page.locator('article.execution').waitFor();
  await page.goBack();

  await failedBar.scrollIntoViewIfNeeded();
  const again = await failedBar.boundingBox();
  await page.mouse.click(again.x + again.width / 2, again.y + again.height / 2);
  await page.locator('article.execution').waitFor();
  assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'FAILED');
  await context.close();
});

test('sorting, searching and the family buttons work on the loaded rows without a request', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  const sent = listBodies(log).length;
  await page.getByRole('button', { name: 'Name' }).click();
  const names = await page.locator('tr[data-execution-id] .cell-name').allTextContents();
  for (let i = 1; i < names.length; i++) assert.ok(names[i - 1].toLowerCase() <= names[i].toLowerCase(), `${names[i - 1]} before ${names[i]}`);
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');

  await page.getByLabel('Search loaded', { exact: true }).fill('NIGHTLY-ETL');
  const found = await page.locator('tr[data-execution-id] .cell-name').allTextContents();
  assert.ok(found.length > 0 && found.every((n) => n === 'nightly-etl'), found.join());
  assert.match(await loadedText(page), /^Showing \d+ of them\. 50 executions loaded; EMR has more\.$/);
  await page.getByLabel('Search loaded', { exact: true }).fill('');

  const failedButton = page.locator('.counts button[data-family="failed"]');
  const n = Number((await failedButton.textContent()).split(' ')[0]);
  await failedButton.click();
  assert.equal(await failedButton.getAttribute('aria-pressed'), 'true');
  const statuses = await page.locator('tr[data-execution-id] [data-status]').evaluateAll((bs) => bs.map((b) => b.dataset.status));
  assert.equal(statuses.length, n);
  assert.ok(statuses.every((s) => s === 'FAILED'));
  assert.match(page.url(), /only=failed/);
  await failedButton.click();
  assert.equal(await page.locator('tr[data-execution-id]').count(), 50);
  assert.equal(listBodies(log).length, sent, 'no request for any of it');
  await context.close();
});

test('the list refreshes every 30 s while executions run and picks up a status change in place', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  const id = seedId('STARTPENDING');
  assert.equal(await statusOf(page, id), 'START_PENDING');
  const ids = await rowIds(page);
  await page.getByLabel('Search loaded', { exact: true }).focus();
  await stack.emulator.control('POST', 'clock', { advance_ms: 30 * 60_000 + 5_000 });
  await page.locator(`tr[data-execution-id="${id}"] [data-status="STARTING"]`).waitFor({ timeout: 40_000 });
  assert.deepEqual(await rowIds(page), ids, 'rows updated in place');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-loaded', 'focus stays');
  assert.equal(await page.locator('[role=alert]').count(), 0);
  await context.close();
});
