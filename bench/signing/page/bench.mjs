// Signs the same DescribeNotebookExecution request with both signers in this tab and publishes
// the figures on window.__bench (run.mjs reads them). Bundled by esbuild in scripts/bench-signing.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import init, { Signer } from './wasm/emr_bench_signing.js';

const params = new URLSearchParams(location.search);
const TOTAL = Number(params.get('total') ?? 10000);
const BATCH = Number(params.get('batch') ?? 100);
const REGION = 'us-east-1';
const HOST = `elasticmapreduce.${REGION}.amazonaws.com`;
const ID = 'ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK';
const KEY_ID = 'ASIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
// An 800-character session token with the characters real ones carry.
const TOKEN = ('IQoJb3JpZ2luX2VjE/+=' + 'A'.repeat(20)).repeat(20).slice(0, 800);
const WHEN = Date.UTC(2026, 10, 25, 18, 38, 33);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Batches, because the page's clock is coarsened (100 µs without cross-origin isolation).
async function measure(signOnce) {
  for (let i = 0; i < 300; i++) await signOnce(); // warm up (JIT, caches)
  const perSignature = [];
  for (let done = 0; done < TOTAL; done += BATCH) {
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i++) await signOnce();
    perSignature.push(((performance.now() - t0) * 1000) / BATCH);
  }
  return { medianMicros: median(perSignature), batches: perSignature.length, batch: BATCH };
}

async function main() {
  await init();
  const wasm = new Signer(REGION, KEY_ID, SECRET, TOKEN, ID);
  const body = wasm.body();

  const js = new SignatureV4({
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN },
    region: REGION,
    service: 'elasticmapreduce',
    sha256: Sha256,
    applyChecksum: false, // botocore and the console send no x-amz-content-sha256 to EMR
  });
  const request = () => ({
    method: 'POST',
    protocol: 'https:',
    hostname: HOST,
    path: '/',
    query: {},
    headers: {
      host: HOST,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'ElasticMapReduce.DescribeNotebookExecution',
    },
    body,
  });
  const jsSign = async () => (await js.sign(request(), { signingDate: new Date(WHEN) })).headers.authorization;
  const wasmSign = async () => wasm.sign(1, WHEN);

  // Both must produce the same signature, or the comparison means nothing.
  const a = await wasmSign();
  const b = await jsSign();
  if (a !== b) throw new Error(`the signers disagree:\n wasm ${a}\n js   ${b}`);

  // Without awaiting per call: the WASM signer is synchronous; this is its cost with no promise.
  const wasmSync = () => { wasm.sign(1, WHEN); };
  const results = {
    total: TOTAL,
    tokenLength: TOKEN.length,
    authorization: a,
    wasm: await measure(wasmSign),
    wasmNoAwait: await measure(wasmSync),
    js: await measure(jsSign),
  };
  results.ratio = results.js.medianMicros / results.wasm.medianMicros;
  return results;
}

main().then(
  (r) => { window.__bench = r; document.getElementById('out').textContent = JSON.stringify(r, null, 2); },
  (e) => { window.__bench = { error: String(e?.stack ?? e) }; document.getElementById('out').textContent = String(e); },
);
