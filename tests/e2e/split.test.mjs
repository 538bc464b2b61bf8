// The release wasm in parts (src/split.rs, scripts/split-wasm.mjs): the first load carries no
// chunk; credentials fetch the list's and the signing code's chunks ahead, pointing at a row an
// execution's; a chunk that cannot be fetched, or was altered, is refused with an alert and Try
// again recovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useStack, openApp, listExecutions, fillForm, seedId, cspViolations, axe, ROOT } from './harness.mjs';
import { linkGlue, sha384 } from '../../scripts/split-wasm.mjs';
import { check, demangle, parseCallGraph } from '../../scripts/first-load-check.mjs';

const stack = useStack();
const CHUNK = /\/(chunk_\d+|split_\w+?)-[0-9a-f]{16}\.wasm$/;
const chunksFetched = (log) => log.requests.map((r) => r.url).filter((u) => CHUNK.test(u)).map((u) => u.match(CHUNK)[1]);

test('the first load fetches no chunk; credentials fetch the list and signing chunks, a row its execution page', async () => {
  const dist = readdirSync(join(ROOT, 'dist'));
  for (const name of ['split_list', 'split_net', 'split_detail']) {
    assert.ok(dist.some((f) => f.startsWith(`${name}-`)), `dist/ has the ${name} chunk`);
  }
  const { page, context, log } = await openApp(stack.browser, stack.preview.url);
  await page.getByRole('button', { name: 'List executions' }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(chunksFetched(log), [], 'nothing beyond the first load before it is used');

  // Credentials typed: a request is near, so the signing code and the list's chunk are fetched.
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => /split_(list|net)-/.test(e.name)).length === 2);
  await listExecutions(page, {});
  assert.equal(await page.locator('tr[data-execution-id]').count(), 50);
  const listing = chunksFetched(log);
  assert.ok(listing.includes('split_list') && listing.includes('split_net'), listing.join());
  assert.ok(!listing.includes('split_detail'), 'the execution page is not fetched for the list');

  // Pointing at a row: its page is fetched before the click.
  const link = page.locator(`tr[data-execution-id="${seedId('FAILED')}"] a[href^="#"]`);
  await link.hover();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_detail-/.test(e.name)));
  await link.click();
  await page.locator('article.execution').waitFor();
  assert.ok(chunksFetched(log).includes('split_detail'));
  // Each chunk once, however often it is used.
  await page.goBack();
  await page.locator('tr[data-execution-id]').first().waitFor();
  await page.locator(`tr[data-execution-id="${seedId('RUNNING')}"] a[href^="#"]`).click();
  await page.locator('article.execution').waitFor();
  const all = chunksFetched(log);
  assert.equal(all.length, new Set(all).size, all.join());
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('an execution page whose chunk cannot be fetched says so, and Try again brings it', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  let refused = 0;
  await page.route(/\/split_detail-[0-9a-f]{16}\.wasm$/, (route) => {
    refused += 1;
    return route.abort('internetdisconnected');
  });
  // Typing the ID fetches the page ahead (refused too); Describe then finds it missing.
  await fillForm(page, { endpoint: stack.emulator.url, id: seedId('FINISHED') });
  await page.getByRole('button', { name: 'Describe' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /ConsoleUnavailable.*could not be loaded.*nothing was sent to AWS.*reload/s);
  assert.ok(refused >= 1);
  assert.deepEqual(await axe(page, 'a chunk that could not be fetched'), []);
  await page.unroute(/\/split_detail-[0-9a-f]{16}\.wasm$/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('article.execution').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('a list chunk altered on the way is refused by its integrity hash; List executions tries again', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const pattern = /\/split_list-[0-9a-f]{16}\.wasm$/;
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response, body });
  });
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByRole('button', { name: 'List executions' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /ConsoleUnavailable/);
  assert.equal(await page.locator('tr[data-execution-id]').count(), 0);
  await page.unroute(pattern);
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('an altered chunk table is refused by its integrity hash; List executions tries again', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const pattern = /\/chunks-[0-9a-f]{16}\.json$/;
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    // A table that would point a chunk elsewhere.
    const body = (await response.text()).replace(/split_list-[0-9a-f]{16}/, 'split_list-0000000000000000');
    await route.fulfill({ response, body });
  });
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /ConsoleUnavailable/);
  assert.ok(!page.context().pages()[0].url().includes('0000000000000000'));
  await page.unroute(pattern);
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  await context.close();
});

