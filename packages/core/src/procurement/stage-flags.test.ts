import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issues';
import type { Cell, Work } from './cells';
import { type Bid, BidSchema, type EvaluationModel, EvaluationModelSchema } from './schema';
import { flagAbnormallyLow, flagPriceLines } from './stage-flags';

// The flags stage on its own: price lines that do not add up, and abnormally low prices.
const modelOf = (extra: Record<string, unknown> = {}): EvaluationModel =>
  EvaluationModelSchema.parse({
    id: 'T',
    title: 'Tender',
    currency: 'GBP',
    criteria: [{ id: 'price', title: 'Price', weight: 100, type: 'price', method: 'lowest-ratio' }],
    ...extra,
  });
const workOf = (bid: Record<string, unknown>, index = 0): Work => ({
  bid: BidSchema.parse({ bidder: 'x', ...bid }) as Bid,
  index,
  cells: new Map<string, Cell>(),
  disqualify: [],
  flags: [],
  socialValue: null,
  svMissing: null,
});

describe('flagPriceLines (flags stage)', () => {
  it('flags lines that do not add up to the price, with a warning located on the bid', () => {
    const works = [
      workOf({
        bid: 'A',
        price: '1000',
        lines: [
          { id: 'a', amount: '600' },
          { id: 'b', amount: '300' },
        ],
        line: 4,
      }),
      workOf(
        {
          bid: 'B',
          price: '1000',
          lines: [
            { id: 'a', amount: '600.5' },
            { id: 'b', amount: '399.5' },
          ],
        },
        1,
      ),
    ];
    const issues: Issue[] = [];
    flagPriceLines(works, modelOf(), issues);
    expect(works[0]?.flags.map((f) => f.code)).toEqual(['price-lines-mismatch']);
    expect(works[0]?.flags[0]?.message).toContain('add up to £900.00, not the price £1,000.00');
    expect(works[1]?.flags).toEqual([]);
    expect(issues.map((i) => [i.code, i.severity, i.path, i.line])).toEqual([
      ['price_lines_mismatch', 'warning', ['bids', 0, 'lines'], 4],
    ]);
  });

  it('shows the amounts in full when pennies would hide the difference', () => {
    const works = [workOf({ bid: 'A', price: '100', lines: [{ id: 'a', amount: '100.001' }] })];
    flagPriceLines(works, modelOf(), []);
    expect(works[0]?.flags[0]?.message).toContain('add up to 100.001 GBP, not the price 100 GBP');
  });
});

describe('flagAbnormallyLow (flags stage)', () => {
  it('flags a price below the share of the mean, never disqualifies', () => {
    // mean = (50 + 100 + 150) / 3 = 100; threshold 0.8 × 100 = 80
    const works = ['50', '100', '150'].map((p, i) => workOf({ bid: `B${i}`, price: p }, i));
    flagAbnormallyLow(works, modelOf({ abnormallyLow: { share: '0.8' } }));
    expect(works.map((w) => w.flags.map((f) => f.code))).toEqual([['abnormally-low'], [], []]);
    expect(works[0]?.flags[0]?.message).toContain('below 80% of the mean compliant price (£100.00)');
    expect(works.every((w) => w.disqualify.length === 0)).toBe(true);
  });

  it('against the median, an outlier does not move the threshold', () => {
    // median of 70, 100, 110, 1000 = 105; threshold 0.7 × 105 = 73.5 → only 70 flagged
    const works = ['70', '100', '110', '1000'].map((p, i) => workOf({ bid: `B${i}`, price: p }, i));
    flagAbnormallyLow(works, modelOf({ abnormallyLow: { share: '0.7', basis: 'median' } }));
    expect(works.map((w) => w.flags.length)).toEqual([1, 0, 0, 0]);
    expect(works[0]?.flags[0]?.message).toContain('median compliant price (£105.00)');
  });

  it('a price equal to the threshold is not flagged, and a share of 1 never flags every bid (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        (prices) => {
          const works = prices.map((p, i) => workOf({ bid: `B${i}`, price: String(p) }, i));
          flagAbnormallyLow(works, modelOf({ abnormallyLow: { share: '1' } }));
          const mean = prices.reduce((a, b) => a + b, 0) / prices.length;
          expect(works.map((w) => w.flags.length > 0)).toEqual(prices.map((p) => p < mean - 1e-9));
          expect(works.some((w) => w.flags.length === 0)).toBe(true);
        },
      ),
    );
  });
});
