import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview } from '../tests/e2e/harness.mjs';
const preview = await startPreview(undefined, { tls: process.env.LH_TLS === '1' });
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', userDataDir: mkdtempSync(join(tmpdir(), 'lh-')),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'] });
const { lhr } = await lighthouse(preview.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
const a = lhr.audits;
console.log('metrics', JSON.stringify(a.metrics.details.items[0], null, 0));
console.log('lcp element', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet));
console.log('long tasks', JSON.stringify(a['long-tasks']?.details?.items?.slice(0, 10)));
console.log('mainthread', JSON.stringify(a['mainthread-work-breakdown']?.details?.items));
console.log('bootup', JSON.stringify(a['bootup-time']?.details?.items));
console.log('lcp-lazy/breakdown', JSON.stringify(a['lcp-lazy-loaded']?.score), JSON.stringify(a['render-blocking-resources']?.details?.items));
console.log('network', JSON.stringify(a['network-requests']?.details?.items?.map(r => [r.url.split('/').pop(), r.priority, Math.round(r.networkRequestTime), Math.round(r.networkEndTime), r.transferSize])));
await chrome.kill(); preview.stop();
