import { type Decimal, ZERO } from '../money/decimal';
import { Rational } from '../money/rational';
import { round, SCORE_ROUNDING } from '../money/round';
import { explain, type Trace } from '../trace/trace';
import { codepointCompare } from './price';

const R0 = Rational.of(0);
const R100 = Rational.of(100);

/**
 * A ranked bid for weight sensitivity: its normalised score (0–1) on each top-level criterion,
 * as a decimal or an exact fraction.
 *
 * @example
 * ```ts
 * const b: SensitivityBid = { bid: 'A', scores: { price: dec('0.8'), quality: dec('0.6') } };
 * ```
 */
export interface SensitivityBid {
  bid: string;
  scores: Record<string, Decimal | Rational>;
}

/**
 * The weight of one top-level criterion at which the winner would change, when the other
 * top-level weights are rescaled in proportion (`w_j × (100 − w) ÷ (100 − w_k)`).
 * `flipsAt` is the weight (a percentage) where another bid's total meets the winner's — beyond
 * it (`direction`) `newWinner` leads; both are null when no weight from 0 to 100 changes the
 * winner. `note` says why in words.
 *
 * @example
 * ```ts
 * s.flipsAt?.toFixed(2); // '57.14'
 * s.newWinner; // 'B'
 * ```
 */
export interface WeightSensitivity {
  criterion: string;
  weight: Decimal;
  flipsAt: Decimal | null;
  newWinner: string | null;
  direction: 'increase' | 'decrease' | null;
  note: string;
  trace: Trace | null;
}

interface Line {
  bid: string;
  /** Total at weight 0 of criterion k: 100 × R. */
  intercept: Rational;
  /** Change in total per point of weight: a_k − R. */
  slope: Rational;
}

/**
 * Weight sensitivity of the winner (procurement.md §11). For each top-level criterion k with
 * weight `w_k`, every bid's total is linear in k's weight `w` when the others are rescaled in
 * proportion: `T_i(w) = w × a_ik + (100 − w) × R_i`, with `R_i = (T_i − w_k × a_ik) ÷ (100 − w_k)`.
 * The flip point against bid j is where the lines meet; the nearest one in [0, 100] (either
 * direction) is reported. Each bid's total `T_i` is computed once, so the whole check takes
 * criteria × bids steps. Scores may be given as exact fractions ({@link Rational}, as
 * `evaluate` does) or decimals; every comparison is exact, and `flipsAt` is rounded once at the
 * end. Relative price formulas also move with the bid set: see `bidSetSensitivity` for that
 * separate check.
 *
 * @example
 * ```ts
 * // Two bids, price 40 / quality 60: A (p 1, q 0.5), B (p 0.6, q 0.9) → A 70, B 78: B wins.
 * const [price] = weightSensitivity({
 *   criteria: [{ id: 'price', weight: dec(40) }, { id: 'quality', weight: dec(60) }],
 *   bids: [{ bid: 'A', scores: { price: dec(1), quality: dec('0.5') } },
 *          { bid: 'B', scores: { price: dec('0.6'), quality: dec('0.9') } }],
 *   winner: 'B',
 * });
 * price?.flipsAt?.toString(); // '50': w* = (q_B − q_A) ÷ ((p_A − p_B) + (q_B − q_A)) = 0.4 ÷ 0.8
 * price?.newWinner; // 'A'
 * ```
 */
