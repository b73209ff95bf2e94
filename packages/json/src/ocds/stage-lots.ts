import { add, arr, type Ctx, Ids, type Obj, obj, type Path, str } from './shared';
import { buildCriteria, criteriaItems } from './stage-criteria';
import { lotModel } from './stage-model';
import type { OcdsBid, OcdsLotSkeleton, OcdsOptions } from './types';

// Stage of the OCDS builder: lot selection and one model skeleton, with its bids, per lot.

const NOTE =
  'Skeleton read from OCDS: set the price method and each quality scale (with level descriptors) from the published methodology before evaluating.';

/**
 * What every lot's skeleton shares: the tender's title, the base of the model ids (the OCID,
 * else the tender id) and the currency.
 *
 * @example
 * ```ts
 * const h: LotHeading = { title: 'Care and support', baseId: 'ocds-h6vhtk-0abc12', currency: 'GBP' };
 * ```
 */
export interface LotHeading {
  title: string;
  baseId: string;
  currency: string;
}

/**
 * Stage of the OCDS builder: one {@link OcdsLotSkeleton} per lot of `tender.lots[]` (only the
 * one asked for with `options.lot`), or one for the whole tender when it has no lots. Each lot
 * gets its own criteria (else the tender's, with a warning), the texts of its award criteria
 * and the bids naming it (all bids when there is one lot and they name none), evaluated ones
 * apart from excluded ones. Lots without ids are named `lot-N`; bids in no lot and bids for
 * several lots are reported. Null, with an issue, when the lot asked for is not in the tender.
 *
 * @example
 * ```ts
 * lotSkeletons(tender, ['tender'], bids, bidsAt, { title: 'Care', baseId: 'ocds-1', currency: 'GBP' }, {}, ctx)
 *   ?.map((l) => [l.lot, l.model.id, l.bids.length]); // [['L1', 'ocds-1-lot-L1', 2], ['L2', 'ocds-1-lot-L2', 1]]
 * ```
 */
export function lotSkeletons(
  tender: Obj,
  tenderPath: Path,
  bids: readonly OcdsBid[],
  bidsAt: { path: Path } | undefined,
  heading: LotHeading,
  options: OcdsOptions,
  ctx: Ctx,
): OcdsLotSkeleton[] | null {
  const { title, baseId, currency } = heading;
  const tenderItems = criteriaItems(tender, tenderPath);
  const details = str(tender.awardCriteriaDetails);
  const lotsRaw = arr(tender.lots);
  if (arr(tender.lotGroups).some((g) => obj(g)?.awardCriteria !== undefined))
    add(
      ctx,
      'lot_groups_ignored',
      'award criteria of lot groups are not read: evaluate each lot',
      [...tenderPath, 'lotGroups'],
      'warning',
    );
  if (lotsRaw.length === 0) {
    const criteria = buildCriteria(
      tenderItems,
      tender,
      tenderPath,
      [...tenderPath, 'awardCriteria'],
      ctx,
      'the tender',
    );
    return [
      {
        lot: null,
        title,
        model: lotModel(baseId, title, currency, criteria, [details, NOTE]),
        bids: bids.filter((b) => !b.excluded),
        excludedBids: bids.filter((b) => b.excluded),
      },
    ];
  }
  const skeletons: OcdsLotSkeleton[] = [];
  const lotIds = new Ids();
  const assigned = new Set<string>();
  lotsRaw.forEach((l, i) => {
    const at = [...tenderPath, 'lots', i];
    const lot = obj(l);
    if (!lot) {
      add(ctx, 'lot_not_object', `lot ${i + 1} is not an object: it was skipped`, at);
      return;
    }
    let id = str(lot.id);
    if (id === undefined || lotIds.has(id)) {
      const made = lotIds.take(`lot-${i + 1}`);
      add(
        ctx,
        id === undefined ? 'lot_id_generated' : 'duplicate_lot',
        `lot ${i + 1} ${id === undefined ? 'has no id' : `repeats the id "${id}"`}: it is called "${made}"`,
        [...at, 'id'],
        'warning',
      );
      id = made;
    } else lotIds.take(id);
    if (options.lot !== undefined && options.lot !== id) return;
    const lotTitle = str(lot.title);
    const where = `lot "${id}"`;
    let items = criteriaItems(lot, at);
    if (items === null && tenderItems !== null) {
      add(
        ctx,
        'criteria_from_tender',
        `${where} has no award criteria of its own: the tender's are used`,
        at,
        'warning',
      );
      items = tenderItems;
    }
    const criteria = buildCriteria(items, tender, tenderPath, [...at, 'awardCriteria'], ctx, where);
    const ac = obj(lot.awardCriteria);
    const texts = [
      ac ? str(ac.description) : undefined,
      ac ? str(ac.weightingDescription) : undefined,
      ac ? str(ac.orderJustification) : undefined,
      details,
      NOTE,
    ];
    const lotId = id;
    const lotBids = bids.filter(
      (b) => b.lots.includes(lotId) || (b.lots.length === 0 && lotsRaw.length === 1),
    );
    for (const b of lotBids) assigned.add(b.bid);
    const fullTitle = lotTitle ? `${title} — ${lotTitle}` : `${title} — lot ${id}`;
    skeletons.push({
      lot: id,
      title: fullTitle,
      model: lotModel(`${baseId}-lot-${id}`, fullTitle, currency, criteria, texts),
      bids: lotBids.filter((b) => !b.excluded),
      excludedBids: lotBids.filter((b) => b.excluded),
    });
  });
  if (options.lot !== undefined && skeletons.length === 0) {
    add(
      ctx,
      'unknown_lot',
      `the tender has no lot "${options.lot}"; its lots: ${lotIdsOf(lotsRaw).join(', ') || '(none with ids)'}`,
      [...tenderPath, 'lots'],
    );
    return null;
  }
  unplacedBids(bids, assigned, lotsRaw.length, bidsAt, options, ctx);
  return skeletons;
}

/** Bids in no lot's list are errors; bids for several lots (one price used for each) warnings. */
function unplacedBids(
  bids: readonly OcdsBid[],
  assigned: ReadonlySet<string>,
  lotCount: number,
  bidsAt: { path: Path } | undefined,
  options: OcdsOptions,
  ctx: Ctx,
): void {
  for (const b of bids) {
    if (assigned.has(b.bid)) continue;
    if (options.lot !== undefined && b.lots.length) continue;
    add(
      ctx,
      'bid_lot_unknown',
      b.lots.length
        ? `bid "${b.bid}" is for lot(s) ${b.lots.join(', ')}, which the tender does not list: it is in no lot's bids`
        : `bid "${b.bid}" names no lot (relatedLots) and the tender has ${lotCount} lots: it is in no lot's bids; add relatedLots`,
      [...(bidsAt?.path ?? ['bids']), 'details'],
    );
  }
  for (const b of bids)
    if (b.lots.length > 1 && assigned.has(b.bid))
      add(
        ctx,
        'bid_several_lots',
        `bid "${b.bid}" is for ${b.lots.length} lots: its one price is used for each; split it by lot if it covers several`,
        [...(bidsAt?.path ?? ['bids']), 'details'],
        'warning',
      );
}

function lotIdsOf(lots: unknown[]): string[] {
  return lots.map((l) => str(obj(l)?.id)).filter((x): x is string => x !== undefined);
}
