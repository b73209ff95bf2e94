import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
import type { Issue } from '../issues/issues';
import { dec } from '../money/decimal';
import type { Cell, Work } from './cells';
import { flattenCriteria } from './model';
import { type Bid, type EvaluationInputJson, EvaluationInputSchema, type EvaluationModel } from './schema';
import { EXCLUDED } from './stage-price';
import {
  applySocialValueMinimums,
  type QuantitativeNode,
  scoreSocialValueCriteria,
  valueSocialValues,
} from './stage-social-value';

// The social value stage on its own: commitments valued (SV = Σ quantity × proxy, discounted),
// minimums, and quantitative social value scored as a weighted criterion.
// Sources: /work/shared/domain/valuation.md §1 (core arithmetic `SV_measure = quantity × proxy`,
// `SV_total = Σ SV_measure`), §2 (Torbay "TOMs dos and don'ts": 10 FT + 5 PT on a 2-year contract
// = 12.5 FTE × 2 = 25 FTE), §7 (Green Book 3.5 %, year 0 undiscounted);
// /work/shared/domain/procurement.md §7 (PPN 06/20 and PPN 002: social value at least 10 % of the
// total score; "relative to highest" `points = W × SV_i / SV_max` as a configurable method).

const workOf = (bid: Bid, index: number): Work => ({
  bid,
  index,
  cells: new Map<string, Cell>(),
  disqualify: [],
  flags: [],
  socialValue: null,
  svMissing: null,
});

// A constructed proxy: £1,000 per FTE year, 2025 prices (the proxy is a test value, not TOMs').
const framework: FrameworkInput = {
  id: 'demo',
  title: 'Demo measures',
  currency: 'GBP',
  themes: [{ id: 'jobs', title: 'Jobs' }],
  measures: [
    {
      code: 'J1',
      title: 'Local people employed on the contract (FTE)',
      theme: 'jobs',
      unit: 'FTE',
      proxy: {
        value: '1000',
        currency: 'GBP',
        priceYear: 2025,
        basis: 'per FTE year',
        source: { title: 'Constructed test proxy', licence: 'CC0-1.0' },
      },
    },
  ],
};
const greenBook = {
  id: 'green-book',
  name: 'HM Treasury Green Book STPR',
  bands: [{ fromYear: 1, rate: '0.035' }],
};

/** PPN 06/20's example split: price 30, quality 60, social value 10 (quantitative, out of 10). */
function input(json: Partial<EvaluationInputJson>, sv: Record<string, unknown> = {}) {
  return EvaluationInputSchema.parse({
    model: {
      id: 'T',
      title: 'Tender',
      currency: 'GBP',
      criteria: [
        { id: 'price', title: 'Price', weight: 30, type: 'price', method: 'lowest-ratio' },
        { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 4 } },
        {
          id: 'sv',
          title: 'Social value',
          weight: 10,
          type: 'social-value',
          mode: 'quantitative',
          method: 'highest-ratio',
          max: 10,
          ...sv,
        },
      ],
    },
    bids: [],
    ...json,
  });
}
const quantitativeOf = (model: EvaluationModel) =>
  flattenCriteria(model).filter(
    (n): n is QuantitativeNode => n.criterion.type === 'social-value' && n.criterion.mode === 'quantitative',
  );

function run(json: Partial<EvaluationInputJson>, sv: Record<string, unknown> = {}) {
  const i = input(json, sv);
  const works = i.bids.map((b, index) => workOf(b, index));
  const issues: Issue[] = [];
  const bidIndex = new Map(works.map((w) => [w.bid.bid, w.index]));
  const quantitative = quantitativeOf(i.model);
  valueSocialValues(works, i, bidIndex, issues);
  applySocialValueMinimums(works, quantitative, i.model);
  const compliant = works.filter((w) => w.disqualify.length === 0);
  scoreSocialValueCriteria(works, compliant, quantitative, bidIndex, issues);
  return { works, issues };
}
const cellOf = (w: Work | undefined) => w?.cells.get('sv');

