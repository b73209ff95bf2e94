// Compares Commonweal's SHA-256 (core/trace, pure TypeScript, synchronous, isomorphic) with
// @noble/hashes and node:crypto on the same bytes: each must give the same digest, and the
// throughput of each is the median of RUNS passes. Run after `pnpm build`:
//   node scripts/bench-sha256.mjs [MEGABYTES=100] [RUNS=5]
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MB = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 5);

const ours = await import(pathToFileURL(join(ROOT, 'packages/core/dist/trace/index.js')).href);
// @noble/hashes is a devDependency of packages/bench only, for this comparison
const noble = await import(
  pathToFileURL(join(ROOT, 'packages/bench/node_modules/@noble/hashes/sha2.js')).href
);

// Deterministic bytes (xorshift32), so every run hashes the same input.
const data = new Uint8Array(MB * 1024 * 1024);
let x = 2463534242;
for (let i = 0; i < data.length; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  data[i] = x & 0xff;
}
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const contenders = {
  'commonweal sha256 (core/trace)': () => ours.sha256Hex(data),
  '@noble/hashes sha256': () => hex(noble.sha256(data)),
  'node:crypto sha256': () => createHash('sha256').update(data).digest('hex'),
};

const results = [];
let digest;
for (const [name, fn] of Object.entries(contenders)) {
  fn(); // warm up
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const d = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (digest === undefined) digest = d;
    else if (d !== digest) throw new Error(`${name} gives ${d}, expected ${digest}`);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  results.push({ name, ms, mbps: (MB / ms) * 1000 });
}
console.log(
  `sha256 of ${MB} MB (median of ${RUNS}), node ${process.version}, digest ${digest.slice(0, 16)}…`,
);
for (const r of results)
  console.log(
    `  ${r.name.padEnd(32)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.mbps.toFixed(0).padStart(5)} MB/s`,
  );
const base = results[0].ms;
console.log(
  `bench-sha256: ours/noble=${(base / results[1].ms).toFixed(2)} ours/node=${(base / results[2].ms).toFixed(2)}`,
);
