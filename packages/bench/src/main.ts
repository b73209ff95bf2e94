// `pnpm bench`: generates seeded synthetic inputs, then measures the library engines and the
// `commonweal` command line against baselines that do the same column extraction and decimal
// sums, every pair interleaved (baseline, ours, baseline, ours …) over BENCH_ROUNDS rounds, and
// ends with one summary line. Every measured job is its own child process, so that no RSS
// figure bleeds into another.
//   BENCH_ROWS    rows of the entries and spend files (default 200,000; 1000000 for the 1M run)
//   BENCH_ROUNDS  interleaved A/B rounds, and runs of each CLI tender (default 3)
//   BENCH_FORMAT_ROWS  rows for `value --format json|csv` (default a tenth of BENCH_ROWS)
//   BENCH_CLOCK   wall (default) or cpu: which time the summary line's ratios and ms are over
//   BENCH_TENDER  the base tender, BIDSxCRITERIAxEVALUATORS (default 200x60x5; criteria top-level)
//   BENCH_TENDER_LARGE  also a large tender against 512 MB (1 means 400x120x10; unset: skipped)
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchConfig, benchConfig } from './config';
import {
  BENCH_LOCAL,
  benchFramework,
  registerCsv,
  type SpendVariant,
  supplierRecords,
  type TenderSize,
  tender,
  tenderFiles,
  writeEntries,
  writeSpend,
} from './generate';
import type { JobResult } from './job';
import { evaluationWinner, type RowCounts, rowCounts, spendLocalTotal } from './output';
import { type ProcessRun, runMeasured } from './run';
import { abRatio, abSchedule, median, round, rssGrowth } from './stats';
import { type Summary, summaryLine } from './summary';

const PKG = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(dirname(PKG));
const DATA = join(PKG, '.data');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const BASELINE = join(PKG, 'dist/baseline.js');
const HOOK = join(PKG, 'src/maxrss.cjs');
const SEED = 20260101;

const CONFIG = configOrExit();
const {
  rows: ROWS,
  smallRows: SMALL,
  rounds: ROUNDS,
  formatRows: FORMAT_ROWS,
  tender: TENDER,
  clock: CLOCK,
} = CONFIG;

/** A bad BENCH_ variable is answered with its message, not a stack trace. */
function configOrExit(): BenchConfig {
  try {
    return benchConfig(process.env);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

async function ensure(path: string, make: (tmp: string) => Promise<void>): Promise<string> {
  if (!existsSync(path)) {
    const tmp = `${path}.tmp`;
    const t = Date.now();
    await make(tmp);
    renameSync(tmp, path);
    log(`  generated ${path.slice(PKG.length + 1)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return path;
}

function entriesFile(rows: number): Promise<string> {
  return ensure(join(DATA, `entries-${rows}-s${SEED}.csv`), (tmp) => writeEntries(tmp, rows, SEED));
}

function spendFile(rows: number, variant: SpendVariant): Promise<string> {
  return ensure(join(DATA, `spend-${variant}-${rows}-s${SEED}.csv`), (tmp) =>
    writeSpend(tmp, rows, SEED + 1, variant),
  );
}

function tenderFile(size: TenderSize): Promise<string> {
  return ensure(
    join(DATA, `tender-${size.bids}x${size.criteria}x${size.evaluators}-s${SEED}.json`),
    async (tmp) => writeFileSync(tmp, JSON.stringify(tender(size, SEED + 2))),
  );
}

/** Runs one library job in a fresh `node --expose-gc` process and reads its RESULT line. */
function job(kind: string, file: string): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(PKG, 'dist/job.js'), kind, file], {
      cwd: PKG,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`job ${kind} ${file} failed (exit ${code}):\n${err}${out}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as JobResult);
    });
  });
}

const rel = (f: string) => (f.startsWith(DATA) ? f.slice(DATA.length + 1) : f);
const mb = (x: number | null) => (x === null ? '   n/a' : x.toFixed(1).padStart(6));
const sec = (ms: number) => (ms / 1000).toFixed(2).padStart(7);

