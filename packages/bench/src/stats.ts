// The pure arithmetic of the bench: medians, the A/B schedule and ratios. Kept apart from the
// process plumbing so that it is tested, not timed.

/**
 * The median of a non-empty list (the mean of the two middle values for an even count).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * median([4, 1, 3, 2]); // 2.5
 * ```
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

/** One side of an A/B comparison. */
export type Side = 'baseline' | 'ours';

/** One run of the schedule: which round it belongs to and which side runs. */
export interface Slot {
  round: number;
  side: Side;
}

/**
 * The interleaved order of an A/B comparison: baseline, ours, baseline, ours … for `rounds`
 * rounds, so that drift in the machine (other load, CPU frequency, page cache) falls on both
 * sides alike instead of on whichever ran second.
 *
 * @example
 * ```ts
 * abSchedule(2).map((s) => s.side); // ['baseline', 'ours', 'baseline', 'ours']
 * ```
 */
export function abSchedule(rounds: number): Slot[] {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`rounds must be a whole number ≥ 1, got ${rounds}`);
  const out: Slot[] = [];
  for (let round = 0; round < rounds; round++) {
    out.push({ round, side: 'baseline' }, { round, side: 'ours' });
  }
  return out;
}

/** Times of one A/B comparison, in run order within each side. */
export interface AbTimes {
  baseline: readonly number[];
  ours: readonly number[];
}

/**
 * Per-round ratios baseline time / our time (above 1: we are faster; 0.5: half as fast) and
 * their median. Rounds pair the runs that were made next to each other.
 *
 * @example
 * ```ts
 * abRatio({ baseline: [10, 12, 11], ours: [20, 20, 22] }); // { ratios: [0.5, 0.6, 0.5], median: 0.5 }
 * ```
 */
export function abRatio(t: AbTimes): { ratios: number[]; median: number } {
  if (t.baseline.length !== t.ours.length || t.baseline.length === 0) {
    throw new Error(`an A/B comparison needs as many baseline as own runs, and at least one`);
  }
  const ratios = t.baseline.map((b, i) => round(b / (t.ours[i] as number), 3));
  return { ratios, median: round(median(ratios), 2) };
}

/**
 * Rounds to `d` decimal places (for display figures only, never money).
 *
 * @example
 * ```ts
 * round(0.12345, 2); // 0.12
 * ```
 */
export function round(x: number, d = 2): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/**
 * Growth of peak RSS from a small run to a large one, as a fraction (0.1 is 10 % more).
 *
 * @example
 * ```ts
 * rssGrowth(100, 110); // 0.1
 * ```
 */
export function rssGrowth(smallMb: number, largeMb: number): number {
  return round(largeMb / smallMb - 1, 3);
}