// Torbay: 10 FT + 5 PT (PT = 0.5 FTE) = 12.5 FTE in each of the contract's 2 years = 25 FTE.
const torbay = (bid: string) => [
  { measure: 'J1', quantity: '12.5', year: 2025, bid },
  { measure: 'J1', quantity: '12.5', year: 2026, bid },
];

describe('valueSocialValues (social value stage: commitments valued)', () => {
  it('Torbay 25 FTE × £1,000 = £25,000 undiscounted; with the Green Book 3.5 %: 12,500 + 12,500 ÷ 1.035', () => {
    const bids = [{ bid: 'A', bidder: 'Acme', price: '100000' }];
    const flat = run({ bids, commitments: torbay('A'), framework, valuation: { discounting: null } });
    expect(flat.issues).toEqual([]);
    expect(flat.works[0]?.socialValue?.value.toFixed(2)).toBe('25000.00');
    const pv = run({ bids, commitments: torbay('A'), framework, valuation: { discounting: greenBook } });
    expect(pv.issues).toEqual([]);
    // 2025 is the base year (year 0, undiscounted); 2026 is year 1: 12,500 ÷ 1.035 = 12,077.29
    expect(pv.works[0]?.socialValue?.value.toFixed(2)).toBe('24577.29');
  });

  it('a socialValue given with the bid is used as given; no commitments at all is £0; both is an error', () => {
    const r = run({
      bids: [
        { bid: 'A', bidder: 'Acme', price: '100000', socialValue: '50000' },
        { bid: 'B', bidder: 'Brill', price: '100000' },
        { bid: 'C', bidder: 'Cato', price: '100000', socialValue: '1' },
      ],
      commitments: torbay('C'),
      framework,
      valuation: { discounting: null },
    });
    expect(r.works.map((w) => w.socialValue?.value.toString() ?? null)).toEqual(['50000', '0', null]);
    expect(r.works[0]?.socialValue?.trace.formula).toBe(
      'social value as given with the bid (valued before evaluation)',
    );
    expect(r.works[2]?.svMissing).toBe('social value given twice');
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['social_value_twice', ['bids', 2, 'socialValue']],
    ]);
    expect(cellOf(r.works[2])?.missing).toBe('Social value (social value given twice)');
  });

  it('commitments for an unknown bid, with no bid, or without a framework are located issues', () => {
    const r = run({
      bids: [{ bid: 'A', bidder: 'Acme', price: '100000' }],
      commitments: [
        { measure: 'J1', quantity: '1', year: 2025, bid: 'Z' },
        { measure: 'J1', quantity: '1', year: 2025 },
        ...torbay('A'),
      ],
      valuation: { discounting: null },
    });
    expect(r.issues.map((i) => [i.code, i.path, i.field])).toEqual([
      ['unknown_bid', ['commitments', 0], 'bid'],
      ['commitment_without_bid', ['commitments', 1], 'bid'],
      ['framework_missing', ['framework'], undefined],
    ]);
    expect(r.works[0]?.svMissing).toBe('no framework to value commitments');
  });
});

