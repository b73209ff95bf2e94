import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { Rational } from '../money/rational';
import { type Cell, scoredCell, unscored, type Work } from './cells';
import { flattenCriteria } from './model';
import { type Bid, BidSchema, EvaluationModelSchema } from './schema';
import { bidEvaluation, weighBid, weighingPlan } from './stage-totals';

// The totals stage on its own: cells weighted down the criteria tree, and each bid's status and total.
const trace = { formula: 'given', inputs: {}, result: 'given' };
const cell = (n: Rational): Cell => scoredCell(n.toDecimal(), n.toDecimal(), n, trace);
const workOf = (bid: string, cells: Record<string, Cell>): Work => ({
  bid: BidSchema.parse({ bid, bidder: bid, price: '1' }) as Bid,
  index: 0,
  cells: new Map(Object.entries(cells)),
  disqualify: [],
  flags: [],
  socialValue: null,
  svMissing: null,
});
// MEAT 40 price / 60 quality (the evaluate worked example): A price 1, quality 6/10; B price 0.8, quality 9/10.
const meat = flattenCriteria(
  EvaluationModelSchema.parse({
    id: 'T',
    title: 'T',
    currency: 'GBP',
    criteria: [
      { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
      { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } },
    ],
  }),
);
// A group: quality 60 = method 50 % + staff 50 %; a pass/fail gate carries no weight.
const tree = flattenCriteria(
  EvaluationModelSchema.parse({
    id: 'T',
    title: 'T',
    currency: 'GBP',
    criteria: [
      { id: 'gate', title: 'Insurance', type: 'pass-fail' },
      { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
      {
        id: 'quality',
        title: 'Quality',
        weight: 60,
        type: 'group',
        criteria: [
          { id: 'method', title: 'Method', weight: 50, type: 'quality', scale: { max: 10 } },
          { id: 'staff', title: 'Staff', weight: 50, type: 'quality', scale: { max: 10 } },
        ],
      },
    ],
  }),
);
const pass = (): Cell => ({ ...unscored('x', null), gate: 'pass', missing: null });

describe('weighBid and bidEvaluation (totals stage)', () => {
  it('MEAT weighted totals, the evaluate worked example: A 40 + 36 = 76, B 32 + 54 = 86', () => {
    const plan = weighingPlan(meat);
    const a = workOf('A', { price: cell(Rational.of(1)), quality: cell(Rational.of('0.6')) });
    const b = workOf('B', { price: cell(Rational.of('0.8')), quality: cell(Rational.of('0.9')) });
    const ra = weighBid(a, plan);
    const rb = weighBid(b, plan);
    expect(ra.criteria.map((c) => c.weighted?.toString())).toEqual(['40', '36']);
    expect(rb.criteria.map((c) => c.weighted?.toString())).toEqual(['32', '54']);
    expect(bidEvaluation(a, ra.criteria, ra.exact, plan).total?.toString()).toBe('76');
    const eb = bidEvaluation(b, rb.criteria, rb.exact, plan);
    expect([eb.status, eb.total?.toString()]).toEqual(['ranked', '86']);
  });

  it('a group scores Σ normalised × weight of its criteria, weighted by the product of weights down the tree', () => {
    const plan = weighingPlan(tree);
    // method 7/10, staff 9/10: group raw = 0.7 × 50 + 0.9 × 50 = 80 → normalised 0.8 → weighted 48
    const w = workOf('A', {
      gate: pass(),
      price: cell(Rational.of('0.5')),
      method: cell(Rational.of('0.7')),
      staff: cell(Rational.of('0.9')),
    });
    const r = weighBid(w, plan);
    const by = new Map(r.criteria.map((c) => [c.criterion, c]));
    expect(by.get('quality')?.raw?.toString()).toBe('80');
    expect(by.get('quality')?.weighted?.toString()).toBe('48');
    expect(by.get('method')?.effectiveWeight.toString()).toBe('30');
    expect(by.get('method')?.weighted?.toString()).toBe('21');
    expect(by.get('gate')?.weighted).toBeNull();
    expect(r.exact.total?.toString()).toBe('68');
  });

  it('keeps thirds exact: three criteria of 1/3 each at 1/3 normalised total exactly 100/3 once', () => {
    const thirds = flattenCriteria(
      EvaluationModelSchema.parse({
        id: 'T',
        title: 'T',
        currency: 'GBP',
        criteria: ['a', 'b', 'c'].map((id, i) => ({
          id,
          title: id,
          weight: i < 2 ? '33.3' : '33.4',
          type: 'quality',
          scale: { max: 3 },
        })),
      }),
    );
    const third = Rational.of(1).div(3);
    const r = weighBid(workOf('A', { a: cell(third), b: cell(third), c: cell(third) }), weighingPlan(thirds));
    expect(r.exact.total?.eq(Rational.of(100).div(3))).toBe(true);
  });

  it('an unscored cell makes the bid incomplete (flagged with what is missing), never scored 0', () => {
    const plan = weighingPlan(meat);
    const w = workOf('A', {
      price: cell(Rational.of(1)),
      quality: unscored('no scores', 'Quality (no scores)'),
    });
    const r = weighBid(w, plan);
    const e = bidEvaluation(w, r.criteria, r.exact, plan);
    expect([e.status, e.total, r.exact.total]).toEqual(['incomplete', null, null]);
    expect(e.flags.map((f) => f.message)).toEqual([
      'not ranked: Quality (no scores). Resolve the issues and evaluate again',
    ]);
  });

  it('a disqualified bid has no total, whatever its scores', () => {
    const plan = weighingPlan(meat);
    const w = workOf('A', { price: cell(Rational.of(1)), quality: cell(Rational.of(1)) });
    w.disqualify.push('failed "Insurance": none');
    const r = weighBid(w, plan);
    const e = bidEvaluation(w, r.criteria, r.exact, plan);
    expect([e.status, e.total, e.disqualified, e.reasons]).toEqual([
      'disqualified',
      null,
      true,
      ['failed "Insurance": none'],
    ]);
  });

  it('total = Σ normalised × weight, in 0–100 (property)', () => {
    const plan = weighingPlan(meat);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (p, q) => {
        const np = Rational.of(p).div(1000);
        const nq = Rational.of(q).div(1000);
        const w = workOf('A', { price: cell(np), quality: cell(nq) });
        const r = weighBid(w, plan);
        const total = r.exact.total as Rational;
        expect(total.eq(np.times(40).plus(nq.times(60)))).toBe(true);
        expect(total.compare(0) >= 0 && total.compare(100) <= 0).toBe(true);
        expect(bidEvaluation(w, r.criteria, r.exact, plan).total?.eq(total.toDecimal())).toBe(true);
        expect(dec(100).gte(total.toDecimal())).toBe(true);
      }),
    );
  });
});
