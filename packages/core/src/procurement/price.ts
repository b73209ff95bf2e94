import { type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, dec } from '../money/decimal';
import { Rational, sumRational } from '../money/rational';
import { explain, type Trace } from '../trace/trace';
import type { PriceMethod } from './schema';

const HUNDRED = dec(100);
const R0 = Rational.of(0);
const R50 = Rational.of(50);
const R100 = Rational.of(100);

/**
 * How prices are scored: the method, the marks available (`max`, default 100) and, for
 * `budget`, the reference price (full marks) and ceiling (zero marks).
 *
 * @example
 * ```ts
 * const rule: PriceRule = { method: 'lowest-ratio', max: dec(40) };
 * ```
 */
export interface PriceRule {
  method: PriceMethod;
  max?: Decimal;
  reference?: Decimal;
  ceiling?: Decimal;
}

/**
 * A bid's price to score.
 *
 * @example
 * ```ts
 * const p: PricedBid = { bid: 'A', price: dec('15000') };
 * ```
 */
export interface PricedBid {
  bid: string;
  price: Decimal;
}

/**
 * A bid's price score: raw marks (0…max), normalised (raw ÷ max) and the trace of the raw score.
 *
 * @example
 * ```ts
 * score.raw.toFixed(3); // '0.667'
 * ```
 */
export interface PriceScore {
  bid: string;
  price: Decimal;
  raw: Decimal;
  normalised: Decimal;
  /** The normalised score as an exact fraction (`normalised` is it rounded once, to 40 digits). */
  exact: Rational;
  trace: Trace;
}

/**
 * The set a relative price formula was computed over: the compliant, scorable prices, with the
 * lowest, highest and mean (null when the set is empty) and the bids at the extremes.
 *
 * @example
 * ```ts
 * basis.lowest?.toString(); // '10000'
 * ```
 */
export interface PriceBasis {
  count: number;
  lowest: Decimal | null;
  highest: Decimal | null;
  mean: Decimal | null;
  lowestBids: string[];
  highestBids: string[];
}

/** Methods that divide by a price (or by a mean of prices), so need prices above 0. */
const NEEDS_POSITIVE: ReadonlySet<PriceMethod> = new Set([
  'lowest-ratio',
  'linear-deviation',
  'mean-deviation',
]);

/** The basis with its mean as an exact fraction (for the mean-deviation method). */
type ExactBasis = PriceBasis & { exactMean: Rational | null };

function basisOf(bids: readonly PricedBid[]): ExactBasis {
  if (bids.length === 0)
    return {
      count: 0,
      lowest: null,
      highest: null,
      mean: null,
      exactMean: null,
      lowestBids: [],
      highestBids: [],
    };
  let lowest = (bids[0] as PricedBid).price;
  let highest = lowest;
  for (const b of bids) {
    if (b.price.lt(lowest)) lowest = b.price;
    if (b.price.gt(highest)) highest = b.price;
  }
  const ids = (v: Decimal) =>
    bids
      .filter((b) => b.price.eq(v))
      .map((b) => b.bid)
      .sort(codepointCompare);
  const exactMean = sumRational(bids.map((b) => Rational.of(b.price))).div(bids.length);
  return {
    count: bids.length,
    lowest,
    highest,
    mean: exactMean.toDecimal(),
    exactMean,
    lowestBids: ids(lowest),
    highestBids: ids(highest),
  };
}

/**
 * Compares strings by code point (not locale): the stable order for ids.
 *
 * @example
 * ```ts
 * ['b', 'B', 'a'].sort(codepointCompare); // ['B', 'a', 'b']
 * ```
 */
export function codepointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An exact raw score, with its trace (the figures in the trace are rounded once, to 40 digits). */
interface ExactScore {
  exact: Rational;
  raw: Decimal;
  trace: Trace;
}

function clampR(v: Rational, lo: Rational, hi: Rational): Rational {
  return v.compare(lo) < 0 ? lo : v.compare(hi) > 0 ? hi : v;
}

function exactScore(
  exact: Rational,
  formula: string,
  inputs: Record<string, Decimal>,
  notes: string[],
): ExactScore {
  const raw = exact.toDecimal();
  return { exact, raw, trace: explain(raw, formula, inputs, notes).trace };
}

/**
 * Scores one bid's price under a rule against a basis (see {@link scorePrices}), in exact
 * fractions. The basis must be non-empty and, for ratio methods, positive.
 */
