import type { IssueCode } from '@commonweal/core/issues';
import { add, arr, type Ctx, decimalText, Ids, type Obj, obj, type Path, str } from './shared';
import type { OcdsBid } from './types';

// Stage of the OCDS builder: bids.details[] (tenderers joined to parties) → bids rows.

function partyDetails(release: Obj): Map<string, { name?: string; address?: string }> {
  const m = new Map<string, { name?: string; address?: string }>();
  for (const p of arr(release.parties)) {
    const o = obj(p);
    const id = o ? str(o.id) : undefined;
    if (!o || id === undefined) continue;
    const a = obj(o.address);
    const address = a
      ? [a.streetAddress, a.locality, a.region, a.postalCode, a.countryName]
          .map(str)
          .filter((x): x is string => x !== undefined)
          .join(', ')
      : '';
    const d: { name?: string; address?: string } = {};
    const name = str(o.name);
    if (name !== undefined) d.name = name;
    if (address) d.address = address;
    m.set(id, d);
  }
  return m;
}

const EXCLUDED: Record<string, string> = {
  withdrawn: 'withdrawn by the bidder',
  disqualified: 'disqualified in the published data',
  invited: 'invited to bid (no bid submitted)',
};
const STATUSES = new Set(['invited', 'pending', 'valid', 'disqualified', 'withdrawn']);

/**
 * Stage of the OCDS builder: `bids.details[]` → one {@link OcdsBid} per bid, in published
 * order. Bidders are the tenderers' names (from `parties` when only an id is given; a
 * consortium's joined with "and"), the address that of the first tenderer; missing ids are made
 * (`bid-N`), withdrawn, disqualified and invited bids are marked excluded with a warning each,
 * and a bid with no `value.amount` is an error. `release` is the one whose `parties` are read.
 *
 * @example
 * ```ts
 * readBids(release, { value: release.bids, path: ['bids'] }, new Set(['b1']), ctx)
 *   .map((b) => [b.bid, b.bidder, b.price, b.awarded]); // [['b1', 'Acme Care Ltd', '180000', true]]
 * ```
 */
export function readBids(
  release: Obj,
  bidsAt: { value: Obj; path: Path } | undefined,
  awardedIds: Set<string>,
  ctx: Ctx,
): OcdsBid[] {
  const bids: OcdsBid[] = [];
  if (!bidsAt) return bids;
  const parties = partyDetails(release);
  const ids = new Ids();
  const details = bidsAt.value.details;
  if (details !== undefined && !Array.isArray(details)) {
    add(ctx, 'bids_not_list', 'bids.details is not a list: no bids were read', [...bidsAt.path, 'details']);
    return bids;
  }
  arr(details).forEach((d, i) => {
    const at = [...bidsAt.path, 'details', i];
    const o = obj(d);
    if (!o) {
      add(ctx, 'bid_not_object', `bid ${i + 1} is not an object: it was skipped`, at);
      return;
    }
    let id = str(o.id);
    if (id === undefined) {
      id = ids.take(`bid-${i + 1}`);
      add(ctx, 'bid_id_generated', `bid ${i + 1} has no id: it is called "${id}"`, [...at, 'id'], 'warning');
    } else if (ids.has(id)) {
      const again = ids.take(id);
      add(
        ctx,
        'duplicate_bid',
        `bid id "${id}" is used twice: the second is called "${again}"`,
        [...at, 'id'],
        'warning',
      );
      id = again;
    } else ids.take(id);
    const tenderers = arr(o.tenderers)
      .map(obj)
      .filter((t): t is Obj => t !== undefined);
    const names = tenderers
      .map((t) => str(t.name) ?? parties.get(str(t.id) ?? '')?.name)
      .filter((n): n is string => !!n);
    let bidder = names.join(' and ');
    if (!bidder) {
      bidder = id;
      add(
        ctx,
        'bidder_missing',
        `bid "${id}" names no tenderer: the bid id is used as the bidder's name; add the name`,
        [...at, 'tenderers'],
        'warning',
      );
    } else if (names.length > 1)
      add(
        ctx,
        'consortium',
        `bid "${id}" is from ${names.length} tenderers (a consortium): "${bidder}"`,
        [...at, 'tenderers'],
        'warning',
      );
    const firstId = tenderers[0] ? str(tenderers[0].id) : undefined;
    if (tenderers.length && firstId === undefined)
      add(
        ctx,
        'tenderer_id_missing',
        `bid "${id}": the tenderer has no identifier (needed in the assessment summary): add it`,
        [...at, 'tenderers', 0],
        'warning',
      );
    const value = obj(o.value);
    const price = value ? decimalText(value.amount) : undefined;
    if (price === undefined)
      add(ctx, 'bid_price_missing', `bid "${id}" has no value.amount: fill in its price before evaluating`, [
        ...at,
        'value',
      ]);
    const status = str(o.status) ?? null;
    let excluded: string | null = null;
    if (status !== null && !STATUSES.has(status))
      add(
        ctx,
        'bid_status_unknown',
        `bid "${id}" has status "${status}", not an OCDS bid status: it is evaluated; check it`,
        [...at, 'status'],
        'warning',
      );
    if (status !== null && EXCLUDED[status]) {
      excluded = EXCLUDED[status] as string;
      add(
        ctx,
        `bid_${status}` as IssueCode,
        `bid "${id}" (${bidder}) was ${excluded}: it is left out of the evaluation (add it back, with a gate result, if it should be assessed)`,
        [...at, 'status'],
        'warning',
      );
    }
    const lots = arr(o.relatedLots)
      .map(str)
      .filter((x): x is string => x !== undefined);
    const party = firstId !== undefined ? parties.get(firstId) : undefined;
    bids.push({
      bid: id,
      bidder,
      price: price ?? null,
      currency: value ? (str(value.currency) ?? null) : null,
      supplierId: firstId ?? null,
      address: party?.address ?? null,
      status,
      lots,
      awarded: awardedIds.has(str(o.id) ?? '\u0000'),
      excluded,
    });
  });
  return bids;
}

/**
 * The ids of the bids the awards name (`relatedBids[]`, or a single `relatedBid`).
 *
 * @example
 * ```ts
 * awardedBidIds([{ id: 'a1', relatedBids: ['b1', 'b2'] }, { relatedBid: 'b3' }]); // Set {'b1', 'b2', 'b3'}
 * ```
 */
export function awardedBidIds(awards: unknown): Set<string> {
  const out = new Set<string>();
  for (const a of arr(awards)) {
    const o = obj(a);
    if (!o) continue;
    for (const b of arr(o.relatedBids)) {
      const s = str(b);
      if (s !== undefined) out.add(s);
    }
    const single = str(o.relatedBid);
    if (single !== undefined) out.add(single);
  }
  return out;
}
