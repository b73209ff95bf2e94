import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Ctx, Obj } from './shared';
import { lotSkeletons } from './stage-lots';
import type { OcdsBid } from './types';

// The lots stage on its own. Fixture: examples/ocds/find-a-tender-award.json (shape of a Find a
// Tender UK4/UK7 package; provenance in examples/ocds/README.md), plus constructed bids.
const fts = JSON.parse(
  readFileSync(new URL('../../../../examples/ocds/find-a-tender-award.json', import.meta.url), 'utf8'),
);
const tender = fts.releases[1].tender as Obj;
const tenderPath = ['releases', 1, 'tender'];
const heading = {
  title: 'Home support and extra care services',
  baseId: 'ocds-h6vhtk-04f1a2',
  currency: 'GBP',
};
const ctx = (): Ctx => ({ issues: [], file: 'find-a-tender-award.json' });
const bid = (id: string, lots: string[], excluded: string | null = null): OcdsBid => ({
  bid: id,
  bidder: `${id} Ltd`,
  price: '100',
  currency: 'GBP',
  supplierId: null,
  address: null,
  status: null,
  lots,
  awarded: false,
  excluded,
});

describe('lotSkeletons (lots stage)', () => {
  it('Find a Tender: one model per lot, ids and titles from the lots, criteria 40/10/50 and 60/40', () => {
    const c = ctx();
    const lots = lotSkeletons(
      tender,
      tenderPath,
      [],
      undefined,
      { ...heading, baseId: fts.releases[1].ocid },
      {},
      c,
    );
    expect(lots?.map((l) => [l.lot, l.model.id, l.title, l.model.criteria.map((x) => x.weight)])).toEqual([
      [
        '1',
        `${fts.releases[1].ocid}-lot-1`,
        'Home support and extra care services — Home support',
        ['40', '10', '50'],
      ],
      [
        '2',
        `${fts.releases[1].ocid}-lot-2`,
        'Home support and extra care services — Extra care housing',
        ['60', '40'],
      ],
    ]);
    expect(lots?.[1]?.model.description).toMatch(/^Quality 60% and price 40%\. Skeleton read from OCDS/);
  });

  it('bids go to the lots they name, excluded ones apart; bids in no lot and for two lots are reported', () => {
    const c = ctx();
    const bids = [
      bid('a', ['1']),
      bid('b', ['1'], 'withdrawn by the bidder'),
      bid('c', ['1', '2']),
      bid('d', ['9']),
    ];
    const lots = lotSkeletons(tender, tenderPath, bids, { path: ['releases', 1, 'bids'] }, heading, {}, c);
    expect(lots?.map((l) => [l.lot, l.bids.map((b) => b.bid), l.excludedBids.map((b) => b.bid)])).toEqual([
      ['1', ['a', 'c'], ['b']],
      ['2', ['c'], []],
    ]);
    expect(
      c.issues.filter((i) => i.code.startsWith('bid_')).map((i) => [i.code, i.severity ?? 'error']),
    ).toEqual([
      ['bid_lot_unknown', 'error'],
      ['bid_several_lots', 'warning'],
    ]);
  });

  it('one lot asked for; an unknown lot is null naming the lots; no lots is one skeleton for the tender', () => {
    expect(
      lotSkeletons(tender, tenderPath, [], undefined, heading, { lot: '2' }, ctx())?.map((l) => l.lot),
    ).toEqual(['2']);
    const c = ctx();
    expect(lotSkeletons(tender, tenderPath, [], undefined, heading, { lot: '7' }, c)).toBeNull();
    expect(c.issues.at(-1)?.message).toBe('the tender has no lot "7"; its lots: 1, 2');
    const whole = lotSkeletons(
      { awardCriteria: 'priceOnly' },
      ['tender'],
      [bid('a', [])],
      undefined,
      heading,
      {},
      ctx(),
    );
    expect(
      whole?.map((l) => [l.lot, l.model.id, l.bids.length, l.model.criteria.map((x) => x.weight)]),
    ).toEqual([[null, 'ocds-h6vhtk-04f1a2', 1, ['100']]]);
  });
});
