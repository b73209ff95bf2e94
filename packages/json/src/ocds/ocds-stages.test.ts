import { describe, expect, it } from 'vitest';
import { selectProcess, tenderCurrency } from './ocds';
import type { Ctx } from './shared';

// The first stages of the OCDS builder on their own (constructed releases).
const ctx = (): Ctx => ({ issues: [], file: 'r.json' });
const pkg = {
  releases: [
    { ocid: 'ocds-a-1', id: 'r1', date: '2025-01-01T00:00:00Z', tender: { id: 't1' } },
    { ocid: 'ocds-a-2', id: 'r2', date: '2025-02-01T00:00:00Z', tender: { id: 't2' } },
    { ocid: 'ocds-a-1', id: 'r3', date: '2025-03-01T00:00:00Z', awards: [] },
  ],
};

describe('selectProcess (stage 1)', () => {
  it('reads the first contracting process, warning that the file holds two', () => {
    const c = ctx();
    const r = selectProcess(pkg, {}, c);
    expect(r?.ocid).toBe('ocds-a-1');
    expect(r?.releases.map((x) => x.release.id)).toEqual(['r1', 'r3']);
    expect(c.issues.map((i) => [i.code, i.severity, i.file])).toEqual([
      ['several_ocids', 'warning', 'r.json'],
    ]);
  });

  it('reads the one asked for; an unknown ocid or a file that is not OCDS is null with an issue', () => {
    expect(selectProcess(pkg, { ocid: 'ocds-a-2' }, ctx())?.releases.map((x) => x.release.id)).toEqual([
      'r2',
    ]);
    const c = ctx();
    expect(selectProcess(pkg, { ocid: 'nope' }, c)).toBeNull();
    expect(c.issues[0]?.message).toBe('no release has ocid "nope"; found: ocds-a-1, ocds-a-2');
    const d = ctx();
    expect(selectProcess({ hello: 1 }, {}, d)).toBeNull();
    expect(d.issues[0]?.code).toBe('not_ocds');
  });
});

describe('tenderCurrency (stage 2)', () => {
  const bid = (currency: string | null) =>
    ({ bid: 'b1', bidder: 'A', price: '1', currency, lots: [], excluded: null }) as never;

  it('takes the tender’s, else a bid’s; assumes GBP (warning) when none is ISO 4217', () => {
    expect(tenderCurrency({ value: { currency: 'EUR' } }, ['tender'], [], undefined, {}, ctx())).toBe('EUR');
    expect(tenderCurrency({}, ['tender'], [bid('USD')], undefined, {}, ctx())).toBe('USD');
    const c = ctx();
    expect(tenderCurrency({ value: { currency: 'pounds' } }, ['tender'], [], undefined, {}, c)).toBe('GBP');
    expect(c.issues.map((i) => [i.code, i.path])).toEqual([['currency_assumed', ['tender', 'value']]]);
  });

  it('a bid priced in another currency is an error', () => {
    const c = ctx();
    tenderCurrency({ value: { currency: 'GBP' } }, ['tender'], [bid('EUR')], { path: ['bids'] }, {}, c);
    expect(c.issues.map((i) => [i.code, i.severity ?? 'error'])).toEqual([['bid_currency_differs', 'error']]);
  });
});
