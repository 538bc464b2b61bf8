// Usable by everyone: axe-core (WCAG 2.2 A/AA and best practice) reports nothing in either colour
// scheme in every view and state; a keyboard-only walk through the main flow with visible focus
// and focus moved to headings; 360 px and 200 % zoom without horizontal page scroll; the first
// screen painted before the WebAssembly without a layout shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, openApp, describe, listExecutions, fillForm, seedId, DEMO, axe } from './harness.mjs';

const stack = useStack();
test('axe-core finds nothing in any state, in either colour scheme', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const found = [];
  found.push(...(await axe(page, 'the empty form')));
  await page.getByRole('button', { name: 'List executions' }).click();
  found.push(...(await axe(page, 'a list error (no credentials)')));
  await listExecutions(page, { endpoint: stack.emulator.url });
  found.push(...(await axe(page, 'the loaded list')));
  await page.locator('.counts button[data-family="failed"]').click();
  found.push(...(await axe(page, 'the list filtered by family')));
  await page.getByLabel('Editor ID', { exact: true }).fill('e-NOSUCHEDITOR000000000000');
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('.empty').waitFor();
  found.push(...(await axe(page, 'the empty list')));
  await page.getByLabel('Notebook execution ID', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.locator('[role=alert]').waitFor();
  found.push(...(await axe(page, 'an input error')));
  for (const tag of ['RUNNING', 'FAILED', 'FINISHED', 'STOPPED', 'STARTPENDING']) {
    await describe(page, { endpoint: stack.emulator.url, id: seedId(tag) });
    await page.waitForTimeout(300);
    found.push(...(await axe(page, `a ${tag} record`)));
  }
  await describe(page, { endpoint: stack.emulator.url, id: 'ex-DOESNOTEXIST' });
  found.push(...(await axe(page, 'a call error with Search all regions')));
  await describe(page, { endpoint: stack.emulator.url, id: seedId('RUNNING') });
  await page.getByRole('button', { name: 'Stop execution' }).click();
  await page.getByRole('dialog').waitFor();
  found.push(...(await axe(page, 'the stop dialog')));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Run again' }).click();
  await page.locator('form.run-again').waitFor();
  found.push(...(await axe(page, 'the run-again form')));
  await page.getByLabel('Notebook parameters', { exact: true }).fill('{');
  await page.getByRole('button', { name: 'Start execution' }).click();
  found.push(...(await axe(page, 'the run-again form with problems')));
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  await page.locator('.failure-summary__title').waitFor();
  await page.getByRole('button', { name: 'Preview output notebook' }).click();
  await page.locator('.notebook .nb-cell').first().waitFor();
  found.push(...(await axe(page, 'a notebook preview and the failure summary')));
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
  await page.getByRole('button', { name: 'Preview output notebook' }).click();
  await page.locator('iframe.nb-frame').waitFor();
  found.push(...(await axe(page, 'an HTML preview')));
  assert.deepEqual(found, []);
  await context.close();
});

