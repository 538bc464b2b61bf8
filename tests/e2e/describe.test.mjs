// The built app, served from a sub-path with production headers, describes executions in every
// status against the emulator and renders the full record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, openApp, describe, fillForm, seedId, cspViolations, DEMO, reload } from './harness.mjs';

const stack = useStack();

const STATUSES = {
  STARTPENDING: ['START_PENDING', 'Start pending'],
  STARTING: ['STARTING', 'Starting'],
  RUNNING: ['RUNNING', 'Running'],
  FINISHING: ['FINISHING', 'Finishing'],
  FINISHED: ['FINISHED', 'Finished'],
  FAILING: ['FAILING', 'Failing'],
  FAILED: ['FAILED', 'Failed'],
  STOPPENDING: ['STOP_PENDING', 'Stop pending'],
  STOPPING: ['STOPPING', 'Stopping'],
  STOPPED: ['STOPPED', 'Stopped'],
};

test('every status renders its badge, from a sub-path, with zero CSP violations', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  for (const [tag, [raw, label]] of Object.entries(STATUSES)) {
    await reload(page);
    await describe(page, { endpoint: stack.emulator.url, id: seedId(tag) });
    const badge = page.locator('article header [data-status]');
    assert.equal(await badge.getAttribute('data-status'), raw, tag);
    assert.equal(await badge.locator('.badge__label').textContent(), label);
  }
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the full record: times, duration, links, params, tables; Enter submits', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url, id: `  ${seedId('FINISHED')}  ` });
  await page.getByLabel('Notebook execution ID', { exact: true }).press('Enter');
  await page.locator('article.execution').waitFor();
  const row = (label) => page.locator('.row', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  assert.equal(await page.locator('h2').textContent(), 'find-best-sellers');
  const started = await row('Started').locator('time').getAttribute('datetime');
  assert.match(started, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(await row('Started').textContent(), /\(1 day ago\)/);
  assert.match(await row('Duration').textContent(), /^7 min \d+ s$/);
  assert.match(await row('Output notebook').textContent(), /^s3:\/\/aws-emr-studio-111122223333-us-east-1\/.*\.html/);
  assert.equal(await row('Output format').textContent(), 'HTML');
  const s3 = await row('Output notebook').locator('a').getAttribute('href');
  assert.ok(s3.startsWith('https://s3.console.aws.amazon.com/s3/object/aws-emr-studio-111122223333-us-east-1?region=us-east-1&prefix='), s3);
  assert.equal(await row('Cluster').locator('a').getAttribute('href'), 'https://console.aws.amazon.com/emr/home?region=us-east-1#/clusterDetails/j-142PVKGDZTTXS');
  assert.match(await row('Notebook parameters').locator('pre').textContent(), /"run_date": "2026-11-24",\n {2}"sample_fraction": 0.1/);
  assert.match(await row('Tags').textContent(), /cost-center/);
  assert.match(await row('Environment variables').textContent(), /SPARK_ENV/);
  await context.close();
});

test('unicode and long values render as sent', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('UNICODE') });
  assert.equal(await page.locator('h2').textContent(), 'Ежедневный отчёт 📊 — 売上レポート (Zürich/São Paulo)');
  const params = await page.locator('.params').textContent();
  assert.ok(params.includes('"währung": "€"') && params.length > 3000);
  assert.ok((await page.locator('table.kv').last().textContent()).includes('Zoë Ångström'));
  await context.close();
});

test('failed executions lead with the reason', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  assert.match(await page.locator('.reason--failure').textContent(), /kernel died unexpectedly \(exit code 137/);
  await context.close();
});

test('the output notebook downloads through a presigned URL the emulator verifies', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  const [response] = await Promise.all([
    context.waitForEvent('response', (r) => r.url().includes('X-Amz-Signature=')),
    page.getByRole('button', { name: 'Download output notebook URI (presigned link)' }).click(),
  ]);
  assert.equal(response.status(), 200);
  assert.ok(response.url().includes('X-Amz-Signature='));
  // It arrives as a file (a download, not a page); its URL works as it is.
  assert.match(response.headers()['content-disposition'], /^attachment; filename="/);
  assert.equal((await (await fetch(response.url())).json()).nbformat, 4);
  // The signed URL was opened, never written into the page.
  assert.ok(!(await page.content()).includes('X-Amz-Signature'));
  await context.close();
});

test('the local-emulator shortcut appears on localhost and fills the form', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await page.getByRole('button', { name: 'Use the local emulator' }).click();
  assert.equal(await page.getByLabel('Access key ID', { exact: true }).inputValue(), DEMO.accessKeyId);
  assert.equal(await page.getByLabel('Endpoint URL', { exact: true }).inputValue(), 'http://127.0.0.1:9100');
  assert.equal(await page.getByLabel('Notebook execution ID', { exact: true }).inputValue(), 'ex-DEMORUNNING000000000000000001');
  await context.close();
});
