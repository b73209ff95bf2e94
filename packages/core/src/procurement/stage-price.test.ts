import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issues';
import type { Cell, Work } from './cells';
import { flattenCriteria } from './model';
import { type Bid, BidSchema, type EvaluationModel, EvaluationModelSchema } from './schema';
import { EXCLUDED, scorePriceCriteria } from './stage-price';

// The price stage on its own: price criteria scored over the compliant bids.
const modelOf = (criterion: Record<string, unknown>): EvaluationModel =>
  EvaluationModelSchema.parse({
    id: 'T',
    title: 'Tender',
    currency: 'GBP',
    criteria: [{ id: 'price', title: 'Price', weight: 100, type: 'price', ...criterion }],
  });
const workOf = (bid: Record<string, unknown>, index: number): Work => ({
  bid: BidSchema.parse(bid) as Bid,
  index,
  cells: new Map<string, Cell>(),
  disqualify: [],
  flags: [],
  socialValue: null,
  svMissing: null,
});
function run(model: EvaluationModel, works: Work[]) {
  const issues: Issue[] = [];
  const compliant = works.filter((w) => w.disqualify.length === 0);
  const bidIndex = new Map(works.map((w) => [w.bid.bid, w.index]));
  scorePriceCriteria(works, compliant, flattenCriteria(model), model, bidIndex, issues);
  return issues;
}
const ccs = () => [
  workOf({ bid: 'A', bidder: 'A Ltd', price: '15000' }, 0),
  workOf({ bid: 'B', bidder: 'B Ltd', price: '10000' }, 1),
  workOf({ bid: 'C', bidder: 'C Ltd', price: '30000' }, 2),
];
const norm = (w: Work) => w.cells.get('price')?.normalised?.toFixed(3);
const raw = (w: Work, dp: number) => w.cells.get('price')?.raw?.toFixed(dp);

describe('scorePriceCriteria (price stage)', () => {
  it('P1 lowest-ratio, CCS DOS worked example: A 0.667, B 1, C 0.333 (procurement.md §2)', () => {
    const works = ccs();
    expect(run(modelOf({ method: 'lowest-ratio' }), works)).toEqual([]);
    expect(works.map(norm)).toEqual(['0.667', '1.000', '0.333']);
  });

  it('P1 with 40 marks, impactbids example: 40, 38.0952, 37.0370', () => {
    const works = [
      workOf({ bid: 'A', bidder: 'A', price: '100' }, 0),
      workOf({ bid: 'B', bidder: 'B', price: '105' }, 1),
      workOf({ bid: 'C', bidder: 'C', price: '108' }, 2),
    ];
    run(modelOf({ method: 'lowest-ratio', max: 40 }), works);
    expect(works.map((w) => raw(w, 4))).toEqual(['40.0000', '38.0952', '37.0370']);
  });

  it('P2 linear deviation on the CCS prices: A 50, B 100, C clamped at 0', () => {
    const works = ccs();
    run(modelOf({ method: 'linear-deviation' }), works);
    expect(works.map((w) => raw(w, 2))).toEqual(['50.00', '100.00', '0.00']);
  });

  it('P3 spread on the CCS prices: A 75, B 100, C 0', () => {
    const works = ccs();
    run(modelOf({ method: 'spread' }), works);
    expect(works.map((w) => raw(w, 2))).toEqual(['75.00', '100.00', '0.00']);
  });

  it('a disqualified bid is excluded from the price set, so Pmin is taken over the compliant bids', () => {
    const works = ccs();
    (works[1] as Work).disqualify.push('failed "Insurance"');
    run(modelOf({ method: 'lowest-ratio' }), works);
    expect(works[1]?.cells.get('price')?.normalised).toBeNull();
    expect(works[1]?.cells.get('price')?.trace().formula).toBe(`not scored: ${EXCLUDED}`);
    // A is now the lowest compliant price: 1; C = 15000 / 30000 = 0.5
    expect([norm(works[0] as Work), norm(works[2] as Work)]).toEqual(['1.000', '0.500']);
  });

  it('a bid without the priced line the criterion names is unscored, with a located issue', () => {
    const works = [
      workOf({ bid: 'A', bidder: 'A', price: '100', lines: [{ id: 'y1', amount: '60' }], line: 2 }, 0),
      workOf({ bid: 'B', bidder: 'B', price: '90', line: 3 }, 1),
    ];
    const issues = run(modelOf({ method: 'lowest-ratio', line: 'y1' }), works);
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['price_line_missing', ['bids', 1, 'lines'], 3],
    ]);
    expect(works[1]?.cells.get('price')?.missing).toBe('Price (no price line "y1")');
    expect(norm(works[0] as Work)).toBe('1.000');
  });

  it('lowest-ratio: the lowest compliant price scores 1 and every score is in (0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        (prices) => {
          const works = prices.map((p, i) => workOf({ bid: `B${i}`, bidder: 'x', price: String(p) }, i));
          run(modelOf({ method: 'lowest-ratio' }), works);
          const min = Math.min(...prices);
          for (const [i, w] of works.entries()) {
            const n = w.cells.get('price')?.normalised;
            expect(n?.gt(0) && n.lte(1)).toBe(true);
            expect(n?.eq(1)).toBe(prices[i] === min);
          }
        },
      ),
    );
  });
});
