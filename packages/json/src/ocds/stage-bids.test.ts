import { describe, expect, it } from 'vitest';
import type { Ctx } from './shared';
import { awardedBidIds, readBids } from './stage-bids';

// The bids stage on its own: bids.details[] of a release (constructed after the OCDS bid
// extension, github.com/open-contracting-extensions/ocds_bid_extension, read 2026-12-06).
const ctx = (): Ctx => ({ issues: [], file: 'r.json' });
const release = {
  parties: [
    {
      id: 'GB-COH-01234567',
      name: 'Northside Care Co-operative',
      address: { streetAddress: '1 Mill Lane', locality: 'Exampletown', postalCode: 'EX1 1AA' },
    },
  ],
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
        value: { amount: 150000 },
      },
      {
        id: 'b4',
        tenderers: [
          { id: 'GB-COH-4', name: 'Harbour Ltd' },
          { id: 'GB-COH-5', name: 'Quay Co' },
        ],
        value: { amount: '210000.50' },
      },
      { tenderers: [{ name: 'No Id Ltd' }] },
    ],
  },
};

describe('readBids (bids stage)', () => {
  it('one row per bid: names and addresses from parties, consortia joined, excluded bids marked', () => {
    const c = ctx();
    const bids = readBids(release, { value: release.bids, path: ['bids'] }, new Set(['b1']), c);
    expect(
      bids.map((b) => [b.bid, b.bidder, b.price, b.currency, b.supplierId, b.address, b.awarded, b.excluded]),
    ).toEqual([
      [
        'b1',
        'Northside Care Co-operative',
        '180000',
        'GBP',
        'GB-COH-01234567',
        '1 Mill Lane, Exampletown, EX1 1AA',
        true,
        null,
      ],
      ['b2', 'Brightway Ltd', '150000', null, 'GB-COH-2', null, false, 'disqualified in the published data'],
      ['b4', 'Harbour Ltd and Quay Co', '210000.5', null, 'GB-COH-4', null, false, null],
      ['bid-4', 'No Id Ltd', null, null, null, null, false, null],
    ]);
    expect(c.issues.map((i) => [i.code, i.path])).toEqual([
      ['bid_disqualified', ['bids', 'details', 1, 'status']],
      ['consortium', ['bids', 'details', 2, 'tenderers']],
      ['bid_id_generated', ['bids', 'details', 3, 'id']],
      ['tenderer_id_missing', ['bids', 'details', 3, 'tenderers', 0]],
      ['bid_price_missing', ['bids', 'details', 3, 'value']],
    ]);
  });

  it('no bids section is no bids; details that are not a list are an error', () => {
    expect(readBids({}, undefined, new Set(), ctx())).toEqual([]);
    const c = ctx();
    expect(readBids({}, { value: { details: 'x' }, path: ['bids'] }, new Set(), c)).toEqual([]);
    expect(c.issues.map((i) => i.code)).toEqual(['bids_not_list']);
  });
});

describe('awardedBidIds (bids stage)', () => {
  it('relatedBids and relatedBid of every award', () => {
    expect([...awardedBidIds([{ relatedBids: ['b1', 'b2'] }, { relatedBid: 'b3' }, 'x'])]).toEqual([
      'b1',
      'b2',
      'b3',
    ]);
    expect(awardedBidIds(undefined).size).toBe(0);
  });
});
