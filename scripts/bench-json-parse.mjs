// The cost of Commonweal's safe JSON parser (json/parse: exact number text, forbidden keys,
// duplicate keys, line/column issues, no recursion) against JSON.parse on the same text: the
// median of RUNS passes over a generated entries file. Run after `pnpm build`:
//   node scripts/bench-json-parse.mjs [ENTRIES=200000] [RUNS=5]
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const N = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.argv[3] ?? 5);
const { safeParseJson } = await import(pathToFileURL(join(ROOT, 'packages/json/dist/index.js')).href);

const entries = [];
for (let i = 0; i < N; i++)
  entries.push({
    measure: `EX-${i % 40}`,
    quantity: `${(i % 977) + 0.25}`,
    year: 2026 + (i % 5),
    duration: (i % 3) + 1,
    deadweight: 0.2,
    local: i % 2 === 0,
    notes: `row ${i} \u00a3 — "quoted"`,
  });
const text = JSON.stringify({ entries }, null, 1);
const MB = Buffer.byteLength(text) / 1024 / 1024;

function median(fn) {
  fn();
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const safe = median(() => {
  const r = safeParseJson(text, { maxLength: text.length + 1 });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
});
const native = median(() => JSON.parse(text));
console.log(`parse ${MB.toFixed(1)} MB of JSON (${N} entries, median of ${RUNS}), node ${process.version}`);
console.log(
  `  safeParseJson  ${safe.toFixed(0).padStart(6)} ms  ${((MB / safe) * 1000).toFixed(0).padStart(4)} MB/s`,
);
console.log(
  `  JSON.parse     ${native.toFixed(0).padStart(6)} ms  ${((MB / native) * 1000).toFixed(0).padStart(4)} MB/s`,
);
console.log(`bench-json-parse: safe/native=${(safe / native).toFixed(2)}`);
