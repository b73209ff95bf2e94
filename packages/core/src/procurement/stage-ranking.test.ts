import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issues';
import { Rational } from '../money/rational';
import { type Cell, scoredCell, type Work } from './cells';
import { flattenCriteria } from './model';
import { type Bid, BidSchema, EvaluationModelSchema } from './schema';
import { rankBids } from './stage-ranking';
import { bidEvaluation, type ExactFigures, weighBid, weighingPlan } from './stage-totals';
import type { BidEvaluation } from './types';

// The ranking stage on its own, fed by the totals stage (price 40 / quality 60).
const trace = { formula: 'given', inputs: {}, result: 'given' };
const cell = (n: Rational): Cell => scoredCell(n.toDecimal(), n.toDecimal(), n, trace);
const criteriaOf = (pw: number | string, qw: number | string) =>
  flattenCriteria(
    EvaluationModelSchema.parse({
      id: 'T',
      title: 'T',
      currency: 'GBP',
      criteria: [
        { id: 'price', title: 'Price', weight: pw, type: 'price', method: 'lowest-ratio' },
        { id: 'quality', title: 'Quality', weight: qw, type: 'quality', scale: { max: 10 } },
      ],
    }),
  );
function rank(
  bids: [string, Rational, Rational][],
  tieBreak: number[] = [],
  weights: [number | string, number | string] = [40, 60],
) {
  const plan = weighingPlan(criteriaOf(...weights));
  const exact = new Map<string, ExactFigures>();
  const evaluations: BidEvaluation[] = bids.map(([id, p, q]) => {
    const w: Work = {
      bid: BidSchema.parse({ bid: id, bidder: `${id} Ltd`, price: '1' }) as Bid,
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
  return { ...rankBids(evaluations, exact, tieBreak, issues), issues };
}
const r = (s: string) => Rational.of(s);

describe('rankBids (ranking stage)', () => {
  it('orders by total: the evaluate worked example, B 86 before A 76', () => {
    const out = rank([
      ['A', r('1'), r('0.6')],
      ['B', r('0.8'), r('0.9')],
    ]);
    expect(out.ranking.map((x) => [x.bid, x.rank, x.total.toString()])).toEqual([
      ['B', 1, '86'],
      ['A', 2, '76'],
    ]);
    expect(out.winner).toBe('B');
    expect(out.issues).toEqual([]);
  });

  it('a tie at full precision shares the rank (competition ranking), leaves no winner and warns', () => {
    // A: 40 × 1 + 60 × 0.5 = 70; B: 40 × 0.25 + 60 × 1 = 70; C: 40 × 0.5 + 60 × 0.5 = 50
    const out = rank([
      ['C', r('0.5'), r('0.5')],
      ['B', r('0.25'), r('1')],
      ['A', r('1'), r('0.5')],
    ]);
    expect(out.ranking.map((x) => [x.bid, x.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
    expect(out.winner).toBeNull();
    expect(out.first.map((x) => x.bid)).toEqual(['A', 'B']);
    expect(out.issues.map((i) => [i.code, i.severity])).toEqual([['tie_for_first', 'warning']]);
  });

  it('a tie that shows only after rounding is not a tie: 1/3 apart at the 15th place still ranks', () => {
    const third = Rational.of(1).div(3);
    const out = rank([
      ['A', third, third],
      ['B', third.plus(Rational.ratio(1n, 10n ** 20n)), third],
    ]);
    expect(out.ranking.map((x) => [x.bid, x.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
  });

  it('the tie-break criterion (quality) separates equal totals', () => {
    const out = rank(
      [
        ['A', r('1'), r('0.5')],
        ['B', r('0.25'), r('1')],
      ],
      [1],
    );
    expect(out.ranking.map((x) => [x.bid, x.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
    expect(out.winner).toBe('B');
  });

  const bidsArb = fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[A-Z][0-9]?$/),
      p: fc.integer({ min: 0, max: 20 }),
      q: fc.integer({ min: 0, max: 20 }),
    }),
    { selector: (b) => b.id, minLength: 1, maxLength: 8 },
  );
  const asBids = (list: { id: string; p: number; q: number }[]): [string, Rational, Rational][] =>
    list.map((b) => [b.id, Rational.of(b.p).div(20), Rational.of(b.q).div(20)]);

  it('is a permutation of the ranked bids, ordered by total, ranks competition-style, whatever the input order (property)', () => {
    fc.assert(
      fc.property(bidsArb, fc.boolean(), (list, reverse) => {
        const out = rank(asBids(reverse ? [...list].reverse() : list));
        const again = rank(asBids(list));
        expect(out.ranking).toEqual(again.ranking);
        expect(out.ranking.map((x) => x.bid).sort()).toEqual(list.map((b) => b.id).sort());
        out.ranking.forEach((x, i) => {
          const prev = out.ranking[i - 1];
          if (!prev) {
            expect(x.rank).toBe(1);
            return;
          }
          expect(prev.total.gte(x.total)).toBe(true);
          expect(x.rank).toBe(prev.total.eq(x.total) ? prev.rank : i + 1);
        });
      }),
    );
  });

  it('scaling every weight by the same factor keeps the ranking (property)', () => {
    fc.assert(
      fc.property(bidsArb, fc.integer({ min: 1, max: 9 }), (list, k) => {
        // 40/60 against 4k/6k (k ≤ 9 keeps the weights ≤ 100; the totals scale, the order does not)
        const base = rank(asBids(list));
        const scaled = rank(asBids(list), [], [4 * k, 6 * k]);
        expect(scaled.ranking.map((x) => [x.bid, x.rank])).toEqual(base.ranking.map((x) => [x.bid, x.rank]));
        expect(scaled.winner).toBe(base.winner);
      }),
    );
  });
});