export function weightSensitivity(input: {
  criteria: readonly { id: string; weight: Decimal }[];
  bids: readonly SensitivityBid[];
  winner: string;
}): WeightSensitivity[] {
  const { criteria, bids, winner } = input;
  const weights = criteria.map((c) => Rational.of(c.weight));
  // Scores and totals once per bid, aligned with the criteria.
  const rows = bids.map((b) => {
    const a = criteria.map((c) => Rational.of(b.scores[c.id] ?? ZERO));
    let total = R0;
    for (let k = 0; k < a.length; k++) total = total.plus((weights[k] as Rational).times(a[k] as Rational));
    return { bid: b.bid, a, total };
  });
  const w = rows.find((b) => b.bid === winner);
  return criteria.map((k, ki): WeightSensitivity => {
    const none = (note: string): WeightSensitivity => ({
      criterion: k.id,
      weight: k.weight,
      flipsAt: null,
      newWinner: null,
      direction: null,
      note,
      trace: null,
    });
    if (!w) return none(`the winner "${winner}" is not among the ranked bids`);
    if (bids.length < 2) return none('only one ranked bid: no weight changes the winner');
    const wk = weights[ki] as Rational;
    const rest = R100.minus(wk);
    if (rest.sign() <= 0)
      return none('the other top-level criteria carry no weight, so they cannot be rescaled in proportion');
    const line = (b: (typeof rows)[number]): Line => {
      const a = b.a[ki] as Rational;
      const r = b.total.minus(wk.times(a)).div(rest);
      return { bid: b.bid, intercept: R100.times(r), slope: a.minus(r) };
    };
    const lw = line(w);
    let best: { at: Rational; line: Line; direction: 'increase' | 'decrease' } | null = null;
    for (const b of rows) {
      if (b.bid === winner) continue;
      const lj = line(b);
      // D(w) = T_W(w) − T_j(w) = c + s × w
      const c = lw.intercept.minus(lj.intercept);
      const s = lw.slope.minus(lj.slope);
      if (s.sign() === 0) continue;
      const at = c.neg().div(s);
      // j leads (D < 0) below the crossing when s > 0, above it when s < 0; it must lead somewhere inside 0…100.
      const direction = s.sign() > 0 ? 'decrease' : 'increase';
      if (
        direction === 'decrease'
          ? !(at.sign() > 0 && at.compare(R100) <= 0)
          : !(at.sign() >= 0 && at.compare(R100) < 0)
      )
        continue;
      if (!best) {
        best = { at, line: lj, direction };
        continue;
      }
      const d = at.minus(wk).abs();
      const bd = best.at.minus(wk).abs();
      const cmp = d.compare(bd);
      if (cmp < 0) best = { at, line: lj, direction };
      else if (cmp === 0) {
        const atCmp = at.compare(best.at);
        if (atCmp < 0) best = { at, line: lj, direction };
        else if (atCmp === 0) {
          // Several bids meet the winner at the same weight: the new leader rises fastest beyond it.
          const steeper =
            direction === 'increase' ? lj.slope.compare(best.line.slope) : best.line.slope.compare(lj.slope);
          if (steeper > 0 || (steeper === 0 && codepointCompare(lj.bid, best.line.bid) < 0))
            best = { at, line: lj, direction };
        }
      }
    }
    if (!best) return none(`no weight of "${k.id}" from 0 to 100 changes the winner`);
    const flipsAt = best.at.toDecimal();
    const { trace } = explain(
      flipsAt,
      'flipsAt = w where T_winner(w) = T_j(w), with T_i(w) = w × a_ik + (100 − w) × R_i and R_i = (T_i − w_k × a_ik) ÷ (100 − w_k)',
      {
        'w_k (current weight)': k.weight,
        'winner slope (a_Wk − R_W)': lw.slope.toDecimal(),
        'winner total at w = 0 (100 × R_W)': lw.intercept.toDecimal(),
        [`${best.line.bid} slope (a_jk − R_j)`]: best.line.slope.toDecimal(),
        [`${best.line.bid} total at w = 0 (100 × R_j)`]: best.line.intercept.toDecimal(),
      },
      ['computed with exact fractions; the figures shown are rounded once, to 40 significant digits'],
    );
    return {
      criterion: k.id,
      weight: k.weight,
      flipsAt,
      newWinner: best.line.bid,
      direction: best.direction,
      note: `if the weight of "${k.id}" ${best.direction === 'increase' ? 'rises above' : 'falls below'} ${round(flipsAt, SCORE_ROUNDING)} % (now ${k.weight.toString()} %), with the other top-level weights rescaled in proportion, "${best.line.bid}" overtakes "${winner}" (totals are equal at that weight)`,
      trace,
    };
  });
}
