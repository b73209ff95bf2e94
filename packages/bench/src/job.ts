// One measured job, run in its own child process (`node --expose-gc dist/job.js KIND FILE`, the
// bundle tsup makes of this file) so that RSS figures never bleed between jobs. Prints one line
// `RESULT {json}`.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildSupplierRegister, createSpendAccumulator } from '@commonweal/core/economy';
import { validateFramework } from '@commonweal/core/framework';
import { evaluate, parseEvaluationInput } from '@commonweal/core/procurement';
import { createValuationAccumulator } from '@commonweal/core/valuation';
import * as csv from '@commonweal/csv';
import { readFileSource } from '@commonweal/csv/node';
import { greenBookStandard, hmtGdpDeflator } from '@commonweal/uk';
import { type BaselineMeasure, baselineSpend, baselineValue } from './baseline';
import { BENCH_LOCAL, benchFramework, supplierRecords } from './generate';
import { median } from './stats';

/** What a job reports. */
export interface JobResult {
  kind: string;
  file: string;
  rows: number;
  ms: number;
  rowsPerSec: number;
  /** Peak of process.memoryUsage().rss sampled every 50 ms, in MB. */
  peakRssMb: number;
  /** The kernel's own peak (VmHWM), in MB, where the platform has it. */
  hwmRssMb: number | null;
  /** Heap still in use after a full garbage collection at the end (what the job retains), in MB. */
  retainedHeapMb: number | null;
  /** CPU time of the whole process (all threads) during the job, in ms (a tender: of one evaluation, the median). */
  cpuMs: number;
  detail: Record<string, unknown>;
}

const MB = 1024 * 1024;
let peak = 0;
const sample = () => {
  const r = process.memoryUsage().rss;
  if (r > peak) peak = r;
};

let retained: number | null = null;
let retainedMs = 0;
/** Heap in use after a full GC, taken while the job still holds its accumulator (not timed). */
function measureRetained(): void {
  if (!globalThis.gc) return;
  const t = performance.now();
  globalThis.gc();
  retained = process.memoryUsage().heapUsed / MB;
  retainedMs += performance.now() - t;
}

function hwm(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function baseline(
  kind: string,
  file: string,
): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const r =
    kind === 'baseline-value'
      ? await baselineValue(benchFramework().measures as BaselineMeasure[], file)
      : await baselineSpend(file, supplierRecords(7), BENCH_LOCAL);
  measureRetained();
  return { rows: r.rows, detail: { accepted: r.accepted, rejected: r.rejected, totals: r.totals } };
}

async function valuation(file: string): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const fw = validateFramework(benchFramework());
  if (!fw.ok) throw new Error(`bench framework invalid: ${JSON.stringify(fw.issues)}`);
  const acc = createValuationAccumulator(fw.value, {
    baseYear: 2025,
    priceYear: 2024,
    indexSeries: hmtGdpDeflator,
    discounting: greenBookStandard,
    keepLines: false,
    // a stream keeps the issues of its first rows and counts the rest, as the spend accumulator does
    maxIssues: 1000,
  });
  const reader = csv.readEntries(readFileSource(file), { file, framework: fw.value });
  let index = 0;
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      if (row.ok) acc.add(row.value, index);
      index++;
    }
  }
  measureRetained();
  const s = reader.summary();
  const r = acc.result();
  if (!r.ok) throw new Error(`valuation failed: ${JSON.stringify(r.issues)}`);
  const v = r.value;
  return {
    rows: s.counts.read,
    detail: {
      csv: s.counts,
      valuation: v.counts,
      presentValue: v.totals.presentValue.toFixed(2),
      issues: v.issues.length,
    },
  };
}

async function spend(file: string): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const register = buildSupplierRegister(supplierRecords(7));
  if (!register.ok) throw new Error(`register invalid: ${JSON.stringify(register.issues)}`);
  const acc = createSpendAccumulator({ local: BENCH_LOCAL, suppliers: register.value, top: 20 });
  // East Cambridgeshire writes dd/mm/yyyy; Devon ISO timestamps
  const dateFormat = file.includes('ecambs') ? 'dmy' : 'auto';
  const read = await csv.accumulateSpendCsv(readFileSource(file), acc, { file, dateFormat });
  if (read.stopped) throw new Error(`spend file unreadable: ${JSON.stringify(read.issues.slice(0, 3))}`);
  measureRetained();
  const a = csv.withReadCounts(acc.result(), [read]);
  return {
    rows: read.counts.read,
    detail: {
      reader: '@commonweal/csv accumulateSpendCsv',
      csv: read.counts,
      spend: a.rows,
      total: a.total.amount.toFixed(2),
      local: a.local.share.toFixed(4),
      suppliers: a.suppliers.count,
    },
  };
}

async function tender(
  file: string,
  minRuns: number,
): Promise<{ rows: number; ms: number; cpuMs: number; detail: Record<string, unknown> }> {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  let t = performance.now();
  const input = parseEvaluationInput(raw);
  const parseMs = performance.now() - t;
  if (!input.ok) throw new Error(`tender input invalid: ${JSON.stringify(input.issues.slice(0, 3))}`);
  const times: number[] = [];
  const cpus: number[] = [];
  let winner: string | null = null;
  let sensitivity = 0;
  const start = performance.now();
  // at least minRuns runs, more while under 3 s: the median is reported
  while (times.length < minRuns || (times.length < 15 && performance.now() - start < 3000)) {
    globalThis.gc?.();
    t = performance.now();
    const c = process.cpuUsage();
    const r = evaluate(input.value);
    times.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpus.push((u.user + u.system) / 1000);
    if (!r.ok) throw new Error(`evaluation failed: ${JSON.stringify(r.issues.slice(0, 3))}`);
    winner = r.value.winner;
    sensitivity = r.value.sensitivity.length;
  }
  return {
    rows: input.value.scores.length,
    ms: median(times),
    cpuMs: median(cpus),
    detail: {
      bids: input.value.bids.length,
      scores: input.value.scores.length,
      runs: times.length,
      parseMs: Math.round(parseMs),
      evaluateMs: times.map((x) => Math.round(x)),
      winner,
      sensitivity,
    },
  };
}

async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2);
  if (!kind || !file) throw new Error('usage: job.ts KIND FILE');
  const timer = setInterval(sample, 50);
  timer.unref();
  globalThis.gc?.();
  sample();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let out: { rows: number; ms?: number; cpuMs?: number; detail: Record<string, unknown> };
  if (kind === 'baseline-value' || kind === 'baseline-spend') out = await baseline(kind, file);
  else if (kind === 'valuation') out = await valuation(file);
  else if (kind === 'spend') out = await spend(file);
  else if (kind === 'tender') out = await tender(file, 3);
  else if (kind === 'tender-once') out = await tender(file, 1);
  else throw new Error(`unknown job ${kind}`);
  const ms = out.ms ?? performance.now() - t0 - retainedMs;
  const cpu = process.cpuUsage(c0);
  sample();
  clearInterval(timer);

  const result: JobResult = {
    kind,
    file,
    rows: out.rows,
    ms: Math.round(ms * 10) / 10,
    rowsPerSec: Math.round(out.rows / (ms / 1000)),
    peakRssMb: Math.round((peak / MB) * 10) / 10,
    hwmRssMb: hwm(),
    retainedHeapMb: retained === null ? null : Math.round(retained * 10) / 10,
    cpuMs: Math.round(out.cpuMs ?? (cpu.user + cpu.system) / 1000),
    detail: out.detail,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