test('keyboard only: paste credentials → list → open a row → stop → confirm → back, focus always visible', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    const style = getComputedStyle(a);
    return {
      tag: a.tagName,
      id: a.id,
      text: (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 60),
      visible: a.matches(':focus-visible') && (style.outlineStyle !== 'none' || style.boxShadow !== 'none'),
    };
  });
  const tabTo = async (want, max = 80, key = 'Tab') => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const f = await focused();
      if (want(f)) {
        assert.ok(f.visible, `focus on ${f.tag} ${f.text} is visible`);
        return f;
      }
    }
    throw new Error('never reached');
  };
  await tabTo((f) => f.id === 'paste-credentials');
  await page.keyboard.insertText(`export AWS_ACCESS_KEY_ID=${DEMO.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${DEMO.secret}\nexport AWS_SESSION_TOKEN=${DEMO.token}\n`);
  await tabTo((f) => f.id === 'endpoint-url' || f.text === 'Advanced');
  if ((await focused()).id !== 'endpoint-url') {
    await page.keyboard.press('Enter');
    await tabTo((f) => f.id === 'endpoint-url');
  }
  await page.keyboard.insertText(stack.emulator.url);
  await tabTo((f) => f.text === 'List executions');
  await page.keyboard.press('Enter');
  await page.locator('tr[data-execution-id]').first().waitFor();
  const row = seedId('RUNNING');
  // Tab to that row's link.
  await tabTo((f) => f.text === 'clickstream-sessionize', 400);
  await page.keyboard.press('Enter');
  await page.locator('article.execution').waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('view-heading'));
  assert.equal((await focused()).text, 'clickstream-sessionize', 'focus on the view heading after navigating');
  await tabTo((f) => f.text === 'Stop execution');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  assert.equal((await focused()).text, 'Cancel', 'the safe choice first');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused()).text, 'Stop');
  await page.keyboard.press('Enter');
  await page.locator('article header [data-status="STOP_PENDING"]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  assert.notEqual((await focused()).tag, 'BODY', 'focus is not lost after the dialog');
  // Back by the page's own link (headless Chromium has no Alt+← shortcut; the history case follows).
  await tabTo((f) => f.text === '← All executions', 80, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.locator('tr[data-execution-id]').first().waitFor();
  await page.waitForFunction((id) => document.activeElement?.closest('tr')?.dataset.executionId === id, row);
  assert.equal((await focused()).text, 'clickstream-sessionize', 'back on the row that was opened');
  assert.ok((await focused()).visible, 'and the focus ring shows');
  // Into the execution again and back through the browser's history.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('view-heading'));
  await page.goBack();
  await page.waitForFunction((id) => document.activeElement?.closest('tr')?.dataset.executionId === id, row);
  await context.close();
});

test('360 px wide and 200 % zoom: no horizontal page scroll; wide tables scroll in their own box', async () => {
  for (const width of [360, 640]) {
    const context = await stack.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(stack.preview.url);
    await page.getByRole('button', { name: 'Describe' }).waitFor();
    await listExecutions(page, { endpoint: stack.emulator.url });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0, `${width}px: list`);
    assert.ok(await page.locator('.table-scroll').evaluate((el) => el.scrollWidth > el.clientWidth), 'the table scrolls in its box');
    await describe(page, { endpoint: stack.emulator.url, id: seedId('UNICODE') });
    assert.equal(await overflow(), 0, `${width}px: a record with long values`);
    await context.close();
  }
});

test('the first screen is painted from the HTML, and the app takes over without a layout shift', async () => {
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__shifts.push(e.value))).observe({ type: 'layout-shift', buffered: true });
    window.__lcp = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__lcp.push(e.element))).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  // Hold the wasm back: what shows meanwhile is the static page.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(stack.preview.url);
  assert.match(await page.locator('header h1').textContent(), /EMR notebook executions/);
  await page.waitForFunction(() => window.__lcp.length > 0);
  assert.match(await page.locator('#boot [role=status]').textContent(), /Loading the console/);
  assert.ok(await page.locator('#boot fieldset').evaluate((f) => f.disabled), 'inputs wait for the app');
  release();
  await page.getByRole('button', { name: 'Describe' }).waitFor();
  assert.equal(await page.locator('#boot').count(), 0);
  await page.waitForTimeout(300);
  const cls = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
  assert.equal(cls, 0, 'CLS');
  // The largest paint is the static header's, and the app drew nothing larger after it.
  const lcp = await page.evaluate(() => window.__lcp.map((e) => e && `${e.tagName}.${e.className}${e.isConnected ? '' : ' (removed)'}`));
  assert.deepEqual(lcp.slice(-1), ['P.lede'], `LCP candidates: ${lcp.join(', ')}`);
  await context.close();
});

test('the print stylesheet prints the record without the form, with links as URLs', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.panel').isVisible(), false);
  assert.equal(await page.locator('.record-actions').isVisible(), false);
  const after = await page.locator('.execution a[href^="https://console.aws.amazon.com/emr/"]').evaluate((a) => getComputedStyle(a, '::after').content);
  assert.match(after, /console\.aws\.amazon\.com\/emr/);
  await page.emulateMedia({ media: 'screen' });
  await context.close();
});
