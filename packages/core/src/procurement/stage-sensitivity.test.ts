import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issues';
import { Rational } from '../money/rational';
import { type Cell, scoredCell, type Work } from './cells';
import { flattenCriteria } from './model';
import { type Bid, BidSchema, EvaluationModelSchema } from './schema';
import { rankBids } from './stage-ranking';
import { sensitivityOf } from './stage-sensitivity';
import { bidEvaluation, type ExactFigures, weighBid, weighingPlan } from './stage-totals';
import type { BidEvaluation } from './types';

// The sensitivity stage on its own, fed by the totals and ranking stages (price 40 / quality 60).
const trace = { formula: 'given', inputs: {}, result: 'given' };
const cell = (n: Rational): Cell => scoredCell(n.toDecimal(), n.toDecimal(), n, trace);
const plan = weighingPlan(
  flattenCriteria(
    EvaluationModelSchema.parse({
      id: 'T',
      title: 'T',
      currency: 'GBP',
      criteria: [
        { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
        { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } },
      ],
    }),
  ),
);
function run(bids: [string, Rational, Rational][]) {
  const exact = new Map<string, ExactFigures>();
  const evaluations: BidEvaluation[] = bids.map(([id, p, q]) => {
    const w: Work = {
      bid: BidSchema.parse({ bid: id, bidder: id, price: '1' }) as Bid,
      index: 0,
      cells: new Map([
        ['price', cell(p)],
        ['quality', cell(q)],
      ]),
      disqualify: [],
      flags: [],
      socialValue: null,
      svMissing: null,
    };
    const r = weighBid(w, plan);
    exact.set(id, r.exact);
    return bidEvaluation(w, r.criteria, r.exact, plan);
  });
  const issues: Issue[] = [];
  const ranked = rankBids(evaluations, exact, [], issues);
  return { ranked, sensitivity: sensitivityOf(ranked, exact, plan) };
}
const r = (s: string) => Rational.of(s);
/** A bid's total with price weight w (quality 100 − w). */
const totalAt = (w: Rational, p: Rational, q: Rational) =>
  p.times(w).plus(q.times(Rational.of(100).minus(w)));

describe('sensitivityOf (sensitivity stage)', () => {
  it('two bids, two criteria: the closed form w* = (qB − qA) / ((pA − pB) + (qB − qA)) (procurement.md §11)', () => {
    // A p 1, q 0.6; B p 0.8, q 0.9 → w* = 0.3 / (0.2 + 0.3) = 0.6: price at 60 % flips B to A
    const { ranked, sensitivity } = run([
      ['A', r('1'), r('0.6')],
      ['B', r('0.8'), r('0.9')],
    ]);
    expect(ranked.winner).toBe('B');
    expect(sensitivity.map((s) => [s.criterion, s.flipsAt?.toString(), s.newWinner, s.direction])).toEqual([
      ['price', '60', 'A', 'increase'],
      ['quality', '40', 'A', 'decrease'],
    ]);
  });

  it('a bid ahead on every criterion never loses: no flip point', () => {
    const { sensitivity } = run([
      ['A', r('1'), r('1')],
      ['B', r('0.5'), r('0.5')],
    ]);
    expect(sensitivity.map((s) => [s.flipsAt, s.newWinner, s.direction])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('a tie for first gives one row per criterion saying why there is no sensitivity', () => {
    const { sensitivity } = run([
      ['A', r('1'), r('0.5')],
      ['B', r('0.25'), r('1')],
    ]);
    expect(sensitivity.map((s) => [s.criterion, s.weight.toString(), s.flipsAt, s.note])).toEqual([
      ['price', '40', null, 'no single winner: A, B tie for first'],
      ['quality', '60', null, 'no single winner: A, B tie for first'],
    ]);
  });

  it('no ranked bid: every row says so', () => {
    const { sensitivity } = run([]);
    expect(sensitivity.map((s) => s.note)).toEqual(['no bid is ranked', 'no bid is ranked']);
  });

  it('closed form = recomputation: at flipsAt the new winner meets the winner; short of it the winner leads (property)', () => {
    const score = fc.integer({ min: 0, max: 20 }).map((n) => Rational.of(n).div(20));
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score), { minLength: 2, maxLength: 6 }), (pairs) => {
        const bids = pairs.map(([p, q], i): [string, Rational, Rational] => [`B${i}`, p, q]);
        const { ranked, sensitivity } = run(bids);
        if (!ranked.winner) return;
        const by = new Map(bids.map(([id, p, q]) => [id, { p, q }]));
        const win = by.get(ranked.winner) as { p: Rational; q: Rational };
        const s = sensitivity[0] as (typeof sensitivity)[number];
        // recomputed at quarter steps from 40 to the flip (or to both ends when there is none)
        const end = s.flipsAt ? Rational.of(s.flipsAt) : Rational.of(s.direction === 'decrease' ? 0 : 100);
        const ends = s.flipsAt ? [end] : [Rational.of(0), Rational.of(100)];
        for (const e of ends) {
          for (let k = 0; k < 4; k++) {
            const w = Rational.of(40).plus(e.minus(40).times(k).div(4));
            for (const [id, { p, q }] of by)
              if (id !== ranked.winner)
                expect(totalAt(w, win.p, win.q).compare(totalAt(w, p, q))).toBeGreaterThanOrEqual(0);
          }
        }
        if (s.flipsAt && s.newWinner) {
          const other = by.get(s.newWinner) as { p: Rational; q: Rational };
          const at = Rational.of(s.flipsAt);
          // flipsAt is a decimal (200/3 is not): equal to the limits of decimal precision
          const gap = totalAt(at, win.p, win.q)
            .minus(totalAt(at, other.p, other.q))
            .abs();
          expect(gap.compare(Rational.ratio(1n, 10n ** 20n))).toBe(-1);
          // just beyond it, the new winner leads
          const beyond = at.plus(Rational.ratio(s.direction === 'increase' ? 1n : -1n, 1000n));
          expect(totalAt(beyond, other.p, other.q).compare(totalAt(beyond, win.p, win.q))).toBe(1);
        }
      }),
    );
  });
});
