// Notebooks, not just runs: the Notebooks view groups the loaded executions (its counts match the
// list filtered by hand), a notebook's history pages back past EMR's 30 days, and "Compare with
// last success" on the seeded failure shows exactly what changed; axe-clean, keyboard-only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, openApp, listExecutions, describe, seedId, axe, cspViolations } from './harness.mjs';

const stack = useStack();
const CHURN = 'e-4Q2XW7J1HMN0RS5T8UVY3ZA6B/customer-churn';

async function loadAll(page) {
  while (await page.getByRole('button', { name: 'Load more' }).count()) {
    const before = await page.locator('[data-testid=loaded], [data-testid=notebooks-loaded]').first().textContent();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=loaded], [data-testid=notebooks-loaded]')?.textContent !== t, before);
  }
}

test("the Notebooks view's counts match the list filtered by hand", async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  await loadAll(page);
  // By hand: the loaded rows of this workspace whose name is customer-churn-<date>.
  await page.getByLabel('Search loaded', { exact: true }).fill('customer-churn-');
  const loaded = await page.locator('[data-testid=loaded]').textContent();
  const byHand = Number(loaded.match(/(\d+) of \d+/)?.[1] ?? loaded.match(/(\d+)/)[1]);
  const byStatus = async (status) => page.locator(`tr[data-execution-id]:has([data-status="${status}"])`).count();
  const [finished, failed] = [await byStatus('FINISHED'), await byStatus('FAILED')];
  assert.ok(byHand >= 20, `${byHand} churn runs loaded`);
  await page.getByLabel('Search loaded', { exact: true }).fill('');
  await page.getByRole('link', { name: 'Notebooks' }).click();
  const row = page.locator(`tr[data-notebook-key="${CHURN}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(Number(cells[2]), byHand, 'runs');
  assert.equal(cells[3], `${Math.floor((finished * 100) / (finished + failed))} % (${finished} of ${finished + failed})`);
  assert.match(cells[0], /customer-churn · failing for 3 runs since/);
  assert.match(cells[1], /workspace e-4Q2XW7J1HMN0RS5T8UVY3ZA6B/);
  assert.equal(await row.locator('[data-status]').getAttribute('data-status'), 'FAILED');
  assert.equal(await row.locator('time').count(), 1, 'last success is a <time>');
  const strip = row.locator('svg.run-strip');
  assert.equal(await strip.getAttribute('role'), 'img');
  assert.match(await strip.getAttribute('aria-label'), new RegExp(`^Runs of customer-churn, oldest to newest: ${finished} finished, ${failed} failed`));
  assert.equal(await strip.locator('rect').count(), byHand);
  // The S3 notebook is its object; sorting and search work without a request.
  assert.equal(await page.locator('tr[data-notebook-key$="/shared/notebooks/nightly_revenue.ipynb"]').count(), 1);
  await page.getByLabel('Sort by', { exact: true }).selectOption('failure-rate');
  await page.getByLabel('Search loaded', { exact: true }).fill('customer-churn');
  assert.equal(await page.locator('tr[data-notebook-key]').count(), 1);
  assert.match(page.url(), /view=notebooks.*q=customer-churn.*nsort=failure-rate/);
  assert.deepEqual(await axe(page, 'the Notebooks view'), []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("a notebook's history pages back past EMR's 30 days until it has them all", async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  await page.getByRole('link', { name: 'Notebooks' }).click();
  await page.locator(`tr[data-notebook-key="${CHURN}"] a`).click();
  const stats = page.locator('[data-testid=history-stats]');
  await stats.waitFor();
  const runs = () => page.locator('.history tr[data-execution-id]').count();
  const first = await runs();
  assert.match(await stats.textContent(), /failing for 3 runs since/);
  const thirtyDaysAgo = Date.now() - 30 * 86_400_000;
  const oldest = async () => Date.parse(await page.locator('.history tr[data-execution-id] td:nth-child(5) time').last().getAttribute('datetime'));
  assert.ok((await oldest()) > thirtyDaysAgo - 86_400_000, 'the first window is the list default');
  await page.getByRole('button', { name: 'Load older runs' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.history tr[data-execution-id]').length > n, first);
  assert.ok((await oldest()) < thirtyDaysAgo, 'runs older than 30 days');
  // Until EMR has nothing older.
  while (await page.getByRole('button', { name: 'Load older runs' }).count()) {
    await page.getByRole('button', { name: 'Load older runs' }).click();
    await page.waitForFunction(() => !document.querySelector('.history-stats') || !document.querySelector('.view--history .progress')?.textContent);
    await page.waitForTimeout(50);
  }
  assert.match(await page.locator('[data-testid=looked-back]').textContent(), /^EMR has nothing older than/);
  assert.equal(await runs(), 45, 'every seeded run');
  assert.deepEqual(await axe(page, "a notebook's history"), []);
  await context.close();
});

test('Compare with last success on the seeded failure shows exactly the changed parameter and the edited cell', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  // Straight to the failed run: nothing listed, so the last success is found by paging back.
  await describe(page, { endpoint: stack.emulator.url, id: seedId('CHURN01') });
  await page.getByRole('button', { name: 'Compare with last success' }).click();
  await page.locator('.cmp-intro').waitFor();
  assert.match(await page.locator('.cmp-intro').textContent(), new RegExp(`${seedId('CHURN01')}.*against the base .*${seedId('CHURN05')}`));
  assert.match(page.url(), /view=compare&.*a=last-success&b=ex-CHURN01/);
  const changes = await page.locator('[data-param-key]').evaluateAll((rows) => rows.map((r) => [r.dataset.paramKey, r.querySelector('tr').dataset.change]));
  assert.deepEqual(changes, [['region', 'changed'], ['model', 'same'], ['window_days', 'same']]);
  assert.match(await page.locator('[data-param-key="region"]').textContent(), /"eu-west-1".*"us-east-1"/s);
  assert.equal(await page.locator('[data-field="ExecutionEngine.Id"] tr').getAttribute('data-change'), 'same');
  await page.locator('.cmp-cell').first().waitFor();
  const edited = page.locator('.cmp-cell[data-change="changed"]:not([data-injected])');
  assert.equal(await edited.count(), 1, 'one edited cell');
  assert.equal(await edited.locator('ins').count(), 1);
  assert.match(await edited.locator('ins').textContent(), /^\+ features = build_features\(events, window_days=params\["window_days"\], region=params\["region"\]\)/);
  assert.match(await edited.locator('del').textContent(), /^− features = build_features\(events, window_days=params\["window_days"\]\)/);
  const failing = page.locator('.cmp-failing');
  assert.match(await failing.locator('h3').textContent(), /Where it failed: Cell \[4\] raised ValueError/);
  assert.match(await failing.textContent(), /184203.*ValueError/s, 'both outputs, the good and the failed');
  // Only the executions' own data: EMR and their own bucket.
  const hosts = new Set(log.requests.map((r) => new URL(r.url).origin));
  assert.deepEqual([...hosts].filter((h) => h !== new URL(stack.preview.url).origin && h !== stack.emulator.url), []);
  assert.deepEqual(await axe(page, 'a comparison'), []);
  await context.close();
});

test('keyboard only: from the list to a comparison of two chosen runs', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  const tabTo = async (locator) => {
    for (let i = 0; i < 400; i++) {
      if (await locator.evaluate((e) => e === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`never reached ${locator}`);
  };
  await tabTo(page.getByRole('link', { name: 'Notebooks' }));
  await page.keyboard.press('Enter');
  await page.locator(`tr[data-notebook-key="${CHURN}"]`).waitFor();
  await tabTo(page.locator(`tr[data-notebook-key="${CHURN}"] a`));
  await page.keyboard.press('Enter');
  await page.locator('.history tr[data-execution-id]').first().waitFor();
  const boxes = page.locator('.history tr[data-execution-id] input[type=checkbox]');
  await tabTo(boxes.nth(0));
  await page.keyboard.press('Space');
  await tabTo(boxes.nth(3));
  await page.keyboard.press('Space');
  await tabTo(page.getByRole('button', { name: 'Compare' }));
  await page.keyboard.press('Enter');
  await page.locator('.cmp-intro').waitFor();
  assert.match(page.url(), /view=compare&.*a=ex-[A-Z0-9]+&b=ex-CHURN01/);
  await context.close();
});
