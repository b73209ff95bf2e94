import type { Issue } from '../issues/issues';
import { Dec, type Decimal, dec } from '../money/decimal';
import type { Rational } from '../money/rational';
import { formatMoney, formatPercent, type RoundingPolicy, round, SCORE_ROUNDING } from '../money/round';
import type { Explained, Trace } from '../trace/trace';
import type { EvaluatorScore, ModeratedScore } from './moderation';
import type { Bid, Criterion } from './schema';
import type { BidFlag } from './types';

// The shared working shapes of the evaluation's stages (not part of the public API).

/** Where an issue points: a path into the input, with the line and field of a file row. */
export type Where = Omit<Issue, 'code' | 'message'>;

/** Locates an issue on a row of the input. */
export function at(path: (string | number)[], line: number | undefined, field?: string): Where {
  const w: Where = { path };
  if (line !== undefined) w.line = line;
  if (field !== undefined) w.field = field;
  return w;
}

// Messages are for people: money as money, shares as percentages, scores to 2 places. The
// figures at full precision stay in the traces.
const SCORE_FLOOR: RoundingPolicy = { ...SCORE_ROUNDING, name: 'score-floor-2dp', mode: Dec.ROUND_FLOOR };

/** A score for a message: 2 places half-up, trailing zeros dropped (3.00 → 3). */
export function shownScore(v: Decimal): string {
  return dec(round(v, SCORE_ROUNDING)).toString();
}

/** A share (fraction) as a percentage with as few places as it needs, at most 2 (0.85 → 85%). */
export function shownShare(fraction: Decimal): string {
  return formatPercent(fraction, Math.min(2, fraction.times(100).decimalPlaces()));
}

/**
 * A score below a limit, for a message: rounded as usual unless that would reach the limit
 * (3.996 against 4), then cut down to 2 places (3.99), so the message never contradicts itself.
 */
export function shownScoreBelow(v: Decimal, limit: Decimal): string {
  const s = shownScore(v);
  return dec(s).lt(limit) ? s : dec(round(v, SCORE_FLOOR)).toString();
}

/** Money below a limit, for a message: to the penny, cut down (not up) when rounding would reach the limit. */
export function moneyBelow(v: Decimal, limit: Decimal, currency: string): string {
  return v.toDecimalPlaces(2, Dec.ROUND_HALF_UP).lt(limit)
    ? formatMoney(v, currency)
    : formatMoney(v.toDecimalPlaces(2, Dec.ROUND_FLOOR), currency);
}

/** Two different amounts for a message: to the penny, or in full when the pennies would hide the difference. */
export function moneyPair(a: Decimal, b: Decimal, currency: string): [string, string] {
  const fa = formatMoney(a, currency);
  const fb = formatMoney(b, currency);
  return fa !== fb ? [fa, fb] : [`${a.toString()} ${currency}`, `${b.toString()} ${currency}`];
}

/**
 * A bid's result on a leaf criterion before weighting: compact numbers, and its trace as a
 * function that makes it when asked (a tender has bids × criteria cells).
 */
export interface Cell {
  raw: Decimal | null;
  normalised: Decimal | null;
  /** The normalised score as an exact fraction (ranking and totals use it). */
  exact: Rational | null;
  trace: () => Trace;
  gate: 'pass' | 'fail' | null;
  scores: EvaluatorScore[];
  moderated: ModeratedScore | null;
  /** The recorded reasons; null: made from the moderated score and the evaluators' comments. */
  reasons: string[] | null;
  /** Why the cell has no score (for the incomplete flag). */
  missing: string | null;
}

const NO_SCORES: EvaluatorScore[] = [];
const NO_REASONS: string[] = [];

/** A cell scored by price or social value (their traces are one per bid, made already). */
export function scoredCell(raw: Decimal, normalised: Decimal, exact: Rational, trace: Trace): Cell {
  return {
    raw,
    normalised,
    exact,
    trace: () => trace,
    gate: null,
    scores: NO_SCORES,
    moderated: null,
    reasons: NO_REASONS,
    missing: null,
  };
}

/** A cell with no score, saying why. */
export function unscored(reason: string, missing: string | null, extra: Partial<Cell> = {}): Cell {
  return {
    raw: null,
    normalised: null,
    exact: null,
    trace: () => ({ formula: `not scored: ${reason}`, inputs: {}, result: 'not scored' }),
    gate: null,
    scores: NO_SCORES,
    moderated: null,
    reasons: NO_REASONS,
    missing,
    ...extra,
  };
}

/** One bid as the stages work on it. */
export interface Work {
  bid: Bid;
  /** The bid's row in the input. */
  index: number;
  cells: Map<string, Cell>;
  disqualify: string[];
  flags: BidFlag[];
  socialValue: Explained | null;
  svMissing: string | null;
}

/** A criterion scored by evaluators (quality, or qualitative social value). */
export type EvaluatorScored = Extract<Criterion, { scale: unknown }>;

/** Whether evaluators score the criterion. */
export function isEvaluatorScored(c: Criterion): c is EvaluatorScored {
  return c.type === 'quality' || (c.type === 'social-value' && c.mode === 'qualitative');
}

/** Locates a price issue (from scorePrices / scoreSocialValue, which know no positions) on its bid. */
export function locate(i: Issue, bidIndex: ReadonlyMap<string, number>): Issue {
  const m = /bid "([^"]*)"/.exec(i.message);
  const idx = m ? bidIndex.get(m[1] as string) : undefined;
  return idx === undefined || i.path ? i : { ...i, path: ['bids', idx, 'price'] };
}
