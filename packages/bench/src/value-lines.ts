// `pnpm bench:value`: the per-line outputs of `commonweal value` (`--format csv` and
// `--format json --lines`) against the value baseline (csv-parse + decimal.js summing the same
// file), each pair interleaved (baseline, ours, …) over BENCH_ROUNDS rounds, whole processes on
// both sides; ratios over wall and CPU time, peak RSS, and the RSS growth from a tenth of the rows.
//   BENCH_ROWS    rows of the entries file (default 200,000); the flatness run uses a tenth
//   BENCH_ROUNDS  interleaved A/B rounds (default 3)
//   BENCH_VALUE_FORMATS  which outputs: csv, json-lines or both (default csv,json-lines)
//   BENCH_CLI     the commonweal bin.js to measure (default this checkout's build)
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './config';
import { benchFramework, writeEntries } from './generate';
import { runMeasured } from './run';
import { abRatio, abSchedule, median, round, rssGrowth } from './stats';

const PKG = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(dirname(PKG));
const DATA = join(PKG, '.data');
// BENCH_CLI: another build of the command line (say, the code before a change) to measure instead
const CLI = process.env.BENCH_CLI || join(ROOT, 'packages/cli/dist/bin.js');
const BASELINE = join(PKG, 'dist/baseline.js');
const HOOK = join(PKG, 'src/maxrss.cjs');
const SEED = 20260101;

const FORMATS: Record<string, string[]> = {
  csv: ['--format', 'csv'],
  'json-lines': ['--format', 'json', '--lines'],
};

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

async function entriesFile(rows: number): Promise<string> {
  const path = join(DATA, `entries-${rows}-s${SEED}.csv`);
  if (!existsSync(path)) {
    await writeEntries(`${path}.tmp`, rows, SEED);
    renameSync(`${path}.tmp`, path);
  }
  return path;
}

async function measured(args: string[], scratch: string) {
  const r = await runMeasured(args, { hook: HOOK, scratch, cwd: ROOT });
  if (r.code !== 0 && r.code !== 1)
    throw new Error(`${args.join(' ')} failed (exit ${r.code}):\n${r.stderr}`);
  if (r.cpuMs === null || r.rssMb === null) throw new Error(`no CPU time or RSS for ${args.join(' ')}`);
  return { ms: r.ms, cpuMs: r.cpuMs, rssMb: r.rssMb };
}

async function main(): Promise<void> {
  const config = benchConfig(process.env);
  const wanted = (process.env.BENCH_VALUE_FORMATS || 'csv,json-lines').split(',');
  for (const f of wanted)
    if (!FORMATS[f]) throw new Error(`BENCH_VALUE_FORMATS: no format "${f}"; use csv, json-lines`);
  if (!existsSync(CLI) || !existsSync(BASELINE))
    throw new Error('run pnpm build and pnpm --filter @commonweal/bench bundle first');
  mkdirSync(DATA, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'commonweal-bench-value-'));
  try {
    const fw = join(scratch, 'framework.json');
    writeFileSync(fw, `${JSON.stringify(benchFramework(), null, 2)}\n`);
    const out = join(scratch, 'out');
    log(
      `bench:value: ${config.rows} rows, ${config.rounds} rounds, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    for (const format of wanted) {
      const args = (file: string) => [
        CLI,
        'value',
        '-f',
        fw,
        '-e',
        file,
        ...(FORMATS[format] as string[]),
        '--out',
        out,
        '--quiet',
      ];
      const sizes: Record<string, { ms: number; cpuMs: number; rssMb: number }[]> = {};
      for (const rows of [config.smallRows, config.rows]) {
        const file = await entriesFile(rows);
        const runs = {
          baseline: [] as { ms: number; cpuMs: number }[],
          ours: [] as { ms: number; cpuMs: number; rssMb: number }[],
        };
        for (const slot of abSchedule(config.rounds)) {
          if (slot.side === 'baseline')
            runs.baseline.push(await measured([BASELINE, 'value', fw, file], scratch));
          else runs.ours.push(await measured(args(file), scratch));
        }
        const wall = abRatio({ baseline: runs.baseline.map((r) => r.ms), ours: runs.ours.map((r) => r.ms) });
        const cpu = abRatio({
          baseline: runs.baseline.map((r) => r.cpuMs),
          ours: runs.ours.map((r) => r.cpuMs),
        });
        const outMb = round(statSync(out).size / 2 ** 20, 1);
        log(
          `  ${format.padEnd(10)} ${String(rows).padStart(8)} rows: ratio ${wall.median} wall (rounds ${wall.ratios.join(', ')}), ${cpu.median} CPU (rounds ${cpu.ratios.join(', ')}); ours ${round(median(runs.ours.map((r) => r.cpuMs)) / 1000)} s CPU, baseline ${round(median(runs.baseline.map((r) => r.cpuMs)) / 1000)} s CPU; peak RSS ${round(
            runs.ours.reduce((m, r) => Math.max(m, r.rssMb), 0),
            1,
          )} MB; wrote ${outMb} MB`,
        );
        sizes[rows] = runs.ours;
      }
      const rss = (rows: number) => median((sizes[rows] ?? []).map((r) => r.rssMb));
      log(
        `  ${format.padEnd(10)} RSS ${config.smallRows} → ${config.rows} rows: ${round(rss(config.smallRows), 1)} → ${round(rss(config.rows), 1)} MB (${round(rssGrowth(rss(config.smallRows), rss(config.rows)) * 100, 1)} %)`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:value: ${(e as Error).message}\n`);
  process.exit(2);
});
