// Acting on executions, against the emulator: stop with its confirmation (one request), cancel
// (none), a refused stop, a denied stop, stop from a list row; run again pre-filled, edited
// parameters arriving exactly as typed, the new execution followed to its end; a notification
// fired once when a watched run ends (Notification stubbed), and the tab title following it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, openApp, describe, listExecutions, seedId, NOSTOP, NOSTART, reload } from './harness.mjs';

const stack = useStack();

const requests = async (op) => (await stack.emulator.control('GET', 'requests')).filter((r) => r.operation === op);
const status = (page) => page.locator('article header [data-status]').getAttribute('data-status');
const waitStatus = (page, s, timeout = 20_000) => page.locator(`article header [data-status="${s}"]`).waitFor({ timeout });

/** A Notification that records what it was asked to show; `permission` is what the user answers. */
const stubNotifications = (permission) => {
  window.__notes = [];
  window.Notification = class {
    static permission = 'default';
    static async requestPermission() {
      window.Notification.permission = window.__grant;
      return window.__grant;
    }
    constructor(title, options) {
      window.__notes.push({ title, body: options?.body });
    }
  };
  window.__grant = permission;
};

test('Stop asks first; only Stop sends exactly one request; the detail follows it to STOPPED', async () => {
  const id = seedId('RUNNING');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id });
  assert.equal(await page.getByRole('button', { name: 'Run again' }).count(), 1);
  await page.getByRole('button', { name: 'Stop execution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop this notebook execution?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /clickstream-sessionize/);
  assert.match(await dialog.textContent(), new RegExp(id));
  // Cancel and Escape send nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.isVisible(), false);
  await page.getByRole('button', { name: 'Stop execution' }).click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await dialog.isVisible(), false);
  assert.equal((await requests('StopNotebookExecution')).length, 0);

  await page.getByRole('button', { name: 'Stop execution' }).click();
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await waitStatus(page, 'STOP_PENDING', 10_000);
  const stops = await requests('StopNotebookExecution');
  assert.deepEqual(stops.map((r) => r.execution_id), [id]);
  assert.equal(await page.getByRole('button', { name: 'Stop execution' }).count(), 0, 'no Stop once it is stopping');
  await stack.emulator.control('POST', 'clock', { advance_ms: 6_000 });
  await waitStatus(page, 'STOPPING');
  await stack.emulator.control('POST', 'clock', { advance_ms: 20_000 });
  await waitStatus(page, 'STOPPED');
  assert.equal((await requests('StopNotebookExecution')).length, 1);
  await context.close();
});

test('a refused stop shows the code and what it means, and the record is described again', async () => {
  const id = seedId('RUNNING');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id });
  await page.getByLabel('Refresh until the execution ends', { exact: true }).uncheck();
  // It finishes while the page still shows it running.
  await stack.emulator.control('POST', 'clock', { advance_ms: 3 * 3_600_000 });
  await page.getByRole('button', { name: 'Stop execution' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop' }).click();
  await page.locator('[role=alert]').waitFor();
  const alert = await page.locator('[role=alert]').textContent();
  assert.match(alert, /InvalidRequestException/);
  assert.match(alert, /can be stopped only while it is START_PENDING, STARTING or RUNNING/);
  assert.match(alert, /cannot be stopped because it is in FINISHED status/);
  await waitStatus(page, 'FINISHED');
  await context.close();
});

