// Start with confidence: New execution for an S3 and a workspace notebook followed to the end, the
// cluster checked at the field (terminated blocked, bootstrapping said, runtime roles warned),
// what a start used remembered for Run again, Copy as (a copied CLI input run with boto3 makes
// the same execution as the page), the form as a link, denied cluster calls, axe, keyboard only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { useStack, openApp, fillForm, describe, seedId, axe, cspViolations, NOCLUSTERS, DEMO, ROOT } from './harness.mjs';

const stack = useStack();
const EDITOR = 'e-C9ZY9CMD24CCF4F2B4UZ7D7MA';
const CLUSTER = 'j-142PVKGDZTTXS';

const requests = async (op) => (await stack.emulator.control('GET', 'requests')).filter((r) => r.operation === op);

/** The panel filled, then the New execution page, its cluster list loaded. */
async function newExecution(page, creds = DEMO) {
  await fillForm(page, { creds, endpoint: stack.emulator.url });
  await page.getByRole('button', { name: 'New execution' }).click();
  const form = page.locator('form.start-form');
  await form.waitFor();
  await form.locator('#start-cluster-note').filter({ hasText: /can take a notebook|may not list|could not be listed/ }).waitFor();
  return form;
}

const field = (form, label) => form.getByLabel(label, { exact: true });

async function chooseCluster(form, id, check) {
  await field(form, 'Cluster ID').fill(id);
  if (check) await form.locator(`[data-check="${check}"]`).waitFor();
}

async function waitStatus(page, status, timeout = 20_000) {
  await page.locator(`article.execution [data-status="${status}"]`).first().waitFor({ timeout });
}

/** The text the CLI command's --cli-input-json word stands for (a shell single-quoted word). */
function cliInput(command) {
  const word = command.slice(command.indexOf("--cli-input-json '") + "--cli-input-json '".length, command.lastIndexOf("'"));
  return JSON.parse(word.replaceAll("'\\''", "'"));
}

function boto3(args) {
  const out = execFileSync('python3', [join(ROOT, 'tests/e2e/boto3_start.py')], { input: JSON.stringify({ endpoint: stack.emulator.url, ...args }) });
  return JSON.parse(out.toString());
}

