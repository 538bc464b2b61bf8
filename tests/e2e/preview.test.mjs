// Output notebooks in the page, against the emulator's S3 side: HTML in a sandboxed frame with the
// content type overridden, .ipynb drawn by the page, the failing cell up front for failed runs
// (also from the .ipynb beside an HTML output), S3's 403 and 404 explained, a hostile notebook
// that runs nothing, the 10 MB notebook drawn to the end, and a bucket without CORS explained.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, startPreview, launch, openApp, describe, seedId, cspViolations } from './harness.mjs';

const stack = {};
before(async () => {
  [stack.emulator, stack.noCors, stack.preview, stack.browser] = await Promise.all([startEmulator(), startEmulator(['--frozen', '--s3-cors', 'off']), startPreview(), launch()]);
});
after(async () => {
  await stack.browser?.close();
  stack.emulator?.stop();
  stack.noCors?.stop();
  stack.preview?.stop();
});
beforeEach(() => Promise.all([stack.emulator.control('POST', 'reset'), stack.noCors.control('POST', 'reset')]));

const previewButton = (page) => page.getByRole('button', { name: 'Preview output notebook' });

test('an HTML output is read by the page, made inert and shown in a sandboxed srcdoc frame, with the signed URL in no attribute', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
  await previewButton(page).click();
  const frame = page.locator('iframe.nb-frame');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('sandbox'), '', 'no allow-scripts, no allow-same-origin');
  assert.equal(await frame.getAttribute('src'), null);
  assert.equal(await page.frameLocator('iframe.nb-frame').locator('h1').textContent(), 'find-best-sellers');
  assert.equal(await frame.evaluate((f) => f.srcdoc.includes('<script')), false, 'its script is gone before it is a document');
  assert.equal(await page.evaluate(() => window.__xss), undefined, "the export's script did not run");
  assert.ok(!(await page.content()).includes('X-Amz-Signature'), 'the presigned URL is not in the page');
  assert.ok(!log.requests.some((r) => r.url.includes('response-content-type=')), 'no frame navigated to S3');
  assert.match(await page.locator('.preview .hint').textContent(), /Its own styles do not apply/);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('an HTML output that tries to phone home reaches nobody: image, stylesheet, font, hints, frame, referrer', async () => {
  for (const [emulator, fallback] of [[stack.emulator, false], [stack.noCors, true]]) {
    const { page, context } = await openApp(stack.browser, stack.preview.url);
    const tracked = [];
    await context.route(/tracker\.example/, (route) => {
      tracked.push(route.request().url());
      return route.abort();
    });
    await describe(page, { endpoint: emulator.url, id: seedId('TRACKINGHTML') });
    await previewButton(page).click();
    if (fallback) {
      // Without CORS the frame loads the report from S3 itself, and the page says what that means.
      await page.waitForEvent('framenavigated', (f) => f.url().includes('response-content-type='));
      assert.match(await page.locator('.preview .hint').first().textContent(), /can load images, fonts and styles from other hosts/);
    } else {
      assert.equal(await page.frameLocator('iframe.nb-frame').locator('h1').textContent(), 'report-that-phones-home');
      // Long enough for any hint, image or font to have gone out.
      await page.waitForTimeout(1500);
      assert.deepEqual(tracked, [], 'no request left for the tracker');
    }
    await context.close();
  }
});

test('an .ipynb is drawn by the page: cells, prompts, streams, images, the error with colours as classes', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  await previewButton(page).click();
  await page.locator('.notebook .nb-cell').first().waitFor();
  assert.ok((await page.locator('.nb-cell').count()) >= 15);
  assert.match(await page.locator('#preview-heading').textContent(), /Preview: output notebook \(recs_refresh\.ipynb\)/);
  assert.match(await page.locator('.nb-prompt').nth(1).textContent(), /^\[1\]$/);
  assert.equal(await page.locator('img.nb-image[src^="data:image/png;base64,"]').count(), 1);
  const error = page.locator('.nb-cell--error .nb-error');
  assert.match(await error.locator('.nb-error__title').textContent(), /^DeadKernelError: Kernel died/);
  const traceback = await error.locator('.nb-traceback').textContent();
  assert.ok(!traceback.includes('\u001b') && !traceback.includes('[0;31m'), 'no raw escapes');
  assert.ok((await error.locator('.nb-traceback .ansi-fg-1').count()) > 0, 'colours as classes');
  assert.match(await page.locator('.nb-stream--stderr').first().textContent(), /WARN TaskSetManager/);
  await page.getByRole('button', { name: 'Close preview' }).click();
  assert.equal(await page.locator('.notebook').count(), 0);
  await context.close();
});

test('a failed run shows its failing cell and exception without a click, and links to the cell', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  const summary = page.locator('.failure-summary');
  await summary.locator('.failure-summary__title').waitFor({ timeout: 10_000 });
  assert.equal(await summary.locator('.failure-summary__title').textContent(), 'Cell [14] raised DeadKernelError: Kernel died (exit code 137: the container exceeded its memory limit)');
  assert.match(await summary.locator('.failure-summary__source').textContent(), /df\.select\("customer_id"\)\.collect\(\)/);
  assert.match(await summary.locator('.failure-summary__traceback').textContent(), /----> 2 df\.select/);
  // It sits right under the failure reason.
  assert.equal(await page.locator('.reason--failure + .failure-summary').count(), 1);
  await page.getByRole('button', { name: 'Show Cell [14] in the notebook' }).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('nb-cell--error'));
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /\[14\]$/);
  await context.close();
});

test('an HTML output: the error comes from the .ipynb beside it', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILING') });
  await page.locator('.failure-summary__title').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.failure-summary__title').textContent(), 'Cell [7] raised Py4JJavaError: An error occurred while calling o214.save. : org.apache.spark.SparkException: Job aborted due to stage failure: Task 12 in stage 9.0 failed 4 times.');
  await context.close();
});