for (const [what, pattern] of [
  ['main wasm', /\/emr-console-[0-9a-f]{16}_bg\.wasm$/],
  ['glue JS', /\/emr-console-[0-9a-f]{16}\.js$/],
]) {
  test(`a ${what} altered on the way is refused by its integrity hash: ConsoleUnavailable on the first screen`, async () => {
    const browser = stack.browser;
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(pattern, async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length - 2] ^= 0x01;
      await route.fulfill({ response, body });
    });
    await page.goto(stack.preview.url);
    const alert = page.locator('#boot [role=alert]');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.textContent(), /ConsoleUnavailable.*could not be loaded.*nothing was sent to AWS.*reload/s);
    assert.equal(await page.getByRole('button', { name: 'Describe' }).count(), 0, 'the app did not start');
    assert.deepEqual(await axe(page, `a ${what} that failed its check`), []);
    assert.deepEqual(errors, [], 'refused, not run');
    // Try again reloads the page (the alteration gone, it starts).
    await page.unroute(pattern);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Describe' }).waitFor();
    await context.close();
  });
}

test('Try again fetches a chunk that failed its check past the HTTP cache', async () => {
  const { page, context } = await openApp(stack.browser, stack.preview.url);
  const pattern = /\/split_list-[0-9a-f]{16}\.wasm$/;
  const sent = [];
  page.on('request', (r) => {
    if (pattern.test(r.url())) sent.push(r);
  });
  // The first copy is altered (and refused); the next goes to the network as it is.
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response, body });
    await page.unroute(pattern);
  });
  // Entering credentials fetches the chunk ahead (refused); the listing tries again.
  await fillForm(page, { endpoint: stack.emulator.url });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_list-/.test(e.name)));
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id]').first().waitFor();
  assert.equal(sent.length, 2);
  const headers = await sent[1].allHeaders();
  assert.equal(headers['cache-control'], 'no-cache', 'the second goes past the cache (fetch cache: reload)');
  await context.close();
});

