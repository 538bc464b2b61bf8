// Credentials kept safe, a hardened page: no secret in storage, cookies, URL, console, DOM or any
// request but the signed call; script-like API strings run nothing; the CSP reports nothing;
// expiry stops signing; state in the URL survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, openApp, describe, fillForm, paste, openAdvanced, seedId, cspViolations, DEMO, EXPIRED, reload, launch, startEmulator } from './harness.mjs';

const stack = useStack();

const SECRETS = [DEMO.secret, DEMO.token];

async function assertNoSecretsAnywhere(page, context, log) {
  const state = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    url: location.href,
    dom: document.documentElement.outerHTML,
    attributes: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)).join('\n'),
  }));
  const cookies = JSON.stringify(await context.cookies());
  for (const secret of SECRETS) {
    for (const [where, text] of Object.entries({ ...state, cookies, console: log.console.join('\n'), errors: log.errors.join('\n') })) {
      assert.ok(!text.includes(secret), `a secret appears in ${where}`);
    }
  }
  assert.ok(!state.url.includes(DEMO.accessKeyId), 'access key id in the URL');
  assert.equal(state.local, '{}');
  assert.equal(state.cookies, '');
}

test('after a full describe flow no secret is in storage, cookies, URL, console, DOM or other requests', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('FAILED') });
  await page.locator('article.execution').waitFor();
  await assertNoSecretsAnywhere(page, context, log);
  assert.equal((await page.evaluate(() => JSON.stringify({ ...sessionStorage }))), '{}', 'memory only by default');
  // Only the signed call carries the token, and the secret travels in no request at all.
  for (const r of log.requests) {
    const wire = r.url + JSON.stringify(r.headers) + (r.body ?? '');
    assert.ok(!wire.includes(DEMO.secret), `secret sent to ${r.url}`);
    const signedCall = r.method === 'POST' && r.url === `${stack.emulator.url}/`;
    if (!signedCall) assert.ok(!wire.includes(DEMO.token), `token sent to ${r.url}`);
  }
  const signed = log.requests.filter((r) => r.method === 'POST');
  assert.equal(signed.length, 1);
  assert.deepEqual(
    Object.keys(signed[0].headers).filter((h) => !['user-agent', 'referer', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'accept'].includes(h)).sort(),
    ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-target'],
  );
  assert.ok(!signed[0].headers.referer, 'Referrer-Policy: no-referrer');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('a record with script-like strings in every field runs no script and builds no links', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('HOSTILE') });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('article script, article img, article svg').count(), 0);
  assert.match(await page.locator('h2').textContent(), /^<script>/);
  for (const href of await page.locator('article a').evaluateAll((as) => as.map((a) => a.href))) {
    assert.ok(href.startsWith('https://'), href);
  }
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the page is served with the production headers', async () => {
  const response = await fetch(stack.preview.url);
  const h = Object.fromEntries(response.headers);
  assert.match(h['content-security-policy'], /default-src 'none'.*frame-ancestors 'none'/);
  assert.match(h['strict-transport-security'], /max-age=\d+/);
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.equal(h['referrer-policy'], 'no-referrer');
  assert.equal(h['cache-control'], 'no-cache');
  const html = await response.text();
  // The HTML is minified: attribute quotes are optional.
  const wasm = html.match(/href="?\.\/([^" >]+\.wasm)/)[1];
  const w = await fetch(stack.preview.url + wasm);
  assert.equal(w.headers.get('content-type'), 'application/wasm');
  assert.equal(w.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  for (const tag of html.match(/<(script|link)[^>]+(src|href)="?\.\/[^" >]+\.(js|css|wasm)"?[^>]*>/g)) {
    assert.match(tag, /integrity="?sha384-/, tag);
  }
});