describe('applySocialValueMinimums and scoreSocialValueCriteria (social value stage: weighted criterion)', () => {
  it('highest-ratio out of 10: £50,000 and £20,000 score 10 and 4 (10 × 20,000 ÷ 50,000)', () => {
    const r = run({
      bids: [
        { bid: 'A', bidder: 'Acme', price: '900000', socialValue: '50000' },
        { bid: 'B', bidder: 'Brill', price: '800000', socialValue: '20000' },
      ],
    });
    expect(r.issues).toEqual([]);
    expect(r.works.map((w) => cellOf(w)?.raw?.toString())).toEqual(['10', '4']);
    expect(r.works.map((w) => cellOf(w)?.normalised?.toString())).toEqual(['1', '0.4']);
    expect(cellOf(r.works[1])?.trace().formula).toContain('M × SV_i ÷ SV_max');
  });

  it('percent-of-price: shares 5.56 % and 2.5 % → 10 and 4.5; against full marks at 10 %: 5.5556 and 2.5', () => {
    const bids = [
      { bid: 'A', bidder: 'Acme', price: '900000', socialValue: '50000' },
      { bid: 'B', bidder: 'Brill', price: '800000', socialValue: '20000' },
    ];
    const rel = run({ bids }, { method: 'percent-of-price' });
    expect(rel.works.map((w) => cellOf(w)?.raw?.toString())).toEqual(['10', '4.5']);
    const abs = run({ bids }, { method: 'percent-of-price', fullMarksAt: '0.1' });
    expect(abs.works.map((w) => cellOf(w)?.raw?.toFixed(4))).toEqual(['5.5556', '2.5000']);
  });

  it('a minimum of £25,000: the discounted Torbay commitment (£24,577.29) is disqualified and excluded', () => {
    const r = run(
      {
        bids: [
          { bid: 'A', bidder: 'Acme', price: '100000' },
          { bid: 'B', bidder: 'Brill', price: '100000', socialValue: '30000' },
        ],
        commitments: torbay('A'),
        framework,
        valuation: { discounting: greenBook },
      },
      { minimum: '25000' },
    );
    expect(r.works[0]?.disqualify).toEqual([
      'offered social value of £24,577.29 on "Social value", below the minimum of £25,000.00',
    ]);
    expect(cellOf(r.works[0])?.trace().formula).toBe(`not scored: ${EXCLUDED}`);
    expect(cellOf(r.works[0])?.raw).toBeNull();
    // B, the only compliant bid, is the highest: full marks
    expect(cellOf(r.works[1])?.raw?.toString()).toBe('10');
  });

  it('a cap counts at most £30,000 per bid: £50,000 and £30,000 both score 10', () => {
    const r = run(
      {
        bids: [
          { bid: 'A', bidder: 'Acme', price: '900000', socialValue: '50000' },
          { bid: 'B', bidder: 'Brill', price: '800000', socialValue: '30000' },
          { bid: 'C', bidder: 'Cato', price: '800000', socialValue: '15000' },
        ],
      },
      { cap: '30000' },
    );
    expect(r.works.map((w) => cellOf(w)?.raw?.toString())).toEqual(['10', '10', '5']);
  });
});

describe('social value stage: properties', () => {
  const money = fc.integer({ min: 0, max: 10_000_000 }).map((n) => dec(n).div(100));
  it('highest-ratio: every score is in [0, max], the best bid scores max, and order follows value', () => {
    fc.assert(
      fc.property(fc.array(money, { minLength: 1, maxLength: 6 }), (values) => {
        const bids = values.map((v, i) => ({
          bid: `B${i}`,
          bidder: `B${i}`,
          price: '1000',
          socialValue: v.toString(),
        }));
        const r = run({ bids });
        const raws = r.works.map((w) => cellOf(w)?.raw ?? dec(-1));
        for (const s of raws) expect(s.gte(0) && s.lte(10)).toBe(true);
        const best = values.reduce((a, b) => (b.gt(a) ? b : a));
        if (best.gt(0)) expect(raws[values.indexOf(best)]?.toString()).toBe('10');
        for (let i = 0; i < values.length; i++)
          for (let j = 0; j < values.length; j++)
            if (values[i]?.gt(values[j] ?? 0)) expect(raws[i]?.gte(raws[j] ?? 0)).toBe(true);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('scores do not depend on the currency unit: every value × k (pence for pounds) scores the same', () => {
    fc.assert(
      fc.property(
        fc.array(money, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 1000 }),
        (values, k) => {
          const bidsOf = (m: number) =>
            values.map((v, i) => ({
              bid: `B${i}`,
              bidder: `B${i}`,
              price: '1000',
              socialValue: v.times(m).toString(),
            }));
          const a = run({ bids: bidsOf(1) }).works.map((w) => cellOf(w)?.exact?.toString());
          const b = run({ bids: bidsOf(k) }).works.map((w) => cellOf(w)?.exact?.toString());
          expect(b).toEqual(a);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