test('a denied stop names elasticmapreduce:StopNotebookExecution', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { creds: NOSTOP, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  await page.getByRole('button', { name: 'Stop execution' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop' }).click();
  await page.locator('[role=alert]').waitFor();
  const alert = await page.locator('[role=alert]').textContent();
  assert.match(alert, /AccessDeniedException/);
  assert.match(alert, /Ask for the IAM permission elasticmapreduce:StopNotebookExecution/);
  await context.close();
});

test('Stop from a list row: confirmed, one request, the row updates', async () => {
  const id = seedId('STARTING');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  await page.getByRole('button', { name: 'Stop feature-backfill' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop this notebook execution?' });
  assert.match(await dialog.textContent(), new RegExp(id));
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await page.locator(`tr[data-execution-id="${id}"] [data-status="STOP_PENDING"]`).waitFor({ timeout: 10_000 });
  assert.deepEqual((await requests('StopNotebookExecution')).map((r) => r.execution_id), [id]);
  await context.close();
});

test('Run again: pre-filled from the record, edited parameters arrive exactly as typed, the new run is followed to its end', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  await page.getByRole('button', { name: 'Run again' }).click();
  const form = page.locator('form.run-again');
  await form.waitFor();
  const value = (label) => form.getByLabel(label, { exact: true }).inputValue();
  assert.equal(await value('Execution name'), 'recommendations-refresh');
  assert.equal(await value('Editor ID'), 'e-BKTM2DIHXBEDRU44ANWRKIU8N');
  assert.equal(await value('Relative path'), '');
  assert.equal(await value('Input notebook'), 's3://aws-emr-studio-111122223333-us-east-1/e-BKTM2DIHXBEDRU44ANWRKIU8N/notebooks/recs_refresh.ipynb');
  assert.equal(await value('Cluster ID'), 'j-3UK2LQBX9ZWEP');
  assert.equal(await value('Service role'), 'EMR_Notebooks_DefaultRole');
  assert.equal(await value('Execution role ARN'), 'arn:aws:iam::111122223333:role/EMRStudio_Notebook_Execution_Role');
  assert.equal(await value('Output notebook'), 's3://aws-emr-studio-111122223333-us-east-1/e-BKTM2DIHXBEDRU44ANWRKIU8N/executions/' + seedId('FAILED') + '/');
  assert.match(await value('Notebook parameters'), /"run_date": "2026-11-24"/);
  assert.equal(await form.getByLabel('Variable 1 name', { exact: true }).inputValue(), 'PYTHONUNBUFFERED');

  // A JSON mistake: pointed at, nothing sent.
  await form.getByLabel('Notebook parameters', { exact: true }).fill('{\n  "run_date": "2026-12-01"\n  "sample_fraction": 0.5\n}');
  await form.getByRole('button', { name: 'Start execution' }).click();
  assert.match(await form.locator('[role=alert]').textContent(), /Notebook parameters are not valid JSON: line 3, column 3/);
  assert.equal(await form.getByLabel('Notebook parameters', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal((await requests('StartNotebookExecution')).length, 0);

  const params = '{\n  "run_date": "2026-12-01",\n  "sample_fraction": 0.5\n}';
  await form.getByLabel('Notebook parameters', { exact: true }).fill(params);
  await form.getByLabel('Execution name', { exact: true }).fill('recommendations-refresh (rerun)');
  await form.getByRole('button', { name: 'Start execution' }).click();
  await page.waitForURL(/#view=detail&.*id=ex-[A-Z0-9]{29}$/);
  const sent = log.requests.find((r) => r.headers['x-amz-target'] === 'ElasticMapReduce.StartNotebookExecution');
  const body = JSON.parse(sent.body);
  assert.equal(body.NotebookParams, params, 'the parameters exactly as typed');
  assert.equal(body.NotebookExecutionName, 'recommendations-refresh (rerun)');
  assert.equal(body.ServiceRole, 'EMR_Notebooks_DefaultRole');
  assert.deepEqual(body.ExecutionEngine, { Id: 'j-3UK2LQBX9ZWEP', Type: 'EMR', MasterInstanceSecurityGroupId: 'sg-066e6805267d1d69c', ExecutionRoleArn: 'arn:aws:iam::111122223333:role/EMRStudio_Notebook_Execution_Role' });
  assert.equal(body.RelativePath, undefined, 'empty fields are not sent');
  const newId = page.url().match(/id=(ex-[A-Z0-9]+)$/)[1];
  await waitStatus(page, 'START_PENDING', 10_000);
  assert.equal(await page.locator('h2').first().textContent(), 'recommendations-refresh (rerun)');
  // Followed: the frozen clock moves, the page follows to the end.
  await stack.emulator.control('POST', 'clock', { advance_ms: 20_000 });
  await waitStatus(page, 'STARTING');
  await stack.emulator.control('POST', 'clock', { advance_ms: 10 * 60_000 });
  await waitStatus(page, 'FINISHED', 30_000);
  assert.equal((await requests('StartNotebookExecution')).length, 1);
  assert.ok(newId);
  await context.close();
});

test('an open Run again form left by Back, then another execution opened: no panic, the new record shows', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await listExecutions(page, { endpoint: stack.emulator.url });
  await page.locator(`tr[data-execution-id="${seedId('FAILED')}"] a[href^="#"]`).first().click();
  await page.getByRole('button', { name: 'Run again' }).click();
  await page.locator('form.run-again').waitFor();
  await page.goBack();
  await page.locator('tr[data-execution-id]').first().waitFor();
  await page.locator(`tr[data-execution-id="${seedId('RUNNING')}"] a[href^="#"]`).first().click();
  await waitStatus(page, 'RUNNING');
  assert.equal(await page.locator('form.run-again').count(), 0, 'the form belonged to the other execution');
  await page.waitForTimeout(300);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a denied start names the action and iam:PassRole', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { creds: NOSTART, endpoint: stack.emulator.url, id: seedId('FINISHED') });
  await page.getByRole('button', { name: 'Run again' }).click();
  await page.getByRole('button', { name: 'Start execution' }).click();
  await page.locator('form.run-again [role=alert]').waitFor();
  const alert = await page.locator('form.run-again [role=alert]').textContent();
  assert.match(alert, /AccessDeniedException/);
  assert.match(alert, /elasticmapreduce:StartNotebookExecution/);
  assert.match(alert, /iam:PassRole on the service role/);
  await context.close();
});

test('a watched run that ends notifies once, with name and status; the tab title follows it', async () => {
  const id = seedId('STARTING');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await page.addInitScript(stubNotifications, 'granted');
  await reload(page);
  await describe(page, { endpoint: stack.emulator.url, id });
  assert.equal(await page.title(), 'Starting · feature-backfill — EMR notebook executions');
  await page.getByLabel('Notify me when it ends', { exact: true }).check();
  // The watcher keeps describing it, also with the detail's own refresh off and the list shown.
  await page.getByLabel('Refresh until the execution ends', { exact: true }).uncheck();
  await page.getByRole('link', { name: '← All executions' }).click();
  await stack.emulator.control('POST', 'clock', { advance_ms: 30 * 60_000 });
  await page.waitForFunction(() => document.title.startsWith('Running · feature-backfill'), null, { timeout: 20_000 });
  await stack.emulator.control('POST', 'clock', { advance_ms: 10 * 60_000 });
  await page.waitForFunction(() => window.__notes.length > 0, null, { timeout: 30_000 });
  assert.deepEqual(await page.evaluate(() => window.__notes), [{ title: 'feature-backfill: Finished', body: 'The notebook execution finished.' }]);
  assert.equal(await page.title(), 'Finished · feature-backfill — EMR notebook executions');
  assert.match(await page.locator('.announcements').textContent(), /feature-backfill: Finished/);
  await page.waitForTimeout(5_000);
  assert.equal(await page.evaluate(() => window.__notes.length), 1, 'once');
  await context.close();
});

test('notifications refused: the page says so, and the end is announced in the page with the failure reason', async () => {
  const id = seedId('FAILING');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await page.addInitScript(stubNotifications, 'denied');
  await reload(page);
  await describe(page, { endpoint: stack.emulator.url, id });
  await page.getByLabel('Notify me when it ends', { exact: true }).check();
  await page.locator('.note', { hasText: 'blocks notifications' }).waitFor();
  await stack.emulator.control('POST', 'clock', { advance_ms: 31 * 60_000 });
  await page.locator('.announcement').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.announcement').textContent(), /ad-attribution: Failed.*Py4JJavaError/);
  assert.deepEqual(await page.evaluate(() => window.__notes), []);
  await context.close();
});
