// The bench's settings, read from the environment: each bad value is refused with the variable's
// name and what to write instead, before anything runs.
import type { TenderSize } from './generate';

/** What a run is told to do. */
export interface BenchConfig {
  rows: number;
  /** A tenth of `rows`: the size the flatness runs use. */
  smallRows: number;
  rounds: number;
  formatRows: number;
  tender: TenderSize;
  /** The large tender of the memory goal (512 MB), or null when not asked for. */
  largeTender: TenderSize | null;
  clock: 'wall' | 'cpu';
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}

function tenderSize(name: string, raw: string): TenderSize {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(raw.trim());
  const [bids, criteria, evaluators] = (m ? m.slice(1) : []).map(Number);
  if (!bids || !criteria || !evaluators || criteria < 3) {
    throw new Error(
      `${name} must be BIDSxCRITERIAxEVALUATORS with at least 3 criteria, e.g. 200x60x5; got "${raw.trim()}"`,
    );
  }
  return { bids, criteria, evaluators };
}

/**
 * Reads BENCH_ROWS (default 200,000; `1_000_000` is allowed), BENCH_ROUNDS (3),
 * BENCH_FORMAT_ROWS (a tenth of the rows), BENCH_TENDER (`200x60x5`), BENCH_TENDER_LARGE (unset;
 * `1` is `400x120x10`) and BENCH_CLOCK (`wall`).
 *
 * @example
 * ```ts
 * benchConfig({ BENCH_ROWS: '1000000' }).smallRows; // 100000
 * ```
 */
export function benchConfig(env: Record<string, string | undefined>): BenchConfig {
  const rows = positiveInt(env, 'BENCH_ROWS', 200_000);
  const smallRows = Math.max(1, Math.round(rows / 10));
  const large = env.BENCH_TENDER_LARGE;
  const clock = env.BENCH_CLOCK || 'wall';
  if (clock !== 'wall' && clock !== 'cpu') throw new Error(`BENCH_CLOCK must be wall or cpu, got "${clock}"`);
  return {
    rows,
    smallRows,
    rounds: positiveInt(env, 'BENCH_ROUNDS', 3),
    formatRows: positiveInt(env, 'BENCH_FORMAT_ROWS', smallRows),
    tender: tenderSize('BENCH_TENDER', env.BENCH_TENDER || '200x60x5'),
    largeTender: large ? tenderSize('BENCH_TENDER_LARGE', large === '1' ? '400x120x10' : large) : null,
    clock,
  };
}