test('New execution: an S3 notebook on a seeded cluster, started and followed to the end', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  const form = await newExecution(page);
  assert.match(await form.locator('#start-cluster-note').textContent(), /^6 clusters can take a notebook/);
  const options = await form.locator('#start-clusters option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options.find(([id]) => id === 'j-3BOOTSTRAP001'), ['j-3BOOTSTRAP001', 'etl-backfill · BOOTSTRAPPING']);
  assert.ok(!options.some(([id]) => id === 'j-2TERMINATED01'), 'only clusters that can take a notebook are offered');
  assert.equal(await field(form, 'Service role').inputValue(), 'EMR_Notebooks_DefaultRole');
  await field(form, 'Execution name').fill('from-s3 (new)');
  await field(form, 'Input notebook').fill('s3://analytics-notebooks/shared/notebooks/nightly_revenue.ipynb');
  await chooseCluster(form, CLUSTER, 'ready');
  assert.match(await form.locator('[data-check=ready]').textContent(), /analytics-prod \(j-142PVKGDZTTXS\): WAITING, emr-7\.1\.0/);
  await field(form, 'Notebook parameters').fill('{"run_date": "2026-12-08"}');
  await form.getByRole('button', { name: 'Start execution' }).click();
  await page.waitForURL(/#view=detail&.*id=ex-[A-Z0-9]{29}$/);
  const sent = JSON.parse(log.requests.find((r) => r.headers['x-amz-target'] === 'ElasticMapReduce.StartNotebookExecution').body);
  assert.deepEqual(sent, {
    NotebookExecutionName: 'from-s3 (new)',
    NotebookParams: '{"run_date": "2026-12-08"}',
    ExecutionEngine: { Id: CLUSTER, Type: 'EMR' },
    ServiceRole: 'EMR_Notebooks_DefaultRole',
    NotebookS3Location: { Bucket: 'analytics-notebooks', Key: 'shared/notebooks/nightly_revenue.ipynb' },
  });
  await waitStatus(page, 'START_PENDING');
  await stack.emulator.control('POST', 'clock', { advance_ms: 20_000 });
  await waitStatus(page, 'STARTING');
  await stack.emulator.control('POST', 'clock', { advance_ms: 10 * 60_000 });
  await waitStatus(page, 'FINISHED', 30_000);
  assert.equal((await requests('StartNotebookExecution')).length, 1);
  assert.equal((await requests('DescribeCluster')).length, 1, 'the chosen cluster described once');
  await context.close();
});

test('New execution: a workspace notebook; Run again of its run fills in the relative path and role it used', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const form = await newExecution(page);
  await field(form, 'Execution name').fill('weekly-report');
  await field(form, 'Editor ID').fill(EDITOR);
  await field(form, 'Relative path').fill('reports/weekly report.ipynb');
  await field(form, 'Service role').fill('arn:aws:iam::111122223333:role/CustomNotebookRole');
  await chooseCluster(form, 'j-3BOOTSTRAP001', 'starting');
  assert.match(await form.locator('[data-check=starting]').textContent(), /etl-backfill \(j-3BOOTSTRAP001\) is still bootstrapping/);
  await form.getByRole('button', { name: 'Start execution' }).click();
  await waitStatus(page, 'START_PENDING');
  await stack.emulator.control('POST', 'clock', { advance_ms: 11 * 60_000 });
  await waitStatus(page, 'FINISHED', 30_000);
  // Describe returns neither: Run again has them from this tab's start, and says so.
  await page.getByRole('button', { name: 'Run again' }).click();
  const again = page.locator('form.run-again');
  await again.waitFor();
  assert.equal(await field(again, 'Relative path').inputValue(), 'reports/weekly report.ipynb');
  assert.equal(await field(again, 'Service role').inputValue(), 'arn:aws:iam::111122223333:role/CustomNotebookRole');
  assert.match(await again.locator('#start-relative-path-note').textContent(), /last start of this notebook in this tab/);
  // A record started elsewhere: the form says EMR does not report them, and what the default is.
  await page.getByLabel('Notebook execution ID', { exact: true }).fill(seedId('FINISHED'));
  await page.getByRole('button', { name: 'Describe' }).click();
  await waitStatus(page, 'FINISHED');
  await page.getByRole('button', { name: 'Run again' }).click();
  await again.waitFor();
  assert.match(await again.locator('#start-service-role-note').textContent(), /EMR does not report the service role of a past run: the default EMR_Notebooks_DefaultRole is filled in/);
  await context.close();
});

test('the cluster is checked at the field: terminated blocks with EMR’s reason, runtime roles warn without an execution role', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const form = await newExecution(page);
  await field(form, 'Editor ID').fill(EDITOR);
  await field(form, 'Relative path').fill('a.ipynb');
  await chooseCluster(form, 'j-2TERMINATED01', 'blocked');
  assert.match(await form.locator('[data-check=blocked]').textContent(), /Cannot start here: reporting-old \(j-2TERMINATED01\) is TERMINATED: a notebook cannot start on it\. EMR says: USER_REQUEST: Terminated by user request/);
  await form.getByRole('button', { name: 'Start execution' }).click();
  assert.match(await form.locator('[role=alert]').textContent(), /Nothing was sent[\s\S]*TERMINATED/);
  assert.equal(await field(form, 'Cluster ID').getAttribute('aria-invalid'), 'true');
  assert.equal((await requests('StartNotebookExecution')).length, 0, 'nothing signed for a terminated cluster');

  await chooseCluster(form, 'j-1RUNTIMEROLE1', 'warning');
  assert.match(await form.locator('[data-check=warning]').textContent(), /security configuration runtime-roles-enabled.*needs an Execution role ARN/);
  await field(form, 'Execution role ARN').fill('arn:aws:iam::111122223333:role/Runtime');
  await form.locator('[data-check=warning]').waitFor({ state: 'detached' });
  assert.equal(await form.locator('[data-check=ready]').count(), 1);
  await form.getByRole('button', { name: 'Start execution' }).click();
  await waitStatus(page, 'START_PENDING');
  await context.close();
});

