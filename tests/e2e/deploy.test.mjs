// Shipping: the CloudFormation template sends the app's CSP and headers, its index rewrite makes
// sub-paths work, the deploy script uploads with the right per-file headers, and the built app
// runs from the bucket root as well as from a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, startEmulator, startPreview, launch, openApp, describe, seedId, cspViolations } from './harness.mjs';

const template = readFileSync(join(ROOT, 'deploy/cloudfront.yaml'), 'utf8');
const headers = JSON.parse(readFileSync(join(ROOT, 'deploy/headers.json'), 'utf8'));
const yamlValue = (key) => {
  const m = template.match(new RegExp(`^\\s*${key}: "?(.*?)"?$`, 'm'));
  assert.ok(m, `${key} not in the template`);
  return m[1];
};

test("the template's CSP and security headers are the app's", () => {
  assert.equal(yamlValue('ContentSecurityPolicy'), headers.content_security_policy);
  assert.equal(`max-age=${yamlValue('AccessControlMaxAgeSec')}; includeSubDomains`, headers.headers['Strict-Transport-Security']);
  assert.equal(yamlValue('ReferrerPolicy'), headers.headers['Referrer-Policy']);
  assert.equal(yamlValue('FrameOption'), headers.headers['X-Frame-Options']);
  for (const name of ['Cross-Origin-Opener-Policy', 'Permissions-Policy']) {
    const m = template.match(new RegExp(`Header: ${name}\\n\\s*Value: "?(.*?)"?\\n`));
    assert.equal(m?.[1], headers.headers[name], name);
  }
  assert.match(template, /HttpVersion: http2and3/);
  assert.match(template, /ViewerProtocolPolicy: redirect-to-https/);
  assert.match(template, /Compress: true/);
  assert.match(template, /RestrictPublicBuckets: true/);
  assert.match(template, /OriginAccessControlOriginType: s3/);
});

test('the CloudFront function maps directories to index.html and adds missing slashes', () => {
  const code = template.match(/FunctionCode: \|\n([\s\S]*?)\n\n/)[1];
  const handler = new Function(`${code}; return handler;`)();
  const at = (uri) => handler({ request: { uri } });
  assert.equal(at('/tools/emr/').uri, '/tools/emr/index.html');
  assert.equal(at('/').uri, '/index.html');
  assert.deepEqual(at('/tools/emr').headers, { location: { value: '/tools/emr/' } });
  assert.equal(at('/tools/emr').statusCode, 301);
  assert.equal(at('/tools/emr/emr-console-0123456789abcdef_bg.wasm').uri, '/tools/emr/emr-console-0123456789abcdef_bg.wasm');
});

test('the CloudFront function redirects only to a path on the same host, whatever the URI', () => {
  const code = template.match(/FunctionCode: \|\n([\s\S]*?)\n\n/)[1];
  const handler = new Function(`${code}; return handler;`)();
  const site = 'https://console.example';
  const hostile = ['//evil.example/login', '///evil.example', '/\\evil.example/login', '/\\/evil.example', '/%2F%2Fevil.example', '/%2f/evil.example', '/%5cevil.example', '/./', '/./login', '/\t/evil.example', '/' + 'a/'.repeat(2000) + 'x', '/tools/emr', '//tools//emr'];
  for (const uri of hostile) {
    const r = handler({ request: { uri } });
    if (r.statusCode === 301) {
      const location = r.headers.location.value;
      assert.ok(location.startsWith('/') && !/^\/[\/\\]/.test(location), `${uri} → ${location}`);
      assert.equal(new URL(location, site).host, 'console.example', `${uri} → ${location} stays on the console's host`);
    } else if (r.statusCode !== undefined) {
      assert.equal(r.statusCode, 400, `${uri}: refused`);
    } else {
      assert.ok(r.uri.startsWith('/') && !r.uri.startsWith('//'), `${uri} → origin path ${r.uri}`);
    }
  }
  assert.equal(handler({ request: { uri: '//evil.example/login' } }).headers.location.value, '/evil.example/login/');
  assert.equal(handler({ request: { uri: '/\\evil.example' } }).statusCode, 400);
  assert.equal(handler({ request: { uri: '/%2F%2Fevil.example' } }).statusCode, 400);
});

