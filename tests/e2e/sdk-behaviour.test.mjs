// Behaving like an AWS SDK, against the emulator's fault injection: retries with backoff, giving
// up, clock-skew correction, auth and permission errors, cancel, overlapping Describes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, startEmulator, openApp, describe, fillForm, seedId, EXPIRED, DENIED, DEMO, reload } from './harness.mjs';

const stack = useStack();

const attempts = async (id) => (await stack.emulator.control('GET', 'requests')).filter((r) => r.execution_id === id).length;

/** Records every text the progress line shows (whichever view's line it is). */
async function watchProgress(page) {
  await page.evaluate(() => {
    window.__progress = [];
    const record = () => {
      const el = document.querySelector('.progress');
      if (el && el.textContent !== window.__progress.at(-1)) window.__progress.push(el.textContent);
    };
    new MutationObserver(record).observe(document.body, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => window.__progress);
}

const alertCode = (page) => page.locator('[role=alert] .alert__code').first().textContent();

test('throttled twice, then success: the page shows it is retrying', async () => {
  const id = seedId('RUNNING');
  await stack.emulator.control('POST', 'faults', { kind: 'throttle', execution_id: id, times: 2 });
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url, id });
  const progress = await watchProgress(page);
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.locator('article.execution').waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'RUNNING');
  assert.equal(await attempts(id), 3);
  const seen = (await progress()).join('\n');
  assert.match(seen, /ThrottlingException: retrying \(attempt 2 of 3\)/);
  assert.match(seen, /ThrottlingException: retrying \(attempt 3 of 3\)/);
  await context.close();
});

test('always 5xx: gives up after 3 attempts, then stops', async () => {
  const id = seedId('FINISHED');
  await stack.emulator.control('POST', 'faults', { kind: 'server_error', execution_id: id });
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id });
  assert.equal(await alertCode(page), 'InternalServerException');
  assert.match(await page.locator('[role=alert]').textContent(), /Request ID \(for AWS Support\): [0-9a-f-]{36}/);
  assert.equal(await attempts(id), 3);
  await page.waitForTimeout(2_500);
  assert.equal(await attempts(id), 3, 'no attempt after giving up');
  await context.close();
});

test('dropped connections are network errors after 3 attempts', async () => {
  const id = seedId('FINISHED');
  await stack.emulator.control('POST', 'faults', { kind: 'drop', execution_id: id });
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id });
  assert.equal(await alertCode(page), 'NetworkError');
  const text = await page.locator('[role=alert]').textContent();
  assert.match(text, /does not tell web pages why/);
  assert.match(text, /offline/);
  assert.match(text, /CORS/);
  // Counted in the page: Chromium itself may resend once on a reused keep-alive socket.
  assert.equal(log.requests.filter((r) => r.method === 'POST' && r.url.startsWith(stack.emulator.url)).length, 3);
  await context.close();
});

for (const [minutes, direction] of [[40, 'behind'], [-40, 'ahead of']]) {
  test(`a server clock ${Math.abs(minutes)} minutes ${minutes > 0 ? 'ahead' : 'behind'}: corrected, and the user is told`, async () => {
    await stack.emulator.control('POST', 'clock', { server_offset_ms: minutes * 60_000 });
    const { page, context } = await openApp(stack.browser, stack.preview.url);
    await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
    assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'FINISHED');
    const notice = await page.locator('.notice').textContent();
    assert.match(notice, new RegExp(`about 40 minutes ${direction} AWS's`));
    // The next call signs with the learned offset straight away: one request, no correction.
    const before = await attempts(seedId('RUNNING'));
    await page.getByLabel('Notebook execution ID', { exact: true }).fill(seedId('RUNNING'));
    await page.getByRole('button', { name: 'Describe' }).click();
    await page.locator('article header [data-status="RUNNING"]').waitFor();
    assert.equal((await attempts(seedId('RUNNING'))) - before, 1);
    await context.close();
  });
}

test("one endpoint's clock never skews another's signatures (the offset is kept per endpoint origin)", async () => {
  await stack.emulator.control('POST', 'clock', { server_offset_ms: 40 * 60_000 });
  const other = await startEmulator();
  try {
    const { page, context, log } = await openApp(stack.browser, stack.preview.url);
    await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
    assert.match(await page.locator('.notice').textContent(), /about 40 minutes behind/);
    await page.getByLabel('Endpoint URL', { exact: true }).fill(other.url);
    await page.getByRole('button', { name: 'Describe' }).click();
    await page.locator('article header [data-status="FINISHED"]').waitFor();
    const sent = log.requests.filter((r) => r.method === 'POST' && r.url.startsWith(other.url));
    assert.equal(sent.length, 1, 'signed with its own (browser) clock: accepted at once');
    const stamp = sent[0].headers['x-amz-date'];
    const at = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(9, 11), +stamp.slice(11, 13), +stamp.slice(13, 15));
    assert.ok(Math.abs(at - Date.now()) < 5 * 60_000, `X-Amz-Date ${stamp} is the browser's time, not the other endpoint's`);
    await context.close();
  } finally {
    other.stop();
  }
});

