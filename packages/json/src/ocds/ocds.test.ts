import { validateModel } from '@commonweal/core/procurement';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ocdsSkeleton } from './ocds';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const ok = (input: unknown, options = {}) => {
  const r = ocdsSkeleton(input, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};

// The award criteria extension's own example (ocds_awardCriteriaBreakdown_extension README).
const extensionExample = {
  ocid: 'ocds-213czf-000-00001',
  tender: {
    title: 'Home care services',
    value: { amount: 2400000, currency: 'GBP' },
    lots: [
      {
        id: '1',
        awardCriteria: {
          criteria: [
            {
              type: 'quality',
              name: 'Service quality',
              numbers: [{ number: 50, weight: 'percentageExact' }],
            },
            { type: 'price', name: 'Price', numbers: [{ number: 50, weight: 'percentageExact' }] },
          ],
        },
      },
    ],
  },
};

describe('ocdsSkeleton: award criteria', () => {
  it('reads the extension example: one model per lot, weights 50/50, generated ids, default scale', () => {
    const r = ok(extensionExample);
    expect(r.value.ocid).toBe('ocds-213czf-000-00001');
    expect(r.value.lots).toHaveLength(1);
    const lot = r.value.lots[0]!;
    expect(lot.lot).toBe('1');
    expect(lot.model.id).toBe('ocds-213czf-000-00001-lot-1');
    expect(lot.model.currency).toBe('GBP');
    expect(lot.model.criteria).toEqual([
      {
        id: 'service-quality',
        title: 'Service quality',
        weight: '50',
        type: 'quality',
        scale: { max: '100' },
      },
      { id: 'price', title: 'Price', weight: '50', type: 'price', method: 'lowest-ratio' },
    ]);
    expect(codes(r.issues).sort()).toEqual([
      'criterion_ids_generated',
      'price_method_assumed',
      'scale_assumed',
    ]);
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
    expect(r.issues.find((i) => i.code === 'scale_assumed')?.message).toContain('set the real scale');
    // The skeleton is a valid model as it stands (the commissioner then sets the real scale).
    expect(validateModel(lot.model).ok).toBe(true);
  });

  it('the FTS 2021 trap: weights held as text in description, type cost → price weight 60', () => {
    // ocds-h6vhtk-02911b (procurement.md §10): {"name":"price","type":"cost","description":"60"}
    const r = ok({
      ocid: 'ocds-h6vhtk-02911b',
      tender: {
        lots: [
          {
            id: '1',
            awardCriteria: {
              criteria: [
                { name: 'price', type: 'cost', description: '60' },
                { name: 'quality', type: 'quality', description: '40' },
              ],
            },
          },
        ],
      },
    });
    const m = r.value.lots[0]!.model;
    expect(m.criteria.map((c) => [c.id, c.type, c.weight])).toEqual([
      ['price', 'price', '60'],
      ['quality', 'quality', '40'],
    ]);
    expect(codes(r.issues)).toContain('cost_as_price');
    expect(codes(r.issues).filter((c) => c === 'weight_from_description')).toHaveLength(2);
    expect(codes(r.issues)).not.toContain('weights_not_100');
    // no currency anywhere → GBP assumed, with a warning
    expect(m.currency).toBe('GBP');
    expect(codes(r.issues)).toContain('currency_assumed');
  });

  it('weights that do not sum to 100 are reported, naming each weight', () => {
    const r = ok({
      ocid: 'x',
      tender: {
        lots: [
          {
            id: 'A',
            awardCriteria: {
              criteria: [
                { type: 'price', name: 'Price', numbers: [{ number: 40, weight: 'percentageExact' }] },
                { type: 'quality', name: 'Method', numbers: [{ number: 50, weight: 'percentageExact' }] },
              ],
            },
          },
        ],
      },
    });
    const i = r.issues.find((x) => x.code === 'weights_not_100');
    expect(i?.message).toContain('sum to 90');
    expect(i?.message).toContain('price 40, method 50');
    expect(i?.severity).toBeUndefined();
    expect(i?.path).toEqual(['tender', 'lots', 0, 'awardCriteria']);
  });

  it('missing ids → deterministic ids from names, unique within the lot', () => {
    const crit = [
      { type: 'quality', name: 'Social value', numbers: [{ number: 10, weight: 'percentageExact' }] },
      { type: 'quality', name: 'Social Value!', numbers: [{ number: 20, weight: 'percentageExact' }] },
      { type: 'quality', numbers: [{ number: 30, weight: 'percentageExact' }] },
      { type: 'price', numbers: [{ number: 40, weight: 'percentageExact' }] },
    ];
    const a = ok({ tender: { awardCriteria: { criteria: crit } } });
    const b = ok({ tender: { awardCriteria: { criteria: crit } } });
    expect(a.value.lots[0]!.model.criteria.map((c) => c.id)).toEqual([
      'social-value',
      'social-value-2',
      'quality',
      'price',
    ]);
    expect(b.value).toEqual(a.value);
    expect(a.issues.find((i) => i.code === 'criterion_ids_generated')?.message).toContain(
      'social-value, social-value-2, quality, price',
    );
  });

  it('decimal weights up to 1 are fractions; order is reported; fixed prices are noted', () => {
    const r = ok({
      tender: {
        lots: [
          {
            id: '1',
            awardCriteria: {
              criteria: [
                // extension README "Fixed": price fixed at 100,000, weight 0 (decimalExact)
                {
                  type: 'price',
                  name: 'Fixed price',
                  numbers: [
                    { number: 100000, fixed: 'total' },
                    { number: 0, weight: 'decimalExact' },
                  ],
                },
                {
                  type: 'quality',
                  name: 'Quality',
                  numbers: [
                    { number: 1, weight: 'decimalExact' },
                    { number: 60, threshold: 'minimumScore' },
                  ],
                },
              ],
            },
          },
          {
            id: '2',
            awardCriteria: {
              criteria: [
                { type: 'quality', name: 'Design', numbers: [{ number: 1, weight: 'order' }] },
                { type: 'price', name: 'Price', numbers: [{ number: 2, weight: 'order' }] },
              ],
            },
          },
        ],
      },
    });
    const [one, two] = r.value.lots;
    expect(one!.model.criteria.map((c) => c.weight)).toEqual(['0', '100']);
    expect((one!.model.criteria[1] as { minimum?: string }).minimum).toBe('60');
    expect(codes(r.issues)).toContain('fixed_price');
    expect(two!.model.criteria.map((c) => c.weight)).toEqual(['0', '0']);
    expect(codes(r.issues).filter((c) => c === 'weight_is_order')).toHaveLength(2);
  });

  it('core codes: priceOnly is one price criterion weighted 100; ratedCriteria without a breakdown is an issue', () => {
    const p = ok({ ocid: 'p', tender: { awardCriteria: 'priceOnly', value: { currency: 'GBP' } } });
    expect(p.value.lots[0]!.model.criteria).toEqual([
      { id: 'price', title: 'Price', weight: '100', type: 'price', method: 'lowest-ratio' },
    ]);
    expect(validateModel(p.value.lots[0]!.model).ok).toBe(true);
    const q = ok({ ocid: 'q', tender: { awardCriteria: 'ratedCriteria' } });
    expect(q.value.lots[0]!.model.criteria).toEqual([]);
    expect(q.issues.find((i) => i.code === 'no_award_criteria')?.message).toContain('"ratedCriteria"');
  });
});

describe('ocdsSkeleton: lots and bids', () => {
  const twoLots = {
    ocid: 'ocds-h6vhtk-0abc12',
    parties: [
      {
        id: 'GB-COH-01234567',
        name: 'Northside Care Co-operative',
        address: { streetAddress: '1 Mill Lane', locality: 'Exampletown', postalCode: 'EX1 1AA' },
      },
    ],
    tender: {
      title: 'Care and support',
      value: { currency: 'GBP' },
      lots: [
        {
          id: 'L1',
          title: 'Home care',
          awardCriteria: {
            criteria: [
              { type: 'price', name: 'Price', numbers: [{ number: 40, weight: 'percentageExact' }] },
              { type: 'quality', name: 'Quality', numbers: [{ number: 60, weight: 'percentageExact' }] },
            ],
          },
        },
        {
          id: 'L2',
          title: 'Extra care housing',
          awardCriteria: {
            criteria: [
              { type: 'cost', name: 'Whole-life cost', numbers: [{ number: 30, weight: 'percentageExact' }] },
              { type: 'quality', name: 'Quality', numbers: [{ number: 70, weight: 'percentageExact' }] },
            ],
          },
        },
      ],
    },
    bids: {
      details: [
        {
          id: 'b1',
          status: 'valid',
          tenderers: [{ id: 'GB-COH-01234567' }],
          value: { amount: 180000, currency: 'GBP' },
          relatedLots: ['L1'],
        },
        {
          id: 'b2',
          status: 'disqualified',
          tenderers: [{ id: 'GB-COH-2', name: 'Brightway Ltd' }],
          value: { amount: 150000, currency: 'GBP' },
          relatedLots: ['L1'],
        },
        {
          id: 'b3',
          status: 'withdrawn',
          tenderers: [{ id: 'GB-COH-3', name: 'Evergreen CIC' }],
          value: { amount: 170000 },
          relatedLots: ['L2'],
        },
        {
          id: 'b4',
          tenderers: [
            { id: 'GB-COH-4', name: 'Harbour Ltd' },
            { id: 'GB-COH-5', name: 'Quay Co' },
          ],
          value: { amount: '210000.50' },
          relatedLots: ['L2'],
        },
        { tenderers: [{ name: 'No Id Ltd' }], relatedLots: ['L1'] },
        { id: 'b6', tenderers: [{ id: 'GB-6', name: 'Lost Ltd' }], value: { amount: 1 } },
      ],
    },
    awards: [{ id: 'a1', relatedBids: ['b1'] }],
  };

  it('one model per lot, each with its bids; excluded bids are kept aside with an issue each', () => {
    const r = ok(twoLots);
    expect(r.value.lots.map((l) => [l.lot, l.model.id, l.title])).toEqual([
      ['L1', 'ocds-h6vhtk-0abc12-lot-L1', 'Care and support — Home care'],
      ['L2', 'ocds-h6vhtk-0abc12-lot-L2', 'Care and support — Extra care housing'],
    ]);
    const [l1, l2] = r.value.lots;
    expect(l1!.bids.map((b) => [b.bid, b.bidder, b.price, b.supplierId, b.address, b.awarded])).toEqual([
      [
        'b1',
        'Northside Care Co-operative',
        '180000',
        'GB-COH-01234567',
        '1 Mill Lane, Exampletown, EX1 1AA',
        true,
      ],
      ['bid-5', 'No Id Ltd', null, null, null, false],
    ]);
    expect(l1!.excludedBids.map((b) => [b.bid, b.excluded])).toEqual([
      ['b2', 'disqualified in the published data'],
    ]);
    expect(l2!.bids.map((b) => [b.bid, b.bidder, b.price])).toEqual([
      ['b4', 'Harbour Ltd and Quay Co', '210000.5'],
    ]);
    expect(l2!.excludedBids.map((b) => b.bid)).toEqual(['b3']);
    for (const c of [
      'bid_disqualified',
      'bid_withdrawn',
      'consortium',
      'bid_id_generated',
      'bid_price_missing',
      'bid_lot_unknown',
      'cost_as_price',
    ])
      expect(codes(r.issues), c).toContain(c);
    expect(r.issues.find((i) => i.code === 'bid_lot_unknown')?.message).toContain('"b6"');
  });

  it('--lot picks one lot; an unknown lot fails naming the lots', () => {
    const r = ok(twoLots, { lot: 'L2' });
    expect(r.value.lots.map((l) => l.lot)).toEqual(['L2']);
    const bad = ocdsSkeleton(twoLots, { lot: 'L9' });
    expect(bad.ok).toBe(false);
    expect(bad.issues.find((i) => i.code === 'unknown_lot')?.message).toContain('L1, L2');
  });

  it('release packages: the latest release per section (tender and bids split across releases)', () => {
    const pkg = {
      releases: [
        {
          ocid: 'o-1',
          date: '2026-01-10T00:00:00Z',
          tender: { title: 'Old title', awardCriteria: 'priceOnly' },
        },
        {
          ocid: 'o-1',
          date: '2026-03-01T00:00:00Z',
          bids: { details: [{ id: 'x', tenderers: [{ name: 'X Ltd' }], value: { amount: 5 } }] },
        },
        {
          ocid: 'o-1',
          date: '2026-02-01T00:00:00Z',
          tender: { title: 'New title', awardCriteria: 'priceOnly', value: { currency: 'GBP' } },
        },
        { ocid: 'o-2', date: '2026-02-01T00:00:00Z', tender: { title: 'Another process' } },
      ],
    };
    const r = ok(pkg);
    expect(r.value.lots[0]!.title).toBe('New title');
    expect(r.value.lots[0]!.bids.map((b) => b.bid)).toEqual(['x']);
    expect(codes(r.issues)).toContain('several_ocids');
    const other = ok(pkg, { ocid: 'o-2' });
    expect(other.value.lots[0]!.title).toBe('Another process');
    expect(ocdsSkeleton(pkg, { ocid: 'o-9' }).ok).toBe(false);
  });

  it('record packages: the compiled release', () => {
    const r = ok({ records: [{ ocid: 'rec-1', compiledRelease: { ...extensionExample, ocid: 'rec-1' } }] });
    expect(r.value.lots[0]!.model.criteria.map((c) => c.id)).toEqual(['service-quality', 'price']);
  });

  it('JSON text: issues carry the line and column of what they are about', () => {
    const text = JSON.stringify(extensionExample, null, 2);
    const r = ok(text, { file: 'release.json' });
    const scale = r.issues.find((i) => i.code === 'scale_assumed');
    expect(scale?.file).toBe('release.json');
    expect(scale?.path).toEqual(['tender', 'lots', 0, 'awardCriteria', 'criteria', 0]);
    // line 14 of the pretty-printed text is the first criterion's opening brace (counted in the printed text)
    expect(text.split('\n')[(scale?.line ?? 0) - 1]?.trim()).toBe('{');
    expect(scale?.line).toBe(14);
  });

  it('not OCDS or not JSON: a failed result with an issue, never an exception', () => {
    expect(codes(ocdsSkeleton('{"hello": 1}').issues)).toEqual(['not_ocds']);
    expect(ocdsSkeleton('{"releases": [').ok).toBe(false);
    expect(codes(ocdsSkeleton({ releases: [] }).issues)).toEqual(['no_releases']);
  });
});

describe('ocdsSkeleton: fuzz (real-world data never crashes it)', () => {
  it('arbitrary JSON values never throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = ocdsSkeleton(v);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof ocdsSkeleton(s).ok).toBe('boolean');
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
  const number = fc.record(
    {
      number: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant(null)),
      weight: fc.oneof(
        fc.constantFrom(
          'percentageExact',
          'decimalExact',
          'pointsExact',
          'order',
          'percentageRangeMiddle',
          'bogus',
        ),
        anything,
      ),
      fixed: fc.oneof(fc.constantFrom('total', 'unit'), anything),
      threshold: fc.oneof(fc.constantFrom('minimumScore', 'maximumBids'), anything),
    },
    { requiredKeys: [] },
  );
  const criterion = fc.oneof(
    fc.record(
      {
        id: anything,
        type: fc.oneof(fc.constantFrom('price', 'cost', 'quality', 'Price', 'social'), anything),
        name: fc.oneof(fc.string(), anything),
        description: fc.oneof(fc.constantFrom('60', '40%', ' 12.5 '), fc.string(), anything),
        numbers: fc.oneof(fc.array(fc.oneof(number, anything), { maxLength: 3 }), anything),
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const lot = fc.oneof(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('1', '2', '1'), anything),
        title: anything,
        awardCriteria: fc.oneof(
          fc.record(
            { criteria: fc.oneof(fc.array(criterion, { maxLength: 5 }), anything) },
            { requiredKeys: [] },
          ),
          anything,
        ),
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const bid = fc.oneof(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('b1', 'b2', 'b1'), anything),
        status: fc.oneof(
          fc.constantFrom('valid', 'disqualified', 'withdrawn', 'invited', 'pending', 'odd'),
          anything,
        ),
        tenderers: fc.oneof(
          fc.array(fc.oneof(fc.record({ id: anything, name: anything }, { requiredKeys: [] }), anything), {
            maxLength: 3,
          }),
          anything,
        ),
        value: fc.oneof(
          fc.record(
            {
              amount: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), anything),
              currency: anything,
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
        relatedLots: fc.oneof(
          fc.array(fc.oneof(fc.constantFrom('1', '2'), anything), { maxLength: 3 }),
          anything,
        ),
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const value = fc.oneof(
    fc.record(
      {
        amount: fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom('1,200.50', '£99', 'lots'),
          anything,
        ),
        currency: fc.oneof(fc.constantFrom('GBP', 'EUR', 'gbp'), anything),
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const date = fc.oneof(
    fc.constantFrom('2025-06-02T00:00:00Z', '2025-02-30', '31/12/2025', '2024-12-31T23:59:59+01:00'),
    anything,
  );
  const orgId = fc.constantFrom('GB-COH-1', 'GB-COH-2', 'GB-CFS-9', 'x');
  const party = fc.oneof(
    fc.record(
      {
        id: fc.oneof(orgId, anything),
        name: fc.oneof(fc.constantFrom('One Ltd', 'Two CIC'), anything),
        identifier: fc.oneof(fc.record({ scheme: anything, id: anything }, { requiredKeys: [] }), anything),
        address: fc.oneof(
          fc.record(
            {
              streetAddress: fc.oneof(fc.constantFrom('1 High St, Exeter, EX1 2AB', 'Nowhere'), anything),
              postalCode: fc.oneof(fc.constantFrom('EX1 2AB', 'NOPE', 'tq12ab'), anything),
              locality: anything,
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
        details: fc.oneof(
          fc.record(
            {
              scale: fc.oneof(fc.constantFrom('sme', 'micro', 'large', 'huge'), anything),
              vcse: fc.oneof(fc.boolean(), anything),
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const award = fc.oneof(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('a1', 'a2', 'a1'), anything),
        status: fc.oneof(fc.constantFrom('active', 'pending', 'cancelled', 'unsuccessful', 'odd'), anything),
        date,
        value,
        suppliers: fc.oneof(
          fc.array(
            fc.oneof(
              fc.record({ id: fc.oneof(orgId, anything), name: anything }, { requiredKeys: [] }),
              anything,
            ),
            { maxLength: 4 },
          ),
          anything,
        ),
        relatedLots: fc.oneof(
          fc.array(fc.oneof(fc.constantFrom('1', '2'), anything), { maxLength: 2 }),
          anything,
        ),
        contractPeriod: fc.oneof(
          fc.record({ startDate: date, endDate: date }, { requiredKeys: [] }),
          anything,
        ),
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const contract = fc.oneof(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('c1', 'c2'), anything),
        awardID: fc.oneof(fc.constantFrom('a1', 'a2', 'zz'), anything),
        status: fc.oneof(fc.constantFrom('active', 'cancelled', 'terminated'), anything),
        value,
        period: fc.oneof(fc.record({ startDate: date, endDate: date }, { requiredKeys: [] }), anything),
        dateSigned: date,
      },
      { requiredKeys: [] },
    ),
    anything,
  );
  const release = fc.record(
    {
      ocid: fc.oneof(fc.constantFrom('ocds-a', 'ocds-b'), anything),
      date: fc.oneof(date, anything),
      parties: fc.oneof(fc.array(party, { maxLength: 4 }), anything),
      tender: fc.oneof(
        fc.record(
          {
            title: anything,
            awardCriteria: fc.oneof(
              fc.constantFrom('priceOnly', 'qualityOnly', 'ratedCriteria'),
              fc.record({ criteria: fc.array(criterion, { maxLength: 4 }) }),
              anything,
            ),
            lots: fc.oneof(fc.array(lot, { maxLength: 4 }), anything),
            value: anything,
          },
          { requiredKeys: [] },
        ),
        anything,
      ),
      bids: fc.oneof(
        fc.record({ details: fc.oneof(fc.array(bid, { maxLength: 5 }), anything) }, { requiredKeys: [] }),
        anything,
      ),
      awards: fc.oneof(fc.array(award, { maxLength: 4 }), anything),
      contracts: fc.oneof(fc.array(contract, { maxLength: 3 }), anything),
    },
    { requiredKeys: [] },
  );

  it('OCDS-shaped but broken releases and packages (criteria, bids, awards, suppliers, contracts): never throw, ids unique, decimals and dates well formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(release, fc.record({ releases: fc.array(release, { maxLength: 3 }) })),
        (input) => {
          const clean = JSON.parse(JSON.stringify(input));
          const r = ocdsSkeleton(clean);
          if (!r.ok) return;
          for (const l of r.value.lots) {
            const ids = l.model.criteria.map((c) => c.id);
            expect(new Set(ids).size).toBe(ids.length);
            for (const c of l.model.criteria) expect(String(c.weight)).toMatch(/^-?\d+(\.\d+)?$/);
            const bids = [...l.bids, ...l.excludedBids].map((b) => b.bid);
            expect(new Set(bids).size).toBe(bids.length);
            for (const b of l.bids) expect(b.excluded).toBeNull();
          }
          // awards, suppliers and contracts: unique keys, decimal money, ISO dates, counts that agree
          const v = r.value;
          const keys = v.suppliers.map((x) => x.id ?? `name:${x.name}`);
          expect(new Set(keys).size).toBe(keys.length);
          const awardIds = v.awards.map((a) => a.id);
          expect(new Set(awardIds).size).toBe(awardIds.length);
          expect(v.summary).toMatchObject({
            awards: v.awards.length,
            suppliers: v.suppliers.length,
            contracts: v.contracts.length,
          });
          const money = /^-?\d+\.\d{2,}$/;
          const day = /^\d{4}-\d{2}-\d{2}$/;
          for (const m of [
            v.contract.value,
            ...v.awards.map((a) => a.value),
            ...v.contracts.map((c) => c.value),
          ])
            if (m !== null) expect(m).toMatch(money);
          for (const d of [
            v.contract.start,
            v.contract.end,
            ...v.contract.awardDates,
            ...v.awards.flatMap((a) => [
              a.date,
              a.contractPeriod?.start ?? null,
              a.contractPeriod?.end ?? null,
            ]),
            ...v.contracts.flatMap((c) => [c.start, c.end, c.dateSigned]),
          ])
            if (d !== null) expect(d).toMatch(day);
          for (const x of v.suppliers) {
            expect(x.awards.length).toBeGreaterThan(0);
            for (const a of x.awards) expect(awardIds).toContain(a);
          }
          // deterministic: the same input gives the same skeleton and issues
          expect(ocdsSkeleton(clean)).toEqual(r);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