test('deploy --dry-run: hashed assets immutable first, index.html no-cache last, then the invalidation', () => {
  const r = spawnSync('bash', ['scripts/deploy.sh', '--stack', 'emr-console', '--sub-path', '/tools/emr/', '--dry-run', '--skip-build'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('+ '));
  assert.match(lines[0], /aws cloudformation deploy .*--template-file deploy\/cloudfront\.yaml/);
  const uploads = lines.filter((l) => l.includes('aws s3 cp'));
  assert.ok(uploads.length >= 5);
  assert.match(uploads.at(-1), /dist\/index\.html .*tools\/emr\/index\.html' .*--cache-control no-cache .*text\/html/);
  for (const u of uploads.slice(0, -1)) assert.match(u, /--cache-control 'public, max-age=31536000, immutable'/);
  assert.ok(uploads.some((u) => /_bg\.wasm .*--content-type application\/wasm/.test(u)));
  assert.match(lines.at(-1), /aws cloudfront create-invalidation .*--paths \/tools\/emr\/ \/tools\/emr\/index\.html/);
});

test('deploy explains what is missing', () => {
  const noCli = spawnSync('bash', ['scripts/deploy.sh', '--stack', 'x', '--skip-build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } });
  assert.equal(noCli.status, 3);
  assert.match(noCli.stderr, /AWS CLI \(aws\) is not installed/);
  const noStack = spawnSync('bash', ['scripts/deploy.sh', '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(noStack.status, 2);
  assert.match(noStack.stderr, /--stack NAME is required/);
});

test('the built app also works from the bucket root', async () => {
  const [emulator, preview, browser] = await Promise.all([startEmulator(), startPreview('/'), launch()]);
  try {
    const { page } = await openApp(browser, preview.url);
    await describe(page, { endpoint: emulator.url, id: seedId('FINISHED') });
    assert.equal(await page.locator('article header [data-status]').getAttribute('data-status'), 'FINISHED');
    assert.deepEqual(await cspViolations(page), []);
  } finally {
    await browser.close();
    emulator.stop();
    preview.stop();
  }
});

test('the built page carries the narrow CSP first in <head>, naming only the region table\'s hosts and loopback', () => {
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  const head = html.slice(0, html.search(/<\/head>|<body/i));
  const meta = head.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)">/i);
  assert.ok(meta, 'the <meta> CSP is in the built page');
  const at = head.indexOf(meta[0]);
  for (const tag of ['<script', '<link', '<style']) {
    const first = head.toLowerCase().indexOf(tag);
    assert.ok(first === -1 || first > at, `the CSP comes before every ${tag}`);
  }
  assert.equal(meta[1], headers.meta_content_security_policy, 'the policy deploy/headers.json holds');
  // Every host, checked against the region table itself (core/src/aws/region.rs).
  const table = readFileSync(join(ROOT, 'core/src/aws/region.rs'), 'utf8');
  const regions = new Set([...table.slice(table.indexOf('KNOWN_REGIONS')).matchAll(/\b(?:r_v|r|o|v)\("([a-z0-9-]+)",/g)].map((m) => m[1]));
  assert.ok(regions.size > 30, `the region table read (${regions.size} regions)`);
  const suffix = (region) => (region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');
  const allowed = (source) => {
    if (['http://localhost:*', 'http://127.0.0.1:*', "'self'", "'none'", "'wasm-unsafe-eval'", 'data:'].includes(source)) return true;
    const m = source.match(/^https:\/\/(\*\.s3|s3|elasticmapreduce(?:-fips)?)\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?|api\.aws|api\.amazonwebservices\.com\.cn)$/);
    if (!m || !regions.has(m[2])) return false;
    return m[3] === suffix(m[2]) || (m[1] === 'elasticmapreduce' && (m[3] === 'api.aws' || m[3] === 'api.amazonwebservices.com.cn'));
  };
  const sources = meta[1].split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
  const strangers = sources.filter((s) => !allowed(s));
  assert.deepEqual(strangers, [], 'no host beyond the region table and loopback');
  assert.ok(!sources.some((s) => /^https:\/\/\*\.(amazonaws\.com|api\.aws)/.test(s)), 'no wildcard over all of AWS');
});