test('the split loader is inlined into the glue; the chunk table is fetched with its integrity', async () => {
  const glue = [
    'import * as import1 from "./__wasm_split.js"',
    'import * as import2 from "./__wasm_split.js"',
    'function __wbg_get_imports() { return { "./__wasm_split.js": import1, "./__wasm_split.js": import2 }; }',
    'export { initSync };',
  ].join('\n');
  const loader = [
    'import { initSync } from "./emr-console.js";',
    'function makeLoad(f) { return f; }',
    'export const __wasm_split_load_list = makeLoad(() => fetch(new URL("./split_list.wasm", import.meta.url)));',
    'export const __wasm_split_load_net = makeLoad(() => fetch(new URL("./split_net.wasm", import.meta.url)));',
  ].join('\n');
  const chunks = new Map([
    ['split_list.wasm', { name: 'split_list-0123456789abcdef.wasm', integrity: 'sha384-AAA' }],
    ['split_net.wasm', { name: 'split_net-fedcba9876543210.wasm', integrity: 'sha384-BBB' }],
  ]);
  const table = { name: 'chunks-00112233aabbccdd.json', integrity: 'sha384-TTT' };
  const out = linkGlue(glue, loader, chunks, table);
  assert.doesNotMatch(out, /import \* as|__wasm_split\.js"\)?;?\n|from "\.\/emr-console\.js"/);
  assert.doesNotMatch(out, /sha384-AAA|split_list-0123/, 'the chunks are named only in the table');
  assert.match(out, /__fetchChunk\("split_list\.wasm"\)/);
  assert.match(out, /new URL\("\.\/chunks-00112233aabbccdd\.json", import\.meta\.url\)/);
  assert.match(out, /integrity: "sha384-TTT"/);
  assert.match(out, /const import1 = \{ __wasm_split_load_list, __wasm_split_load_net \}, import2 = \{ __wasm_split_load_list, __wasm_split_load_net \};/);

  // Run it: the table once, each chunk with its integrity, a second try past the HTTP cache, a
  // table that failed fetched again.
  const fetched = [];
  let failTable = true;
  const fakeFetch = async (url, init) => {
    fetched.push([String(url), init.integrity, init.cache]);
    if (String(url).endsWith('.json')) {
      if (failTable) {
        failTable = false;
        throw new TypeError('network');
      }
      return { ok: true, json: async () => Object.fromEntries([...chunks].map(([f, c]) => [f, [c.name, c.integrity]])) };
    }
    return { ok: true };
  };
  const run = new Function('fetch', out.replace(/^export .*$/m, '').replaceAll('import.meta.url', '"http://x/app/"') + '\nreturn import1;');
  const loaders = run(fakeFetch);
  await assert.rejects(loaders.__wasm_split_load_list(), /network/);
  await loaders.__wasm_split_load_list();
  await loaders.__wasm_split_load_net();
  await loaders.__wasm_split_load_list();
  assert.deepEqual(fetched, [
    ['http://x/app/chunks-00112233aabbccdd.json', 'sha384-TTT', 'default'],
    ['http://x/app/chunks-00112233aabbccdd.json', 'sha384-TTT', 'reload'],
    ['http://x/app/split_list-0123456789abcdef.wasm', 'sha384-AAA', 'default'],
    ['http://x/app/split_net-fedcba9876543210.wasm', 'sha384-BBB', 'default'],
    ['http://x/app/split_list-0123456789abcdef.wasm', 'sha384-AAA', 'reload'],
  ]);

  assert.throws(() => linkGlue('no import here', loader, chunks, table), /does not import/);
  assert.throws(() => linkGlue(glue, loader, new Map([...chunks].slice(0, 1)), table), /not renamed/);
  assert.throws(() => linkGlue(glue, loader + '\nimport "./other.js";', chunks, table), /unexpected/);
});

test('index.html names no chunk; the chunk table names each with its integrity, the glue the table with its own', () => {
  const dist = join(ROOT, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /chunk_|split_/, 'index.html preloads no chunk');
  const glue = readdirSync(dist).find((f) => /^emr-console-[0-9a-f]+\.js$/.test(f));
  const text = readFileSync(join(dist, glue), 'utf8');
  const tableFile = readdirSync(dist).find((f) => /^chunks-[0-9a-f]{16}\.json$/.test(f));
  const tableBytes = readFileSync(join(dist, tableFile));
  assert.ok(text.includes(`new URL("./${tableFile}",import.meta.url)`) && text.includes(sha384(tableBytes)), 'the glue fetches the table with its integrity');
  const table = JSON.parse(tableBytes);
  const files = readdirSync(dist).filter((f) => CHUNK.test('/' + f));
  assert.deepEqual(Object.values(table).map(([name]) => name).sort(), files.sort(), 'every chunk in dist/ is in the table');
  for (const [name, integrity] of Object.values(table)) {
    assert.equal(integrity, sha384(readFileSync(join(dist, name))), `${name}'s integrity`);
    assert.ok(!text.includes(name), `${name} is not named in the first load`);
  }
});

test('the first-load check names what must stay out and the chain that pulled it in', () => {
  assert.equal(demangle('_ZN9aws_sigv412http_request4sign4sign17h0123456789abcdefE'), 'aws_sigv4::http_request::sign::sign');
  assert.equal(demangle('_ZN45_$LT$T$u20$as$u20$alloc..string..ToString$GT$9to_string17h2206b0fae4910ad0E'), '<T as alloc::string::ToString>::to_string');
  const dot = [
    'digraph call {',
    '  "main" [style="filled", fillcolor="gray"];',
    '  "_ZN4view7on_type17h0000000000000000E" [style="filled, rounded"];',
    '  "_ZN4view6helper17h0000000000000000E" [style="filled", fillcolor="white"];',
    '  "_ZN9aws_sigv44sign17h0000000000000000E" [style="filled", fillcolor="white"];',
    '  "_ZN4view7on_type17h0000000000000000E" -> "_ZN4view6helper17h0000000000000000E"; // call',
    '  "_ZN4view6helper17h0000000000000000E" -> "_ZN9aws_sigv44sign17h0000000000000000E"; // call',
    '}',
  ].join('\n');
  const found = check(parseCallGraph(dot), [['aws_sigv4::', 'signing']]);
  assert.equal(found.length, 1);
  assert.equal(found[0].path, 'aws_sigv4::sign');
  assert.deepEqual(found[0].chain, ['view::on_type (address taken)', 'view::helper', 'aws_sigv4::sign']);
  assert.deepEqual(check(parseCallGraph(dot.replaceAll('aws_sigv4', 'elsewhere')), [['aws_sigv4::', 'signing']]), []);
});