function showJob(r: JobResult, label = r.kind): JobResult {
  log(
    `  ${label.padEnd(15)} ${rel(r.file).padEnd(36)} ${String(r.rows).padStart(8)} rows ${sec(r.ms)} s ${String(r.rowsPerSec).padStart(8)} rows/s  cpu ${sec(r.cpuMs)} s  peak RSS ${mb(r.peakRssMb)} MB`,
  );
  return r;
}

/** An interleaved A/B comparison of two library jobs on one file. */
interface LibPair {
  file: string;
  baseline: JobResult[];
  ours: JobResult[];
  ratios: number[];
  ratio: number;
  /** The same median over CPU time: steadier than wall time on a loaded machine. */
  cpuRatio: number;
  /** Highest peak RSS of our runs, in MB. */
  peakRssMb: number;
  /** Median peak RSS of our runs, in MB (what the flatness check compares). */
  medianRssMb: number;
}

async function libPair(baselineKind: string, kind: string, file: string): Promise<LibPair> {
  const runs: Record<'baseline' | 'ours', JobResult[]> = { baseline: [], ours: [] };
  for (const slot of abSchedule(ROUNDS)) {
    const r = await job(slot.side === 'baseline' ? baselineKind : kind, file);
    runs[slot.side].push(showJob(r, `${r.kind} #${slot.round + 1}`));
  }
  const { ratios, median: ratio } = abRatio({
    baseline: runs.baseline.map((r) => r.ms),
    ours: runs.ours.map((r) => r.ms),
  });
  const cpuRatio = abRatio({
    baseline: runs.baseline.map((r) => r.cpuMs),
    ours: runs.ours.map((r) => r.cpuMs),
  }).median;
  log(`  → median ratio ${ratio} (rounds ${ratios.join(', ')}); over CPU time ${cpuRatio}`);
  return {
    file,
    ...runs,
    ratios,
    ratio,
    cpuRatio,
    peakRssMb: Math.max(...runs.ours.map((r) => r.peakRssMb)), // bounded: one value per round or job
    medianRssMb: median(runs.ours.map((r) => r.peakRssMb)),
  };
}

/** ROUNDS runs of a library job at the small size: the median peak RSS for the flatness check. */
async function smallJobs(kind: string, file: string): Promise<{ runs: JobResult[]; medianRssMb: number }> {
  const runs: JobResult[] = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(showJob(await job(kind, file), `${kind} small #${i + 1}`));
  return { runs, medianRssMb: median(runs.map((r) => r.peakRssMb)) };
}

function medianRss(runs: CliRun[]): number {
  return median(runs.map((r) => r.rssMb ?? Number.NaN));
}

/** A CLI-level run: a measured process and what it said. */
interface CliRun {
  label: string;
  ms: number;
  rssMb: number | null;
  rssSource: string | null;
  cpuMs: number | null;
  code: number | null;
}

function showRun(label: string, file: string, rows: number | null, r: ProcessRun): CliRun {
  const rate = rows === null ? '' : `${String(Math.round(rows / (r.ms / 1000))).padStart(8)} rows/s`;
  const cpu = r.cpuMs === null ? '' : `cpu ${sec(r.cpuMs)} s`;
  log(
    `  ${label.padEnd(22)} ${rel(file).padEnd(36)} ${sec(r.ms)} s ${rate.padEnd(15)} ${cpu}  peak RSS ${mb(r.rssMb)} MB${r.rssSource === 'vmhwm' ? ' (polled VmHWM)' : ''}`,
  );
  return {
    label,
    ms: Math.round(r.ms),
    rssMb: r.rssMb === null ? null : round(r.rssMb, 1),
    rssSource: r.rssSource,
    cpuMs: r.cpuMs === null ? null : Math.round(r.cpuMs),
    code: r.code,
  };
}

/**
 * Runs a `commonweal` command. Exit 0 (all well) and 1 (some input rows had issues, as the
 * synthetic files are meant to) are runs; anything else stops the bench with what it printed.
 */