function scoreOne(rule: PriceRule, m: Decimal, b: PricedBid, basis: ExactBasis): ExactScore {
  const M = Rational.of(m);
  const P = Rational.of(b.price);
  const lowest = basis.lowest as Decimal;
  const highest = basis.highest as Decimal;
  const min = Rational.of(lowest);
  const pMinNote = `Pmin: lowest compliant price (${basis.lowestBids.join(', ')}) of ${basis.count}`;
  switch (rule.method) {
    case 'lowest-ratio':
      return exactScore(M.times(min).div(P), 'raw = M × Pmin ÷ Pi', { M: m, Pmin: lowest, Pi: b.price }, [
        pMinNote,
      ]);
    case 'linear-deviation': {
      // M × (1 − (Pi − Pmin) ÷ Pmin) = M × (2 Pmin − Pi) ÷ Pmin
      const formula = M.times(min.times(2).minus(P)).div(min);
      const raw = clampR(formula, R0, M);
      const notes = [pMinNote];
      if (!raw.eq(formula))
        notes.push(
          `the formula gives ${formula.toDecimal().toString()} (price more than twice the lowest); clamped to 0`,
        );
      return exactScore(
        raw,
        'raw = M × (1 − (Pi − Pmin) ÷ Pmin), clamped at 0',
        { M: m, Pmin: lowest, Pi: b.price },
        notes,
      );
    }
    case 'spread': {
      const notes = [pMinNote, `Pmax: highest compliant price (${basis.highestBids.join(', ')})`];
      if (highest.eq(lowest)) {
        return exactScore(
          M,
          'raw = M (all compliant prices are equal, so Pmax − Pmin = 0: full marks)',
          { M: m, Pmin: lowest, Pmax: highest, Pi: b.price },
          notes,
        );
      }
      const max = Rational.of(highest);
      return exactScore(
        M.times(max.minus(P)).div(max.minus(min)),
        'raw = M × (Pmax − Pi) ÷ (Pmax − Pmin)',
        { M: m, Pmin: lowest, Pmax: highest, Pi: b.price },
        notes,
      );
    }
    case 'budget': {
      const ref = rule.reference as Decimal;
      const ceil = rule.ceiling as Decimal;
      const c = Rational.of(ceil);
      const formula = M.times(c.minus(P)).div(c.minus(ref));
      const raw = clampR(formula, R0, M);
      const notes = [
        'reference and ceiling were fixed before bids opened, so the score does not depend on other bids',
      ];
      if (!raw.eq(formula)) notes.push(`the formula gives ${formula.toDecimal().toString()}; clamped to 0…M`);
      return exactScore(
        raw,
        'raw = M × (ceiling − Pi) ÷ (ceiling − reference), clamped to 0…M',
        { M: m, ceiling: ceil, reference: ref, Pi: b.price },
        notes,
      );
    }
    case 'mean-deviation': {
      const mean = basis.exactMean as Rational;
      const points = R50.minus(R100.times(P.minus(mean)).div(mean));
      const clamped = clampR(points, R0, R100);
      const notes = [`mean of ${basis.count} compliant price(s)`];
      if (!clamped.eq(points))
        notes.push(`the formula gives ${points.toDecimal().toString()} points; clamped to 0…100`);
      if (basis.count === 1) notes.push('a single compliant bid sits at the mean, so scores 50 points');
      return exactScore(
        M.times(clamped).div(R100),
        'points = 50 − 100 × (Pi − mean) ÷ mean, clamped to 0…100; raw = M × points ÷ 100',
        { M: m, mean: mean.toDecimal(), Pi: b.price },
        notes,
      );
    }
  }
}

/**
 * Scores compliant bids' prices with one method (procurement.md §1). Relative methods take Pmin,
 * Pmax and the mean over the bids given, so pass compliant bids only.
 *
 * - `lowest-ratio`: `M × Pmin ÷ Pi`.
 * - `linear-deviation`: `M × (1 − (Pi − Pmin) ÷ Pmin)`, clamped at 0.
 * - `spread`: `M × (Pmax − Pi) ÷ (Pmax − Pmin)`; all prices equal (or one bid) → full marks.
 * - `budget`: `M × (ceiling − Pi) ÷ (ceiling − reference)`, clamped to 0…M.
 * - `mean-deviation`: `50 − 100 × (Pi − mean) ÷ mean` points, clamped to 0…100, × M ÷ 100.
 *
 * Zero and negative prices break the ratio methods (`lowest-ratio`, `linear-deviation`,
 * `mean-deviation`): such a bid gets a `price_not_positive` issue and no score, and is left out
 * of Pmin and the mean (it never divides by zero). `spread` and `budget` accept any price.
 *
 * @example
 * ```ts
 * // CCS Digital Outcomes and Specialists example (procurement.md §2), M = 1
 * const r = scorePrices({ method: 'lowest-ratio', max: dec(1) }, [
 *   { bid: 'A', price: dec(15000) }, { bid: 'B', price: dec(10000) }, { bid: 'C', price: dec(30000) },
 * ]);
 * r.ok && r.value.scores.map((s) => s.raw.toFixed(3)); // ['0.667', '1.000', '0.333']
 * ```
 */
export function scorePrices(
  rule: PriceRule,
  bids: readonly PricedBid[],
): Result<{ scores: PriceScore[]; basis: PriceBasis }> {
  const issues: Issue[] = [];
  const m = rule.max ?? HUNDRED;
  let usable = [...bids];
  if (NEEDS_POSITIVE.has(rule.method)) {
    usable = [];
    for (const b of bids) {
      if (b.price.gt(0)) usable.push(b);
      else {
        issues.push(
          issue(
            'price_not_positive',
            `bid "${b.bid}" has price ${b.price.toString()}: method "${rule.method}" divides by prices, so a zero or negative price cannot be scored. Ask the supplier to explain the price (it may be abnormally low), or use method "spread" or "budget", which accept it`,
            { field: 'price' },
          ),
        );
      }
    }
  }
  if (rule.method === 'budget' && (!rule.reference || !rule.ceiling?.gt(rule.reference))) {
    return {
      ok: false,
      issues: [
        issue(
          'budget_incomplete',
          'method "budget" needs a reference price below the ceiling, fixed before bids open',
        ),
      ],
    };
  }
  const exactBasis = basisOf(usable);
  const { exactMean: _, ...basis } = exactBasis;
  const scores = usable.map((b) => {
    const { exact, raw, trace } = scoreOne(rule, m, b, exactBasis);
    const normalised = exact.div(m);
    return { bid: b.bid, price: b.price, raw, normalised: normalised.toDecimal(), exact: normalised, trace };
  });
  return ok({ scores, basis }, issues);
}
