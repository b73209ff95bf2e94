// Measures `commonweal evaluate` (the built CLI) at scale: wall time and peak RSS per size.
// Usage: pnpm build && node tests/tender-scale/measure.mjs [DIR] [--format json]
// Sizes: 200×60×5, 200×120×5, 400×120×5 (time should grow about ×2 and ×2) and 400×120×10.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTender } from './generate.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const dir =
  process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/commonweal-tender-scale';
const format = process.argv.includes('--format')
  ? process.argv[process.argv.indexOf('--format') + 1]
  : 'table';
const sizes = [
  [200, 60, 5],
  [200, 120, 5],
  [400, 120, 5],
  [400, 120, 10],
];
const RUNS = 3;
const out = [];
for (const [b, c, e] of sizes) {
  const d = join(dir, `${b}x${c}x${e}`);
  const f = existsSync(join(d, 'scores.csv'))
    ? { model: join(d, 'model.json'), bids: join(d, 'bids.csv'), scores: join(d, 'scores.csv') }
    : writeTender(d, b, c, e);
  const times = [];
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    // GNU time: elapsed seconds and maximum resident set size (KB) of the CLI process.
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%e %M',
        process.execPath,
        BIN,
        'evaluate',
        '-m',
        f.model,
        '-b',
        f.bids,
        '-s',
        f.scores,
        '--format',
        format,
        '--quiet',
        '--out',
        join(d, `out.${format}`),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const [s, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    times.push(s);
    rss = Math.max(rss, kb / 1024);
  }
  times.sort((x, y) => x - y);
  out.push({ size: `${b}×${c}×${e}`, cells: b * c, medianSeconds: times[1], peakRssMb: Math.round(rss) });
}
for (let i = 1; i < 3; i++) out[i].timeRatio = +(out[i].medianSeconds / out[i - 1].medianSeconds).toFixed(2);
console.table(out);