async function cli(args: string[], scratch: string): Promise<ProcessRun> {
  const r = await runMeasured([CLI, ...args], { hook: HOOK, scratch, cwd: ROOT });
  if (r.code !== 0 && r.code !== 1) {
    throw new Error(
      `commonweal ${args.join(' ')} failed (exit ${r.code ?? r.signal}):\n${r.stderr.slice(-4000)}`,
    );
  }
  return r;
}

async function baselineProcess(
  args: string[],
  scratch: string,
): Promise<{ run: ProcessRun; result: unknown }> {
  const run = await runMeasured([BASELINE, ...args], { hook: HOOK, scratch, cwd: ROOT });
  if (run.code !== 0) throw new Error(`baseline ${args.join(' ')} failed (exit ${run.code}):\n${run.stderr}`);
  return { run, result: JSON.parse(run.stdout) };
}

interface CliPair {
  file: string;
  baseline: CliRun[];
  ours: CliRun[];
  ratios: number[];
  ratio: number;
  cpuRatio: number | null;
  peakRssMb: number;
  medianRssMb: number;
  baselineResult: unknown;
}

async function cliPair(
  label: string,
  file: string,
  rows: number,
  baselineArgs: string[],
  ourArgs: string[],
  check: () => void,
  scratch: string,
): Promise<CliPair> {
  const runs: Record<'baseline' | 'ours', CliRun[]> = { baseline: [], ours: [] };
  let baselineResult: unknown = null;
  for (const slot of abSchedule(ROUNDS)) {
    if (slot.side === 'baseline') {
      const b = await baselineProcess(baselineArgs, scratch);
      baselineResult = b.result;
      runs.baseline.push(showRun(`baseline #${slot.round + 1}`, file, rows, b.run));
    } else {
      const r = await cli(ourArgs, scratch);
      check();
      runs.ours.push(showRun(`${label} #${slot.round + 1}`, file, rows, r));
    }
  }
  const { ratios, median: ratio } = abRatio({
    baseline: runs.baseline.map((r) => r.ms),
    ours: runs.ours.map((r) => r.ms),
  });
  const cpus = [...runs.baseline, ...runs.ours].every((r) => r.cpuMs !== null);
  const cpuRatio = cpus
    ? abRatio({
        baseline: runs.baseline.map((r) => r.cpuMs as number),
        ours: runs.ours.map((r) => r.cpuMs as number),
      }).median
    : null;
  log(`  → median ratio ${ratio} (rounds ${ratios.join(', ')}); over CPU time ${cpuRatio ?? 'n/a'}`);
  const peakRssMb = Math.max(...runs.ours.map((r) => r.rssMb ?? Number.NaN)); // bounded: one value per round or job
  return {
    file,
    ...runs,
    ratios,
    ratio,
    cpuRatio,
    peakRssMb,
    medianRssMb: medianRss(runs.ours),
    baselineResult,
  };
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build first`);
  mkdirSync(DATA, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'commonweal-bench-'));
  log(
    `bench: ${ROWS} rows (flatness check at ${SMALL}), ${ROUNDS} interleaved A/B rounds, node ${process.version}, scratch ${scratch}`,
  );
  log(
    `load average ${loadLine()} on ${availableParallelism()} cores (wall-time ratios are noisy when it is above that)`,
  );
  try {
    await run(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function run(scratch: string): Promise<void> {
  log('inputs:');
  const entries = await entriesFile(ROWS);
  const entriesSmall = await entriesFile(SMALL);
  const devon = await spendFile(ROWS, 'devon');
  const ecambs = await spendFile(ROWS, 'ecambs');
  const devonSmall = await spendFile(SMALL, 'devon');
  const base = TENDER;
  const sizes: Record<string, TenderSize> = {
    base,
    bids: { ...base, bids: base.bids * 2 },
    criteria: { ...base, criteria: base.criteria * 2 },
    evaluators: { ...base, evaluators: base.evaluators * 2 },
  };
  const tenders: Record<string, string> = {};
  for (const [k, s] of Object.entries(sizes)) tenders[k] = await tenderFile(s);
  // the CLI's own inputs, as an analyst would have them on disk
  const fwFile = join(scratch, 'framework.json');
  writeFileSync(fwFile, `${JSON.stringify(benchFramework(), null, 2)}\n`);
  const registerFile = join(scratch, 'suppliers.csv');
  writeFileSync(registerFile, registerCsv(supplierRecords(7)));
  const t = tenderFiles(JSON.parse(readFileSync(tenders.base!, 'utf8')));
  const tenderDir = join(scratch, 'tender');
  mkdirSync(tenderDir);
  for (const [k, v] of Object.entries(t))
    writeFileSync(join(tenderDir, k === 'model' ? 'model.json' : `${k}.csv`), v);
  const local = BENCH_LOCAL.join(',');

  log('library valuation (readEntries → createValuationAccumulator, keepLines false) vs the value baseline:');
  const val = await libPair('baseline-value', 'valuation', entries);
  const valSmall = await smallJobs('valuation', entriesSmall);

  log('library spend analysis (accumulateSpendCsv → createSpendAccumulator) vs the spend baseline:');
  const spDevon = await libPair('baseline-spend', 'spend', devon);
  const spEcambs = await libPair('baseline-spend', 'spend', ecambs);
  const spSmall = await smallJobs('spend', devonSmall);

  log(`library tender evaluation (evaluate with weight sensitivity; median of runs in one process):`);
  const ten: Record<string, JobResult> = {};
  for (const [k, f] of Object.entries(tenders)) ten[k] = showJob(await job('tender', f), `tender ${k}`);

  log(
    'CLI: commonweal value --format table vs the value baseline (both whole processes, node start-up included):',
  );
  const valueOut = join(scratch, 'value.txt');
  const valueArgs = (file: string, format: string, out: string) => [
    'value',
    '--framework',
    fwFile,
    '--entries',
    file,
    '--format',
    format,
    '--out',
    out,
  ];
  let valueRows: RowCounts | null = null;
  const cliValue = await cliPair(
    'commonweal value',
    entries,
    ROWS,
    ['value', fwFile, entries],
    valueArgs(entries, 'table', valueOut),
    () => {
      valueRows = rowCounts(readFileSync(valueOut, 'utf8'));
      if (valueRows?.read !== ROWS)
        throw new Error(`commonweal value did not report ${ROWS} rows read: ${JSON.stringify(valueRows)}`);
    },
    scratch,
  );
  log(
    `  commonweal value: ${JSON.stringify(valueRows)}; baseline: ${JSON.stringify(pick(cliValue.baselineResult, ['rows', 'accepted', 'rejected']))}`,
  );
  const cliValueSmallRuns: CliRun[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = await cli(valueArgs(entriesSmall, 'table', valueOut), scratch);
    cliValueSmallRuns.push(showRun(`value table small #${i + 1}`, entriesSmall, SMALL, r));
  }
  const cliValueSmall = medianRss(cliValueSmallRuns);
  // totals-only JSON at the full size; every line (json --lines, csv) at BENCH_FORMAT_ROWS
  const formatEntries = FORMAT_ROWS === ROWS ? entries : await entriesFile(FORMAT_ROWS);
  const formats: Record<string, CliRun & { rows: number; outputMb: number }> = {};
  const formatRuns: [string, string, number, string[]][] = [
    ['json', entries, ROWS, []],
    ['json --lines', formatEntries, FORMAT_ROWS, ['--lines']],
    ['csv', formatEntries, FORMAT_ROWS, []],
  ];
  for (const [name, file, rows, extra] of formatRuns) {
    const out = join(scratch, `value.${name.replace(/\W+/g, '-')}`);
    const args = [...valueArgs(file, name.split(' ')[0] as string, out), ...extra];
    const r = showRun(`value --format ${name}`, file, rows, await cli(args, scratch));
    formats[name] = { ...r, rows, outputMb: round(statSync(out).size / 2 ** 20, 2) };
    log(`    wrote ${formats[name].outputMb} MB`);
    rmSync(out, { force: true });
  }

  log('CLI: commonweal spend (Devon layout, with the supplier register) vs the spend baseline:');
  const spendOut = join(scratch, 'spend.txt');
  let spendRows: RowCounts | null = null;
  let spendLocal: string | null = null;
  const cliSpend = await cliPair(
    'commonweal spend',
    devon,
    ROWS,
    ['spend', devon, registerFile, local],
    [
      'spend',
      '--spend',
      devon,
      '--suppliers',
      registerFile,
      '--local',
      local,
      '--format',
      'table',
      '--out',
      spendOut,
    ],
    () => {
      const text = readFileSync(spendOut, 'utf8');
      spendRows = rowCounts(text);
      if (spendRows?.read !== ROWS) {
        throw new Error(`commonweal spend did not report ${ROWS} rows read: ${JSON.stringify(spendRows)}`);
      }
      spendLocal = spendLocalTotal(text);
    },
    scratch,
  );
  const baselineLocal = (cliSpend.baselineResult as { totals?: { local?: string } } | null)?.totals?.local;
  log(
    `  commonweal spend: ${JSON.stringify(spendRows)}, local £${spendLocal}; baseline: ${JSON.stringify(pick(cliSpend.baselineResult, ['rows', 'accepted', 'rejected']))}, local £${baselineLocal} (${spendLocal === baselineLocal ? 'the same' : 'they differ'})`,
  );

  log(
    `CLI: commonweal evaluate, ${base.bids} bids × ${base.criteria} top-level criteria × ${base.evaluators} evaluators:`,
  );
  const evalRuns: CliRun[] = [];
  let cliWinner: string | null = null;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await cli(
      [
        'evaluate',
        '--model',
        join(tenderDir, 'model.json'),
        '--bids',
        join(tenderDir, 'bids.csv'),
        '--scores',
        join(tenderDir, 'scores.csv'),
        '--format',
        'table',
        '--out',
        join(scratch, 'evaluation.txt'),
      ],
      scratch,
    );
    evalRuns.push(showRun(`commonweal evaluate #${i + 1}`, join(tenderDir, 'scores.csv'), null, r));
    const text = readFileSync(join(scratch, 'evaluation.txt'), 'utf8');
    const scored = rowCounts(text, join(tenderDir, 'scores.csv'))?.read === t.scores.split('\n').length - 2;
    cliWinner = evaluationWinner(text);
    if (!scored || !cliWinner)
      throw new Error(
        `commonweal evaluate did not read every score or name a winner:\n${text.slice(0, 2000)}`,
      );
  }
  const libWinner = ten.base!.detail.winner;
  log(
    `  commonweal evaluate: winner ${cliWinner}; library evaluate: winner ${libWinner} (${cliWinner === libWinner ? 'the same' : 'they differ'})`,
  );
  const cliEvaluateMs = median(evalRuns.map((r) => r.ms));
  const cliEvaluateRss = Math.max(...evalRuns.map((r) => r.rssMb ?? Number.NaN)); // bounded: one value per round or job
  const large = CONFIG.largeTender ? await largeTender(CONFIG.largeTender, scratch) : null;

  const baseMs = ten.base!.ms;
  const growth = {
    bids: round(ten.bids!.ms / baseMs),
    criteria: round(ten.criteria!.ms / baseMs),
    evaluators: round(ten.evaluators!.ms / baseMs),
  };
  const baseCpu = ten.base!.cpuMs;
  const growthCpu = {
    bids: round(ten.bids!.cpuMs / baseCpu),
    criteria: round(ten.criteria!.cpuMs / baseCpu),
    evaluators: round(ten.evaluators!.cpuMs / baseCpu),
  };
  const spendRatio = Math.min(spDevon.ratio, spEcambs.ratio);
  const rss: Record<string, number> = {
    'library valuation': val.peakRssMb,
    'library spend (Devon)': spDevon.peakRssMb,
    'library spend (East Cambs)': spEcambs.peakRssMb,
    ...Object.fromEntries(Object.entries(ten).map(([k, r]) => [`library tender ${k}`, r.peakRssMb])),
    'commonweal value table': cliValue.peakRssMb,
    ...Object.fromEntries(
      Object.entries(formats).map(([k, r]) => [`commonweal value ${k} (${r.rows})`, r.rssMb ?? Number.NaN]),
    ),
    'commonweal spend': cliSpend.peakRssMb,
    'commonweal evaluate': cliEvaluateRss,
  };
  const peakRss = Math.max(...Object.values(rss)); // bounded: one value per round or job
  const flat = {
    valuation: rssGrowth(valSmall.medianRssMb, val.medianRssMb),
    spend: rssGrowth(spSmall.medianRssMb, spDevon.medianRssMb),
    cliValue: rssGrowth(cliValueSmall, cliValue.medianRssMb),
  };
  const linear = (g: Record<string, number>) => Object.values(g).every((x) => x <= 2.5);
  const half = (r: number | null) => r !== null && r >= 0.5;
  // time goals are judged on wall time; the same judged on CPU time is shown beside them
  const goals: Record<string, boolean> = {
    'library valuation ≥ 0.5 × baseline': val.ratio >= 0.5,
    'library spend ≥ 0.5 × baseline': spendRatio >= 0.5,
    'commonweal value ≥ 0.5 × baseline': cliValue.ratio >= 0.5,
    'commonweal spend ≥ 0.5 × baseline': cliSpend.ratio >= 0.5,
    'peak RSS < 256 MB (every job, tenders and CLI included)': peakRss < 256,
    'RSS flat (within 20 % of the 1/10-size run)': Object.values(flat).every((g) => Math.abs(g) <= 0.2),
    'tender grows linearly (each doubling ≤ 2.5×)': linear(growth),
  };
  if (large) goals[`tender ${large.name} under 512 MB (library and CLI)`] = large.peakRssMb < 512;
  const goalsCpu: Record<string, boolean> = {
    'library valuation ≥ 0.5 × baseline': half(val.cpuRatio),
    'library spend ≥ 0.5 × baseline': half(Math.min(spDevon.cpuRatio, spEcambs.cpuRatio)),
    'commonweal value ≥ 0.5 × baseline': half(cliValue.cpuRatio),
    'commonweal spend ≥ 0.5 × baseline': half(cliSpend.cpuRatio),
    'tender grows linearly (each doubling ≤ 2.5×)': linear(growthCpu),
  };
  log(
    `tender growth when one dimension doubles: bids ×${growth.bids}, criteria ×${growth.criteria}, evaluators ×${growth.evaluators} (over CPU time ×${growthCpu.bids}, ×${growthCpu.criteria}, ×${growthCpu.evaluators})`,
  );
  log(
    `RSS from ${SMALL} to ${ROWS} rows (median of ${ROUNDS} runs each): library valuation ${mb(valSmall.medianRssMb)} → ${mb(val.medianRssMb)} MB (${pct(flat.valuation)}), library spend ${mb(spSmall.medianRssMb)} → ${mb(spDevon.medianRssMb)} MB (${pct(flat.spend)}), commonweal value table ${mb(cliValueSmall)} → ${mb(cliValue.medianRssMb)} MB (${pct(flat.cliValue)})`,
  );
  log('peak RSS by job:');
  for (const [k, v] of Object.entries(rss)) log(`  ${k.padEnd(28)} ${mb(v)} MB`);
  for (const [g, ok] of Object.entries(goals)) {
    const cpu = goalsCpu[g];
    log(
      `  ${ok ? 'met   ' : 'MISSED'} ${g}${cpu === undefined ? '' : ` (over CPU time: ${cpu ? 'met' : 'MISSED'})`}`,
    );
  }
  const cpu = CLOCK === 'cpu';
  const summary: Summary = {
    valuationRatio: cpu ? val.cpuRatio : val.ratio,
    spendRatio: cpu ? Math.min(spDevon.cpuRatio, spEcambs.cpuRatio) : spendRatio,
    peakRssMb: peakRss,
    tenderMs: cpu ? baseCpu : baseMs,
    cliValueRatio: cpu ? (cliValue.cpuRatio ?? Number.NaN) : cliValue.ratio,
    cliValueRssMb: cliValue.peakRssMb,
    cliSpendRatio: cpu ? (cliSpend.cpuRatio ?? Number.NaN) : cliSpend.ratio,
    cliEvaluateMs: cpu ? median(evalRuns.map((r) => r.cpuMs ?? Number.NaN)) : cliEvaluateMs,
  };
  const [load1] = loadavg();
  if ((load1 ?? 0) > availableParallelism() && !cpu) {
    log(
      `WARNING: load average ${loadLine()} is above the ${availableParallelism()} cores: the wall-time ratios below are unreliable; read the CPU ones above, or run with BENCH_CLOCK=cpu`,
    );
  }
  log(`summary over ${CLOCK} time:`);
  const results = {
    when: new Date().toISOString(),
    loadAverage: loadavg(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    rows: ROWS,
    smallRows: SMALL,
    rounds: ROUNDS,
    clock: CLOCK,
    seed: SEED,
    library: {
      valuation: { ...val, small: valSmall },
      spend: { devon: spDevon, ecambs: spEcambs, devonSmall: spSmall, ratio: spendRatio },
      tender: { sizes, results: ten, growth, growthCpu },
    },
    cli: {
      value: {
        table: cliValue,
        tableSmall: { runs: cliValueSmallRuns, medianRssMb: cliValueSmall },
        rows: valueRows,
        formats,
      },
      spend: { ...cliSpend, rows: spendRows, local: spendLocal },
      evaluate: {
        size: base,
        runs: evalRuns,
        medianMs: cliEvaluateMs,
        peakRssMb: cliEvaluateRss,
        winner: cliWinner,
      },
    },
    largeTender: large,
    rss,
    rssGrowth: flat,
    goals,
    goalsCpu,
    summary,
  };
  writeFileSync(join(PKG, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`load average at the end ${loadLine()}`);
  log(summaryLine(summary));
}

function loadLine(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** The large tender of the memory goal: one library evaluation and one `commonweal evaluate`. */
async function largeTender(size: TenderSize, scratch: string) {
  const name = `${size.bids}×${size.criteria}×${size.evaluators}`;
  log(`large tender ${name} (memory goal 512 MB; one run each):`);
  const file = await tenderFile(size);
  const dir = join(scratch, 'tender-large');
  mkdirSync(dir);
  const t = tenderFiles(JSON.parse(readFileSync(file, 'utf8')));
  for (const [k, v] of Object.entries(t))
    writeFileSync(join(dir, k === 'model' ? 'model.json' : `${k}.csv`), v);
  const lib = showJob(await job('tender-once', file), 'tender large');
  const args = ['evaluate', '--model', join(dir, 'model.json'), '--bids', join(dir, 'bids.csv')];
  args.push(
    '--scores',
    join(dir, 'scores.csv'),
    '--format',
    'table',
    '--out',
    join(scratch, 'evaluation-large.txt'),
  );
  const run = showRun('commonweal evaluate', join(dir, 'scores.csv'), null, await cli(args, scratch));
  return { name, size, library: lib, cli: run, peakRssMb: Math.max(lib.peakRssMb, run.rssMb ?? Number.NaN) };
}

function pct(g: number): string {
  return `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)} %`;
}

function pick(o: unknown, keys: string[]): Record<string, unknown> {
  const r = (o ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}

main().catch((e) => {
  // a failed job says what failed and what it printed; the bench's own stack only on request
  const err = e as Error;
  process.stderr.write(`bench: ${process.env.BENCH_DEBUG ? (err.stack ?? err.message) : err.message}\n`);
  process.exit(1);
});