test('an expired token asks for fresh credentials and keeps the form', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { creds: EXPIRED, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  assert.equal(await alertCode(page), 'ExpiredTokenException');
  assert.match(await page.locator('[role=alert]').textContent(), /fresh credentials/);
  assert.equal(await page.getByLabel('Notebook execution ID', { exact: true }).inputValue(), seedId('RUNNING'));
  assert.equal(await page.getByLabel('Endpoint URL', { exact: true }).inputValue(), stack.emulator.url);
  await context.close();
});

test('a denied permission names the IAM action', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { creds: DENIED, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  assert.equal(await alertCode(page), 'AccessDeniedException');
  const text = await page.locator('[role=alert]').textContent();
  assert.match(text, /Ask for the IAM permission elasticmapreduce:DescribeNotebookExecution/);
  assert.match(text, /is not authorized to perform: elasticmapreduce:DescribeNotebookExecution/);
  await context.close();
});

test('a wrong secret and an unknown key are told apart', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { creds: { ...DEMO, secret: 'not/the/secret' }, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  assert.equal(await alertCode(page), 'InvalidSignatureException');
  assert.match(await page.locator('[role=alert]').textContent(), /Copy the secret access key again/);
  await reload(page);
  await describe(page, { creds: { ...DEMO, accessKeyId: 'ASIASTRANGER00000001' }, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  assert.equal(await alertCode(page), 'UnrecognizedClientException');
  await context.close();
});

test('an error code the console does not know is shown as sent, with the request ID', async () => {
  const id = seedId('RUNNING');
  await stack.emulator.control('POST', 'faults', { kind: 'server_error', status: 400, code: 'BrandNewException', execution_id: id });
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id });
  assert.equal(await alertCode(page), 'BrandNewException');
  assert.match(await page.locator('[role=alert]').textContent(), /does not know.*Request ID/s);
  assert.equal(await attempts(id), 1, 'unknown 4xx codes are not retried');
  await context.close();
});

test('two overlapping Describes: the late response never overwrites the newer one', async () => {
  const slow = seedId('FAILED');
  const fast = seedId('RUNNING');
  await stack.emulator.control('POST', 'faults', { kind: 'latency', ms: 1500, execution_id: slow });
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url, id: slow });
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.getByLabel('Notebook execution ID', { exact: true }).fill(fast);
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.locator('article header [data-status="RUNNING"]').waitFor();
  await page.waitForTimeout(2_000);
  assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'RUNNING');
  assert.equal(await page.locator('h2').textContent(), 'clickstream-sessionize');
  await context.close();
});

test('cancel stops a slow Describe', async () => {
  const id = seedId('FAILED');
  await stack.emulator.control('POST', 'faults', { kind: 'latency', ms: 2000, execution_id: id });
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await fillForm(page, { endpoint: stack.emulator.url, id });
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.locator('.progress').textContent(), 'Cancelled.');
  await page.waitForTimeout(2_500);
  assert.equal(await page.locator('article.execution').count(), 0);
  assert.equal(await page.locator('[role=alert]').count(), 0);
  await context.close();
});

test('endpoint options: FIPS and dual-stack where AWS lists them; a bad region never reaches a signer', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await page.getByText('Advanced').click();
  await page.getByLabel('Region', { exact: true }).selectOption('us-east-2');
  await page.getByLabel('Use the FIPS endpoint', { exact: true }).check();
  assert.equal(await page.getByTestId('target').textContent(), 'https://elasticmapreduce-fips.us-east-2.amazonaws.com');
  await page.getByLabel('Use the FIPS endpoint', { exact: true }).uncheck();
  await page.getByLabel('Use the dual-stack (IPv6) endpoint', { exact: true }).check();
  assert.equal(await page.getByTestId('target').textContent(), 'https://elasticmapreduce.us-east-2.api.aws');
  await page.getByLabel('Region', { exact: true }).selectOption('cn-north-1');
  assert.equal(await page.getByTestId('target').textContent(), 'https://elasticmapreduce.cn-north-1.api.amazonwebservices.com.cn');
  await page.getByLabel('Region', { exact: true }).selectOption('eu-west-1');
  await fillForm(page, { id: 'ex-X' });
  await page.getByRole('button', { name: 'Describe' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /AWS lists no dual-stack endpoint for EMR in eu-west-1/);
  await context.close();
});

test('a record that is still changing refreshes itself until it ends; off means off', async () => {
  const id = seedId('STARTPENDING');
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id });
  assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'START_PENDING');
  await stack.emulator.control('POST', 'clock', { advance_ms: 30 * 60_000 });
  await page.locator('article header [data-status="STARTING"]').waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('[role=alert]').count(), 0);

  await page.getByLabel('Refresh until the execution ends', { exact: true }).uncheck();
  await stack.emulator.control('POST', 'clock', { advance_ms: 60_000 });
  const before = (await stack.emulator.control('GET', 'requests')).length;
  await page.waitForTimeout(11_000);
  assert.equal((await stack.emulator.control('GET', 'requests')).length, before, 'no refresh when turned off');
  assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'STARTING');
  await context.close();
});
