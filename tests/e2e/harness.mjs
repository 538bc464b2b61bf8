// End-to-end harness: the built app (dist/, served by the production preview under a sub-path)
// in Debian's headless Chromium via playwright-core, against the local emulator.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, beforeEach } from 'node:test';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE = '/tools/emr/';

export const DEMO = {
  accessKeyId: 'ASIAEMULATORDEMO0001',
  secret: 'emulator/demo/secret/KEY0000000000000000',
  token: 'IQoJemulator//demo+session+token=0001',
};
export const EXPIRED = {
  accessKeyId: 'ASIAEMULATOREXPIRED1',
  secret: 'emulator/expired/secret/KEY0000000000000',
  token: 'IQoJemulator//expired+token=0001',
};
export const DENIED = {
  accessKeyId: 'ASIAEMULATORDENIED01',
  secret: 'emulator/denied/secret/KEY00000000000000',
  token: 'IQoJemulator//denied+token=0001',
};

export const NOLIST = {
  accessKeyId: 'ASIAEMULATORNOLIST01',
  secret: 'emulator/nolist/secret/KEY0000000000000',
  token: 'IQoJemulator//nolist+token=0001',
};
export const NOSTOP = {
  accessKeyId: 'ASIAEMULATORNOSTOP01',
  secret: 'emulator/nostop/secret/KEY0000000000000',
  token: 'IQoJemulator//nostop+token=0001',
};
export const NOSTART = {
  accessKeyId: 'ASIAEMULATORNOSTART1',
  secret: 'emulator/nostart/secret/KEY000000000000',
  token: 'IQoJemulator//nostart+token=0001',
};

export const NOCLUSTERS = {
  accessKeyId: 'ASIAEMULATORNOCLUST1',
  secret: 'emulator/noclusters/secret/KEY0000000000',
  token: 'IQoJemulator//noclusters+token=0001',
};

export const seedId = (tag) => 'ex-' + tag.padEnd(28, '0') + '1';

async function waitForFile(path, ms = 20_000) {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8').trim();
      if (text) return text;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${path}`);
}

function spawnWithPortFile(cmd, args, label) {
  const dir = mkdtempSync(join(tmpdir(), 'emr-e2e-'));
  const portFile = join(dir, 'port');
  const child = spawn(cmd, [...args, '--port', '0', '--port-file', portFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.on('exit', (code) => {
    if (code && code !== 0 && !child.killed) console.error(`${label} exited with ${code}:\n${output}`);
  });
  return {
    child,
    port: waitForFile(portFile).catch((e) => {
      throw new Error(`${label} did not start: ${e.message}\n${output}`);
    }),
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts an emulator (frozen lifecycle clock unless told otherwise) on a free port. */
export async function startEmulator(extra = ['--frozen']) {
  const bin = process.env.EMULATOR_BIN ?? join(ROOT, 'target/debug/emr-emulator');
  // The preview serves the app on a port of its own choosing: let any loopback page call it.
  const p = spawnWithPortFile(bin, ['--allow-origin', 'http://127.0.0.1:*', ...extra], 'emulator');
  const url = `http://127.0.0.1:${await p.port}`;
  const control = async (method, path, body) => {
    const r = await fetch(url + '/__emulator/' + path, {
      method,
      headers: { 'X-Emulator-Control': '1', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return r.json();
  };
  return { url, control, stop: p.stop };
}

/** Serves dist/ under BASE with the production headers (`tls`: HTTPS and HTTP/2, self-signed). */
export async function startPreview(base = BASE, { tls = false } = {}) {
  const p = spawnWithPortFile(process.execPath, [join(ROOT, 'scripts/preview.mjs'), '--base', base, ...(tls ? ['--tls', '1'] : [])], 'preview');
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${await p.port}${base}`, stop: p.stop };
}

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A page that records console output, page errors and CSP violations. */
export async function openApp(browser, appUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on('console', (m) => log.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('request', (r) => log.requests.push({ url: r.url(), headers: r.headers(), method: r.method(), body: r.postData() }));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // Closing the page checks that nothing threw in it: a panic in the wasm kills the whole app
  // ("unreachable"), even when the step that caused it looked fine.
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    assert.deepEqual(log.errors, [], 'no uncaught error or wasm panic in the page');
  };
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Describe' }).waitFor();
  return { page, context, log };
}

/** Waits until the app has taken over from the static first screen (index.html's #boot). */
export async function appReady(page) {
  await page.locator('#boot').waitFor({ state: 'detached' });
}

/** Reloads and waits for the app, as a user would before typing. */
export async function reload(page) {
  await page.reload();
  await appReady(page);
}

/** Pastes like a user does: one insertion into the textarea (one input event). */
export async function paste(page, text) {
  await page.getByLabel('Paste credentials', { exact: true }).focus();
  await page.keyboard.insertText(text);
}

export async function openAdvanced(page) {
  if (!(await page.getByLabel('Endpoint URL', { exact: true }).isVisible())) await page.getByText('Advanced').click();
}

export async function fillForm(page, { creds = DEMO, endpoint, id, region }) {
  await page.getByLabel('Access key ID', { exact: true }).fill(creds.accessKeyId);
  await page.getByLabel('Secret access key', { exact: true }).fill(creds.secret);
  await page.getByLabel('Session token', { exact: true }).fill(creds.token);
  if (region) await page.getByLabel('Region', { exact: true }).selectOption(region);
  if (endpoint !== undefined) {
    await openAdvanced(page);
    await page.getByLabel('Endpoint URL', { exact: true }).fill(endpoint);
  }
  if (id !== undefined) await page.getByLabel('Notebook execution ID', { exact: true }).fill(id);
}

/** Fills, presses Describe and waits for a record or an alert. */
export async function describe(page, opts) {
  await fillForm(page, opts);
  await page.getByRole('button', { name: 'Describe' }).click();
  await page.locator('article.execution, [role=alert]').first().waitFor({ timeout: 20_000 });
}

/** Fills the connection panel, presses List executions and waits for rows, an empty note or an alert. */
export async function listExecutions(page, opts = {}) {
  await fillForm(page, opts);
  await page.getByRole('button', { name: 'List executions' }).click();
  await page.locator('tr[data-execution-id], .empty, [role=alert]').first().waitFor({ timeout: 20_000 });
}

/** The ListNotebookExecutions bodies the page sent. */
export function listBodies(log) {
  return log.requests.filter((r) => r.method === 'POST' && r.headers['x-amz-target'] === 'ElasticMapReduce.ListNotebookExecutions').map((r) => JSON.parse(r.body));
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe in both colour schemes; every violation is named with the state it was found in. */
export async function axe(page, state) {
  const found = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    // Evaluated through the DevTools protocol: no script element, so the page's CSP stays as it is.
    await page.evaluate(AXE);
    const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags, resultTypes: ['violations'] }), TAGS);
    for (const v of r.violations) found.push(`${state} (${colorScheme}): ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}

/**
 * One emulator, one preview and one browser for a test file, reset to the emulator's start-up
 * state before each test. Returns an object whose members are filled in by `before`.
 */
export function useStack() {
  const stack = {};
  before(async () => {
    [stack.emulator, stack.preview, stack.browser] = await Promise.all([startEmulator(), startPreview(), launch()]);
  });
  after(async () => {
    await stack.browser?.close();
    stack.emulator?.stop();
    stack.preview?.stop();
  });
  beforeEach(() => stack.emulator.control('POST', 'reset'));
  return stack;
}