test('paste once, remember in this tab, forget everything', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const exp = new Date(Date.now() + 3 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await paste(page,
    `[123456789012_PowerUserAccess]\naws_access_key_id = ${DEMO.accessKeyId}\naws_secret_access_key=${DEMO.secret}\naws_session_token = ${DEMO.token}\n`,
  );
  assert.match(await page.locator('.paste-ok').textContent(), /credentials file \(INI\) block/);
  assert.equal(await page.getByLabel('Access key ID', { exact: true }).inputValue(), DEMO.accessKeyId);
  assert.equal(await page.getByLabel('Paste credentials', { exact: true }).inputValue(), '');
  // An export with an expiry three minutes out: the warning shows.
  await paste(page,
    `export AWS_ACCESS_KEY_ID=${DEMO.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${DEMO.secret}\nexport AWS_SESSION_TOKEN=${DEMO.token}\nexport AWS_CREDENTIAL_EXPIRATION=${exp}`,
  );
  assert.match(await page.locator('.expiry--soon').textContent(), /Your credentials expire in [23] min/);

  await page.getByLabel('Remember credentials in this tab', { exact: true }).check();
  assert.ok((await page.evaluate(() => sessionStorage.getItem('emr-console.credentials'))).includes(DEMO.accessKeyId));
  await reload(page);
  assert.equal(await page.getByLabel('Access key ID', { exact: true }).inputValue(), DEMO.accessKeyId, 'remembered across a reload');
  assert.ok(await page.getByLabel('Remember credentials in this tab', { exact: true }).isChecked());
  await page.getByRole('button', { name: 'Forget credentials' }).click();
  assert.equal(await page.getByLabel('Access key ID', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('Secret access key', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('Session token', { exact: true }).inputValue(), '');
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await reload(page);
  assert.equal(await page.getByLabel('Access key ID', { exact: true }).inputValue(), '');
  await context.close();
});

test('expired credentials stop signing: by the clock, and after ExpiredTokenException', async () => {
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await paste(page,
    JSON.stringify({ Credentials: { AccessKeyId: DEMO.accessKeyId, SecretAccessKey: DEMO.secret, SessionToken: DEMO.token, Expiration: '2020-01-01T00:00:00Z' } }),
  );
  assert.match(await page.locator('.expiry--expired').textContent(), /have expired/);
  await fillForm(page, { creds: DEMO, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  // Typing the three fields again starts a new set without a known expiry: it works.
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.locator('article.execution').waitFor();

  await reload(page);
  await paste(page,
    JSON.stringify({ Credentials: { AccessKeyId: DEMO.accessKeyId, SecretAccessKey: DEMO.secret, SessionToken: DEMO.token, Expiration: '2020-01-01T00:00:00Z' } }),
  );
  const before = log.requests.filter((r) => r.method === 'POST').length;
  await openAdvanced(page);
  await page.getByLabel('Endpoint URL', { exact: true }).fill(stack.emulator.url);
  await page.getByLabel('Notebook execution ID', { exact: true }).fill(seedId('RUNNING'));
  await page.getByRole('button', { name: 'Describe' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /These credentials have expired/);
  assert.equal(log.requests.filter((r) => r.method === 'POST').length, before, 'nothing was signed or sent');

  await reload(page);
  await describe(page, { creds: EXPIRED, endpoint: stack.emulator.url, id: seedId('RUNNING') });
  assert.equal(await page.locator('.alert__code').textContent(), 'ExpiredTokenException');
  assert.match(await page.locator('.expiry--expired').textContent(), /have expired/);
  const sent = log.requests.filter((r) => r.method === 'POST').length;
  await page.getByRole('button', { name: 'Describe' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /These credentials have expired/);
  assert.equal(log.requests.filter((r) => r.method === 'POST').length, sent);
  assert.equal(await page.getByLabel('Notebook execution ID', { exact: true }).inputValue(), seedId('RUNNING'));
  await context.close();
});

test('region, endpoint and id live in the URL fragment and survive a reload; credentials do not', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  await describe(page, { endpoint: stack.emulator.url, id: seedId('STOPPED') });
  const url = page.url();
  assert.ok(url.includes('#view=detail&region=us-east-1&endpoint=') && url.includes(`id=${seedId('STOPPED')}`), url);
  await reload(page);
  assert.equal(await page.getByLabel('Notebook execution ID', { exact: true }).inputValue(), seedId('STOPPED'));
  assert.equal(await page.getByLabel('Endpoint URL', { exact: true }).inputValue(), stack.emulator.url);
  assert.equal(await page.getByLabel('Secret access key', { exact: true }).inputValue(), '');
  await context.close();
});

test('the secret and the token are masked but are not passwords a browser offers to save; pasting and typing still fill them', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  // The static first screen and the app alike.
  for (const html of [await (await fetch(stack.preview.url)).text(), await page.content()]) {
    for (const id of ['secret', 'token']) {
      const input = html.match(new RegExp(`<input[^>]*id="?(?:boot-)?(?:${id === 'secret' ? 'secret-access-key|secret' : 'session-token|token'})"?[^>]*>`))?.[0];
      assert.ok(input, `the ${id} field`);
      assert.match(input, /type="?password"?/, `${id}: masked`);
      assert.match(input, /autocomplete="?one-time-code"?/, `${id}: not a password to save`);
    }
  }
  // Every masked field of the page says so: none is left for a password manager to pick up.
  const unguarded = await page.evaluate(() => [...document.querySelectorAll('input[type=password]')].filter((i) => i.autocomplete !== 'one-time-code').map((i) => i.id));
  assert.deepEqual(unguarded, []);
  await paste(page, JSON.stringify({ Credentials: { AccessKeyId: DEMO.accessKeyId, SecretAccessKey: DEMO.secret, SessionToken: DEMO.token, Expiration: '2099-01-01T00:00:00Z' } }));
  await page.getByText(/Recognised AWS STS JSON/).waitFor();
  assert.equal(await page.getByLabel('Secret access key', { exact: true }).inputValue(), DEMO.secret);
  assert.equal(await page.getByLabel('Session token', { exact: true }).inputValue(), DEMO.token);
  await page.getByLabel('Secret access key', { exact: true }).fill('typed/secret');
  assert.equal(await page.getByLabel('Secret access key', { exact: true }).inputValue(), 'typed/secret');
  await context.close();
});

test('served from a host that is not loopback (as from CloudFront), the page may fetch its own WebAssembly and chunks', async () => {
  // The CSP's connect-src must name 'self': the loader fetches the wasm and every chunk. On
  // 127.0.0.1 the loopback source hid its absence; a real host name shows it.
  const [browser, emulator] = await Promise.all([
    launch(['--host-resolver-rules=MAP console.test 127.0.0.1']),
    startEmulator(['--frozen', '--allow-origin', 'http://console.test:*']),
  ]);
  try {
    const url = stack.preview.url.replace('127.0.0.1', 'console.test');
    const { page, context } = await openApp(browser, url);
    await describe(page, { endpoint: emulator.url, id: seedId('FINISHED') });
    await page.locator('article.execution').waitFor();
    assert.deepEqual(await cspViolations(page), []);
    await context.close();
  } finally {
    await browser.close();
    emulator.stop();
  }
});
