import { readFileSync } from 'node:fs';
import { hasErrors } from '@commonweal/core/issues';
import { validateModel } from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { ocdsSkeleton } from './ocds';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../examples/ocds/${name}`, import.meta.url), 'utf8');
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const ok = (input: unknown, options = {}) => {
  const r = ocdsSkeleton(input, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};

describe('ocdsSkeleton: a Contracts Finder award (examples/ocds/contracts-finder-award.json)', () => {
  const text = fixture('contracts-finder-award.json');
  const r = ok(text, { file: 'cf.json' });
  const s = r.value;

  it('imports the award, its 12 suppliers and the contract, with no error', () => {
    expect(hasErrors(r.issues)).toBe(false);
    expect(s.summary).toEqual({ releases: 2, criteria: 0, bids: 0, awards: 1, suppliers: 12, contracts: 1 });
    expect(s.ocid).toBe('ocds-b5fd17-5e1f0c3a-7b2d-4c9e-9a41-2f6d8e0b7c15');
    expect(s.publisher).toBe('Crown Commercial Service');
    expect(s.publishedDate).toBe('2025-06-20T14:05:11Z');
    expect(s.buyer).toEqual({ id: 'GB-CFS-208871', name: 'Exe Vale District Council' });
    expect(s.awards[0]).toMatchObject({
      status: 'active',
      date: '2025-06-02',
      value: '2437516.38',
      currency: 'GBP',
      contractPeriod: { start: '2025-07-01', end: '2028-06-30' },
    });
    expect(s.contracts).toEqual([
      {
        id: 'ocds-b5fd17-5e1f0c3a-7b2d-4c9e-9a41-2f6d8e0b7c15-1-contract',
        awardId: 'ocds-b5fd17-5e1f0c3a-7b2d-4c9e-9a41-2f6d8e0b7c15-1',
        status: 'active',
        value: '2437516.38',
        currency: 'GBP',
        start: '2025-07-01',
        end: '2028-06-30',
        dateSigned: '2025-06-16',
      },
    ]);
    expect(s.contract).toEqual({
      value: '2437516.38',
      currency: 'GBP',
      valueFrom: 'contracts',
      start: '2025-07-01',
      end: '2028-06-30',
      periodFrom: 'contracts',
      awardDates: ['2025-06-02'],
    });
  });

  it('says there are no award criteria and what it imported instead', () => {
    const note = r.issues.find((i) => i.code === 'no_award_criteria');
    expect(note?.severity).toBe('warning');
    expect(note?.message).toBe(
      'no award criteria: imported 1 award, 12 suppliers, 1 contract (contract value 2437516.38 GBP from contracts; 2025-07-01 to 2028-06-30); no evaluation model can be made until the criteria and weights are added from the published methodology',
    );
    expect(codes(r.issues).filter((c) => c === 'no_criteria')).toEqual([]);
  });

  it('joins suppliers to parties: identifiers, postcodes (also from streetAddress), SME from scale, VCSE', () => {
    const by = new Map(s.suppliers.map((x) => [x.name, x]));
    expect(by.get('St Thomas Building Services Ltd')).toMatchObject({
      id: 'GB-COH-07654321',
      scheme: 'GB-COH',
      identifier: '07654321',
      postcode: 'EX2 9RT', // Contracts Finder puts it at the end of streetAddress
      sme: true,
      vcse: false,
    });
    // an id with no scheme in identifier: the scheme comes from the org-id prefix
    expect(by.get('Moorland Transport Ltd')).toMatchObject({
      scheme: 'GB-CFS',
      identifier: '400123',
      postcode: null,
    });
    expect(by.get('Kenn Valley Meals on Wheels CIC')).toMatchObject({
      scale: 'micro',
      sme: true,
      vcse: true,
    });
    expect(by.get('National Facilities Group PLC')).toMatchObject({
      scale: 'large',
      sme: false,
      postcode: 'B1 1AA',
    });
    expect(by.get('Heavitree Youth Trust')).toMatchObject({
      scheme: 'GB-CHC',
      locality: 'Exeter',
      vcse: true,
    });
    expect(s.suppliers.filter((x) => x.vcse).length).toBe(5);
  });

  it('a supplier listed twice (a trading name) is one supplier, with a located warning', () => {
    const dup = r.issues.find((i) => i.code === 'duplicate_supplier');
    expect(dup?.path).toEqual(['releases', 1, 'awards', 0, 'suppliers', 10]);
    expect(dup?.line).toBeGreaterThan(1);
    expect(dup?.message).toContain(
      '"Dartside Home Support Ltd" and "Dartside Home Support Ltd (t/a Dartside Care)"',
    );
    expect(s.suppliers.filter((x) => x.id === 'GB-COH-12345678')).toHaveLength(1);
  });

  it('says that the latest release wins when several releases of one ocid hold parties', () => {
    expect(r.issues.find((i) => i.code === 'latest_release_wins')?.message).toContain(
      '2 releases of this process',
    );
  });
});

describe('ocdsSkeleton: a Find a Tender award with lots (examples/ocds/find-a-tender-award.json)', () => {
  const text = fixture('find-a-tender-award.json');

  it('gives one model per lot with the published criteria, and both lots’ awards', () => {
    const r = ok(text);
    expect(hasErrors(r.issues)).toBe(false);
    const [l1, l2] = r.value.lots;
    expect(l1?.model.criteria.map((c) => [c.id, c.type, c.weight])).toEqual([
      ['quality-of-service-delivery', 'quality', '40'],
      ['social-value', 'quality', '10'],
      ['price', 'price', '50'],
    ]);
    expect(l2?.model.criteria.map((c) => [c.id, c.weight])).toEqual([
      ['quality-of-service-delivery', '60'],
      ['price', '40'],
    ]);
    expect(validateModel(l1?.model).ok).toBe(true);
    // the UK extension's awardCriteria.description is kept in the model's description
    expect(l1?.model.description).toContain('Quality 40%, social value 10% and price 50%');
    expect(r.value.awards.map((a) => [a.id, a.lots, a.value])).toEqual([
      ['1', ['1'], '1200000.00'],
      ['2', ['2'], '345678.90'],
    ]);
    // award 2 names its supplier by id only: the name comes from parties
    expect(r.value.suppliers.map((x) => [x.id, x.name, x.postcode, x.vcse])).toEqual([
      ['GB-PPON-PQRS-5678-EFGH', 'Torbay Care Co-operative', 'TQ1 2AB', true],
      ['GB-PPON-TUVW-9012-IJKL', 'Dartside Home Support Ltd', 'TQ9 5AA', false],
    ]);
    expect(r.value.contract).toMatchObject({ value: '1545678.90', start: '2025-10-01', end: '2028-09-30' });
  });

  it('--lot 2: only lot 2’s model, award, supplier and contract', () => {
    const r = ok(text, { lot: '2' });
    expect(r.value.lots.map((l) => l.lot)).toEqual(['2']);
    expect(r.value.awards.map((a) => a.id)).toEqual(['2']);
    expect(r.value.suppliers.map((x) => x.name)).toEqual(['Dartside Home Support Ltd']);
    expect(r.value.contract).toMatchObject({ value: '345678.90', start: '2025-10-01', end: '2027-09-30' });
  });
});

const release = (over: Record<string, unknown> = {}) => ({
  ocid: 'ocds-b5fd17-x',
  date: '2025-01-01T00:00:00Z',
  parties: [
    { id: 'GB-COH-1', name: 'One Ltd', address: { postalCode: 'EX1 2AB' }, details: { scale: 'sme' } },
  ],
  ...over,
});

describe('ocdsSkeleton: awards, suppliers and contracts from imperfect releases', () => {
  it('several releases of one ocid: the latest by date wins for each award, whatever the order', () => {
    const later = release({
      date: '2025-03-01T00:00:00Z',
      awards: [
        {
          id: 'a',
          status: 'active',
          value: { amount: 200, currency: 'GBP' },
          suppliers: [{ id: 'GB-COH-1' }],
        },
      ],
    });
    const earlier = release({
      awards: [
        {
          id: 'a',
          status: 'active',
          value: { amount: 100, currency: 'GBP' },
          suppliers: [{ id: 'GB-COH-1' }],
        },
      ],
    });
    const r = ok({ releases: [later, earlier] });
    expect(r.value.awards.map((a) => a.value)).toEqual(['200.00']);
    expect(r.value.contract).toMatchObject({ value: '200.00', valueFrom: 'awards' });
    expect(r.issues.find((i) => i.code === 'latest_release_wins')?.message).toContain('2 were replaced');
  });

  it('a record package: the compiledRelease is read', () => {
    const r = ok({
      records: [
        {
          ocid: 'ocds-h6vhtk-1',
          releases: [{ url: 'https://example.org/r1.json', date: '2025-01-01' }],
          compiledRelease: release({
            ocid: 'ocds-h6vhtk-1',
            awards: [{ id: 'a', value: { amount: 10.5, currency: 'GBP' }, suppliers: [{ id: 'GB-COH-1' }] }],
          }),
        },
      ],
    });
    expect(r.value.suppliers.map((s) => [s.name, s.postcode, s.sme])).toEqual([['One Ltd', 'EX1 2AB', true]]);
    expect(r.value.contract.value).toBe('10.50');
  });

  it('values: cancelled awards are left out; several awards are summed with a warning; currencies must agree', () => {
    const r = ok(
      release({
        awards: [
          {
            id: 'a',
            status: 'active',
            value: { amount: '1,000.10', currency: 'GBP' },
            suppliers: [{ id: 'GB-COH-1' }],
          },
          {
            id: 'b',
            status: 'pending',
            value: { amount: 0.2, currency: 'GBP' },
            suppliers: [{ name: 'Two Ltd' }],
          },
          {
            id: 'c',
            status: 'cancelled',
            value: { amount: 5000, currency: 'GBP' },
            suppliers: [{ name: 'Gone Ltd' }],
          },
        ],
      }),
    );
    expect(r.value.contract).toMatchObject({ value: '1000.30', valueFrom: 'awards' });
    expect(r.value.suppliers.map((s) => s.name)).toEqual(['One Ltd', 'Two Ltd']);
    expect(codes(r.issues)).toEqual(
      expect.arrayContaining(['award_not_active', 'supplier_id_missing', 'contract_value_summed']),
    );
    const mixed = ok(
      release({
        awards: [
          { id: 'a', value: { amount: 1, currency: 'GBP' }, suppliers: [{ id: 'GB-COH-1' }] },
          { id: 'b', value: { amount: 1, currency: 'EUR' }, suppliers: [{ id: 'GB-COH-1' }] },
        ],
      }),
    );
    expect(mixed.value.contract.value).toBeNull();
    expect(codes(mixed.issues)).toContain('currencies_differ');
  });

  it('no award value: the tender estimate is used, with a warning; a malformed amount is an error', () => {
    const r = ok(
      release({
        tender: {
          value: { amount: 50000, currency: 'GBP' },
          contractPeriod: { startDate: '2025-04-01', endDate: '2026-03-31' },
        },
        awards: [{ id: 'a', suppliers: [{ id: 'GB-COH-1' }] }],
      }),
    );
    expect(r.value.contract).toMatchObject({
      value: '50000.00',
      valueFrom: 'tender',
      start: '2025-04-01',
      end: '2026-03-31',
      periodFrom: 'tender',
    });
    expect(codes(r.issues)).toEqual(expect.arrayContaining(['value_missing', 'contract_value_from_tender']));
    const bad = ok(
      release({ awards: [{ id: 'a', value: { amount: 'lots' }, suppliers: [{ id: 'GB-COH-1' }] }] }),
    );
    const issue = bad.issues.find((i) => i.code === 'value_not_a_number');
    expect(issue?.severity).toBeUndefined();
    expect(issue?.path).toEqual(['awards', 0, 'value', 'amount']);
  });

  it('malformed dates, unknown suppliers and unnamed suppliers are located warnings, never a throw', () => {
    const r = ok(
      release({
        awards: [
          {
            id: 'a',
            date: '31/02/2025',
            contractPeriod: { startDate: '2025-02-30', endDate: '2026-01-31T23:59:59Z' },
            suppliers: [{ id: 'GB-COH-9', name: 'Nine Ltd' }, { id: 'GB-COH-404' }, 'nonsense'],
          },
        ],
      }),
    );
    expect(r.issues.filter((i) => i.code === 'malformed_date').map((i) => i.path)).toEqual([
      ['awards', 0, 'date'],
      ['awards', 0, 'contractPeriod', 'startDate'],
    ]);
    expect(codes(r.issues)).toEqual(
      expect.arrayContaining(['supplier_not_in_parties', 'supplier_unnamed', 'supplier_not_object']),
    );
    expect(r.value.suppliers.map((s) => [s.name, s.scheme, s.identifier])).toEqual([
      ['Nine Ltd', 'GB-COH', '9'],
    ]);
    expect(r.value.contract).toMatchObject({ start: null, end: '2026-01-31', periodFrom: 'awards' });
  });

  it('an awards-only release (no tender) imports its awards with warnings, not a failure', () => {
    const r = ok({ ocid: 'o', awards: [{ id: 'a', suppliers: [{ name: 'Solo Ltd' }] }] });
    expect(hasErrors(r.issues)).toBe(false);
    expect(r.value.suppliers.map((s) => s.name)).toEqual(['Solo Ltd']);
    expect(codes(r.issues)).toEqual(expect.arrayContaining(['no_tender', 'no_award_criteria']));
  });
});