test('Copy as → AWS CLI: the copied input run with boto3 makes the execution the page starts', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const form = await newExecution(page);
  await field(form, 'Execution name').fill(`it's "quoted" $(date) \`x\``);
  await field(form, 'Editor ID').fill(EDITOR);
  await field(form, 'Relative path').fill('reports/daily.ipynb');
  await chooseCluster(form, CLUSTER, 'ready');
  await field(form, 'Notebook parameters').fill('{"note": "東京 \\n 🚀", "n": 1}');
  await form.getByRole('button', { name: 'Add tag' }).click();
  await field(form, 'Tag 1 name').fill('team');
  await field(form, 'Tag 1 value').fill("data's");
  await form.getByRole('button', { name: 'Copy as' }).click();
  await form.getByRole('button', { name: 'AWS CLI' }).click();
  const shown = await form.locator('pre[data-snippet=cli]').textContent();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown, 'what is shown is what was copied');
  assert.match(shown, new RegExp(`^aws emr start-notebook-execution --region us-east-1 --endpoint-url ${stack.emulator.url.replaceAll('.', '\\.')} `));
  assert.ok(!shown.includes(DEMO.accessKeyId) && !shown.includes(DEMO.secret) && !shown.includes(DEMO.token), 'no credentials');
  const input = cliInput(shown);
  // boto3 starts it; then the page starts the same form.
  const viaBoto3 = boto3({ start: input });
  await form.getByRole('button', { name: 'Start execution' }).click();
  await page.waitForURL(/#view=detail&.*id=ex-[A-Z0-9]{29}$/);
  const pageId = page.url().match(/id=(ex-[A-Z0-9]+)$/)[1];
  const both = boto3({ describe: [viaBoto3.started, pageId] }).described;
  const same = (r) => {
    const { NotebookExecutionId, Arn, StartTime, OutputNotebookURI, OutputNotebookS3Location, ...rest } = r;
    return rest;
  };
  assert.deepEqual(same(both[pageId]), same(both[viaBoto3.started]));
  assert.equal(both[pageId].NotebookExecutionName, `it's "quoted" $(date) \`x\``);
  // The other writers are offered and show their code.
  await page.goBack();
  const back = page.locator('form.start-form');
  await back.waitFor();
  await back.getByRole('button', { name: 'Copy as' }).click();
  for (const [name, id, expect] of [['boto3', 'boto3', /emr\.start_notebook_execution\(\*\*\{/], ['Airflow', 'airflow', /EmrStartNotebookExecutionOperator\(/], ['EventBridge Scheduler', 'scheduler', /arn:aws:scheduler:::aws-sdk:emr:startNotebookExecution/]]) {
    await back.getByRole('button', { name, exact: true }).click();
    assert.match(await back.locator(`pre[data-snippet=${id}]`).textContent(), expect);
  }
  await context.close();
});

test('a filled form is a link: opened in a new context (and reloaded) it is filled identically, with no credentials in it', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const form = await newExecution(page);
  const values = {
    'Execution name': 'shared & linked = #1',
    'Editor ID': EDITOR,
    'Relative path': 'dir/ä b%20c.ipynb',
    'Execution role ARN': 'arn:aws:iam::111122223333:role/Runtime',
    'Output notebook': 's3://my-bucket/outputs/',
    'Notebook parameters': '{\n  "a": "&b=c#d"\n}',
  };
  for (const [label, v] of Object.entries(values)) await field(form, label).fill(v);
  await chooseCluster(form, 'j-1RUNTIMEROLE1', 'ready');
  await form.getByRole('button', { name: 'Add variable' }).click();
  await field(form, 'Variable 1 name').fill('A=B');
  await field(form, 'Variable 1 value').fill('x=y&z');
  await field(form, 'Output format').selectOption('HTML');
  const all = async (f) => f.locator('input[id^=start-], textarea, select, .pair input').evaluateAll((els) => els.map((e) => [e.id, e.value]));
  const filled = await all(form);
  const url = page.url();
  assert.match(url, /#view=start&/);
  for (const secret of [DEMO.accessKeyId, DEMO.secret, DEMO.token]) assert.ok(!url.includes(encodeURIComponent(secret)) && !url.includes(secret));
  // Another person's browser: the link opens the same form (their own credentials come later).
  const { page: other, context: second } = await openApp(stack.browser, url);
  const otherForm = other.locator('form.start-form');
  await otherForm.waitFor();
  assert.deepEqual(await all(otherForm), filled);
  await second.close();
  await page.reload();
  await form.waitFor();
  assert.deepEqual(await all(form), filled);
  await context.close();
});

test('without cluster permissions the field is a plain id field with a note, and the start still works', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const form = await newExecution(page, NOCLUSTERS);
  assert.match(await form.locator('#start-cluster-note').textContent(), /may not list clusters \(elasticmapreduce:ListClusters\): type the cluster ID/);
  assert.equal(await form.locator('[role=alert]').count(), 0, 'a note, not an error');
  await field(form, 'Editor ID').fill(EDITOR);
  await field(form, 'Relative path').fill('a.ipynb');
  await field(form, 'Cluster ID').fill(CLUSTER);
  await form.locator('#start-cluster-check').filter({ hasText: 'may not describe clusters (elasticmapreduce:DescribeCluster)' }).waitFor();
  await form.getByRole('button', { name: 'Start execution' }).click();
  await waitStatus(page, 'START_PENDING');
  await context.close();
});

test('axe-clean form, cluster checks and copy menu; Copy as beside a record', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const form = await newExecution(page);
  assert.deepEqual(await axe(page, 'the empty start form'), []);
  await chooseCluster(form, 'j-1RUNTIMEROLE1', 'warning');
  await form.getByRole('button', { name: 'Start execution' }).click();
  await form.locator('[role=alert]').waitFor();
  assert.deepEqual(await axe(page, 'the form with problems and a cluster warning'), []);
  await field(form, 'Editor ID').fill(EDITOR);
  await field(form, 'Relative path').fill('a.ipynb');
  await form.getByRole('button', { name: 'Copy as' }).click();
  await form.getByRole('button', { name: 'boto3' }).click();
  await form.locator('pre[data-snippet=boto3]').waitFor();
  assert.deepEqual(await axe(page, 'the copy menu with its code'), []);
  // Beside a record: what Run again would send (this one ran from S3, so nothing is missing).
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
  await page.getByRole('button', { name: 'Copy as' }).click();
  const menu = page.locator('.record-actions .copy-as');
  await menu.getByRole('button', { name: 'AWS CLI' }).click();
  const cli = cliInput(await menu.locator('pre[data-snippet=cli]').textContent());
  assert.deepEqual(cli.NotebookS3Location, { Bucket: 'aws-emr-studio-111122223333-us-east-1', Key: 'e-C9ZY9CMD24CCF4F2B4UZ7D7MA/notebooks/daily_sales_report.ipynb' });
  assert.equal(cli.ServiceRole, 'EMR_Notebooks_DefaultRole');
  assert.deepEqual(await axe(page, 'a record with its copy menu'), []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('keyboard only: from New execution to a started run without the mouse', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByRole('button', { name: 'New execution' }).focus();
  await page.keyboard.press('Enter');
  const form = page.locator('form.start-form');
  await form.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'start-heading', 'focus moves to the form');
  const tabTo = async (id) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement.id)) === id) return;
    }
    throw new Error(`Tab never reached #${id}`);
  };
  await tabTo('start-name');
  await page.keyboard.type('keyboard-run');
  await tabTo('start-editor');
  await page.keyboard.type(EDITOR);
  await tabTo('start-relative-path');
  await page.keyboard.type('k.ipynb');
  await tabTo('start-cluster');
  await page.keyboard.type(CLUSTER);
  await form.locator('[data-check=ready]').waitFor();
  await page.keyboard.press('Enter');
  await waitStatus(page, 'START_PENDING');
  assert.equal(await page.locator('h2').first().textContent(), 'keyboard-run');
  await context.close();
});