test("S3's refusals are explained: 403 names s3:GetObject, 404 says it may not be written yet", async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('OUTPUTDENIED') });
  const alert = page.locator('.failure-summary [role=alert]');
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.textContent(), /AccessDenied/);
  assert.match(await alert.textContent(), /s3:GetObject on arn:aws:s3:::aws-emr-studio-111122223333-us-east-1\/e-BKTM2DIHXBEDRU44ANWRKIU8N\/executions\/ex-OUTPUTDENIED/);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('OUTPUTMISSING') });
  await previewButton(page).click();
  await page.locator('.preview [role=alert]').waitFor();
  assert.match(await page.locator('.preview [role=alert]').textContent(), /NoSuchKey.*may not have written it yet/s);
  await context.close();
});

test('a hostile notebook runs nothing and builds no markup, links or frames', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('HOSTILENOTEBOOK') });
  await previewButton(page).click();
  await page.locator('.notebook .nb-cell').nth(2).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('.notebook script, .notebook iframe, .notebook svg, .notebook form, .notebook a, .notebook input').count(), 0);
  assert.equal(await page.locator('.notebook img').count(), 0, 'the non-base64 image is not drawn');
  const text = await page.locator('.notebook').textContent();
  assert.ok(text.includes('<script>window.__xss=1</script>'), 'shown as text');
  assert.ok(text.includes('[click me](javascript:window.__xss=5)'));
  assert.ok(!text.includes('\u001b'));
  assert.equal(await page.title(), 'Failed · untrusted-notebook — EMR notebook executions', 'no OSC title change');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the 10 MB notebook is drawn to its end, a huge output truncated with a way to see it all', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('BIGNOTEBOOK') });
  await previewButton(page).click();
  await page.locator('.nb-cell').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('.nb-cell').length === 2000, null, { timeout: 60_000 });
  const truncated = page.locator('.nb-truncated').first();
  assert.match(await truncated.textContent(), /Showing the first 20000 of 402000 characters/);
  await truncated.getByRole('button').click();
  assert.equal(await page.locator('.nb-truncated').count(), 3);
  await context.close();
});

test('a bucket without CORS: the rule to add, for this origin; the HTML preview and download still work', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.noCors.url, id: seedId('FAILED') });
  await page.locator('.failure-summary [role=alert]').waitFor({ timeout: 10_000 });
  await previewButton(page).click();
  const alert = page.locator('.preview [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /has no CORS rule/);
  const origin = new URL(stack.preview.url).origin;
  const rule = JSON.parse(await page.locator('.preview .cors-help__rule').first().textContent());
  assert.deepEqual(rule, [{ AllowedOrigins: [origin], AllowedMethods: ['GET'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }]);
  assert.match(await page.locator('.preview .cors-help__rule').nth(1).textContent(), /^aws s3api put-bucket-cors --bucket aws-emr-studio-111122223333-us-east-1 --cors-configuration /);
  // The download is a navigation: no CORS needed.
  const [download] = await Promise.all([
    context.waitForEvent('response', (r) => r.url().includes('X-Amz-Signature=')),
    page.getByRole('button', { name: 'Download output notebook URI (presigned link)' }).click(),
  ]);
  assert.equal(download.status(), 200);
  await describe(page, { endpoint: stack.noCors.url, id: seedId('FINISHED') });
  const [inner] = await Promise.all([
    page.waitForEvent('framenavigated', (f) => f.url().includes('response-content-type=')),
    previewButton(page).click(),
  ]);
  await inner.waitForLoadState();
  assert.equal(await inner.locator('h1').textContent(), 'find-best-sellers');
  await context.close();
});

test('a download is signed as an attachment, and S3 serves it as one', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
  const [response] = await Promise.all([
    context.waitForEvent('response', (r) => r.url().includes('X-Amz-Signature=')),
    page.getByRole('button', { name: 'Download output notebook URI (presigned link)' }).click(),
  ]);
  assert.match(response.url(), /response-content-disposition=attachment%3B%20filename%3D%22daily_sales_report\.html%22/);
  assert.equal(response.headers()['content-disposition'], 'attachment; filename="daily_sales_report.html"');
  await context.close();
});

test("a failed run's output in another account's bucket is read only after the user says so", async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('OTHERACCOUNT') });
  const alert = page.locator('.failure-summary [role=alert]');
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.textContent(), /AccessDenied.*refused s3:\/\/shared-reports-444455556666\/.* to account 111122223333.*belongs to another account/s);
  const reads = () => log.requests.filter((r) => r.method === 'GET' && r.url.includes('/shared-reports-444455556666/'));
  assert.equal(reads().length, 1, 'one read, refused');
  assert.equal(reads()[0].headers['x-amz-expected-bucket-owner'], '111122223333');
  await page.getByRole('button', { name: 'Read from shared-reports-444455556666 anyway' }).click();
  await page.locator('.failure-summary__title').waitFor();
  assert.equal(reads().at(-1).headers['x-amz-expected-bucket-owner'], undefined, 'asked for, then read without the check');
  await context.close();
});

test('an object larger than the page reads into memory says how big it is and offers the download', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('HUGEOUTPUT') });
  await previewButton(page).click();
  const alert = page.locator('.preview [role=alert]');
  await alert.waitFor({ timeout: 20_000 });
  assert.match(await alert.textContent(), /TooLarge.*is 60\.0 MB: more than this page reads into memory \(50 MB\)/s);
  const [response] = await Promise.all([
    context.waitForEvent('response', (r) => r.url().includes('response-content-disposition=')),
    alert.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(response.status(), 200);
  await context.close();
});
