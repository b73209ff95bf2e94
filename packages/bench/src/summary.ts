// The one line a run ends with. Its first four fields keep the shape earlier runs had, so that
// figures from before and after can be compared by a script; the CLI fields follow.

/** The figures of the summary line. */
export interface Summary {
  /** Median of baseline ms / library valuation ms over the interleaved rounds. */
  valuationRatio: number;
  /** The lower of the two spend layouts' median ratios (library). */
  spendRatio: number;
  /** Highest peak RSS of every measured job, library, CLI and tender alike, in MB. */
  peakRssMb: number;
  /** Median time of one library `evaluate` of the base tender, in ms. */
  tenderMs: number;
  /** Median of baseline wall time / `commonweal value` wall time. */
  cliValueRatio: number;
  /** Peak RSS of `commonweal value --format table` at the full row count, in MB. */
  cliValueRssMb: number;
  /** Median of baseline wall time / `commonweal spend` wall time. */
  cliSpendRatio: number;
  /** Median wall time of `commonweal evaluate` on the base tender, in ms. */
  cliEvaluateMs: number;
}

const FIELDS: [keyof Summary, string][] = [
  ['valuationRatio', 'valuation-ratio'],
  ['spendRatio', 'spend-ratio'],
  ['peakRssMb', 'peak-rss-mb'],
  ['tenderMs', 'tender-ms'],
  ['cliValueRatio', 'cli-value-ratio'],
  ['cliValueRssMb', 'cli-value-rss-mb'],
  ['cliSpendRatio', 'cli-spend-ratio'],
  ['cliEvaluateMs', 'cli-evaluate-ms'],
];

const WHOLE = new Set<keyof Summary>(['peakRssMb', 'tenderMs', 'cliValueRssMb', 'cliEvaluateMs']);

/**
 * The summary line: `bench: valuation-ratio=R spend-ratio=R peak-rss-mb=N tender-ms=N
 * cli-value-ratio=R cli-value-rss-mb=N cli-spend-ratio=R cli-evaluate-ms=N`. Ratios keep two
 * decimals, megabytes and milliseconds are whole.
 *
 * @example
 * ```ts
 * summaryLine({ valuationRatio: 0.8, spendRatio: 0.71, peakRssMb: 130.4, tenderMs: 812.6,
 *   cliValueRatio: 0.9, cliValueRssMb: 121.2, cliSpendRatio: 0.75, cliEvaluateMs: 2400 });
 * // 'bench: valuation-ratio=0.8 spend-ratio=0.71 peak-rss-mb=130 tender-ms=813 cli-value-ratio=0.9 …'
 * ```
 */
export function summaryLine(s: Summary): string {
  const parts = FIELDS.map(([k, name]) => {
    const v = s[k];
    if (!Number.isFinite(v)) throw new Error(`summary figure ${name} is not a number: ${v}`);
    return `${name}=${WHOLE.has(k) ? Math.round(v) : Math.round(v * 100) / 100}`;
  });
  return `bench: ${parts.join(' ')}`;
}

/**
 * Reads a summary line back (for scripts comparing runs); null when the line is not one.
 *
 * @example
 * ```ts
 * parseSummaryLine('bench: valuation-ratio=0.8 spend-ratio=0.7 peak-rss-mb=130 tender-ms=800')
 *   ?.valuationRatio; // 0.8
 * ```
 */
export function parseSummaryLine(line: string): Partial<Summary> | null {
  if (!line.startsWith('bench: ')) return null;
  const out: Partial<Summary> = {};
  const byName = new Map(FIELDS.map(([k, n]) => [n, k]));
  for (const part of line.slice('bench: '.length).trim().split(/\s+/)) {
    const m = /^([a-z-]+)=(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return null;
    const k = byName.get(m[1] as string);
    if (k) out[k] = Number(m[2]);
  }
  return out;
}
