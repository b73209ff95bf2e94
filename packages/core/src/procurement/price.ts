import { type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, dec, sum, ZERO } from '../money/decimal';
import { type Explained, explain, type Trace } from '../trace/trace';
import type { PriceMethod } from './schema';

const HUNDRED = dec(100);
const FIFTY = dec(50);

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

function clamp(v: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return v.lt(lo) ? lo : v.gt(hi) ? hi : v;
}

function basisOf(bids: readonly PricedBid[]): PriceBasis {
  if (bids.length === 0)
    return { count: 0, lowest: null, highest: null, mean: null, lowestBids: [], highestBids: [] };
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
  return {
    count: bids.length,
    lowest,
    highest,
    mean: sum(bids.map((b) => b.price)).dividedBy(bids.length),
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

/**
 * Scores one bid's price under a rule against a basis (see {@link scorePrices}).
 * The basis must be non-empty and, for ratio methods, positive.
 */
function scoreOne(rule: PriceRule, m: Decimal, b: PricedBid, basis: PriceBasis): Explained {
  const lowest = basis.lowest as Decimal;
  const highest = basis.highest as Decimal;
  const mean = basis.mean as Decimal;
  const pMinNote = `Pmin: lowest compliant price (${basis.lowestBids.join(', ')}) of ${basis.count}`;
  switch (rule.method) {
    case 'lowest-ratio': {
      const raw = m.times(lowest).dividedBy(b.price);
      return explain(raw, 'raw = M × Pmin ÷ Pi', { M: m, Pmin: lowest, Pi: b.price }, [pMinNote]);
    }
    case 'linear-deviation': {
      const formula = m.times(dec(1).minus(b.price.minus(lowest).dividedBy(lowest)));
      const raw = clamp(formula, ZERO, m);
      const notes = [pMinNote];
      if (!raw.eq(formula))
        notes.push(
          `the formula gives ${formula.toString()} (price more than twice the lowest); clamped to 0`,
        );
      return explain(
        raw,
        'raw = M × (1 − (Pi − Pmin) ÷ Pmin), clamped at 0',
        { M: m, Pmin: lowest, Pi: b.price },
        notes,
      );
    }
    case 'spread': {
      const notes = [pMinNote, `Pmax: highest compliant price (${basis.highestBids.join(', ')})`];
      if (highest.eq(lowest)) {
        return explain(
          m,
          'raw = M (all compliant prices are equal, so Pmax − Pmin = 0: full marks)',
          { M: m, Pmin: lowest, Pmax: highest, Pi: b.price },
          notes,
        );
      }
      const raw = m.times(highest.minus(b.price)).dividedBy(highest.minus(lowest));
      return explain(
        raw,
        'raw = M × (Pmax − Pi) ÷ (Pmax − Pmin)',
        { M: m, Pmin: lowest, Pmax: highest, Pi: b.price },
        notes,
      );
    }
    case 'budget': {
      const ref = rule.reference as Decimal;
      const ceil = rule.ceiling as Decimal;
      const formula = m.times(ceil.minus(b.price)).dividedBy(ceil.minus(ref));
      const raw = clamp(formula, ZERO, m);
      const notes = [
        'reference and ceiling were fixed before bids opened, so the score does not depend on other bids',
      ];
      if (!raw.eq(formula)) notes.push(`the formula gives ${formula.toString()}; clamped to 0…M`);
      return explain(
        raw,
        'raw = M × (ceiling − Pi) ÷ (ceiling − reference), clamped to 0…M',
        { M: m, ceiling: ceil, reference: ref, Pi: b.price },
        notes,
      );
    }
    case 'mean-deviation': {
      const points = FIFTY.minus(HUNDRED.times(b.price.minus(mean)).dividedBy(mean));
      const clamped = clamp(points, ZERO, HUNDRED);
      const raw = m.times(clamped).dividedBy(HUNDRED);
      const notes = [`mean of ${basis.count} compliant price(s)`];
      if (!clamped.eq(points)) notes.push(`the formula gives ${points.toString()} points; clamped to 0…100`);
      if (basis.count === 1) notes.push('a single compliant bid sits at the mean, so scores 50 points');
      return explain(
        raw,
        'points = 50 − 100 × (Pi − mean) ÷ mean, clamped to 0…100; raw = M × points ÷ 100',
        { M: m, mean, Pi: b.price },
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
  const basis = basisOf(usable);
  const scores = usable.map((b) => {
    const { value: raw, trace } = scoreOne(rule, m, b, basis);
    return { bid: b.bid, price: b.price, raw, normalised: raw.dividedBy(m), trace };
  });
  return ok({ scores, basis }, issues);
}
