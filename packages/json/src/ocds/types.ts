import type { EvaluationModelInput } from '@commonweal/core/procurement';
import type { SafeParseJsonOptions } from '../parse/safe-parse';
import type { OcdsAward, OcdsContract, OcdsContractSummary, OcdsSupplier } from './awards';

/**
 * Options of {@link ocdsSkeleton}: the lot to read (default every lot), the OCID when a package
 * holds several processes (default the first), the currency when the data gives none (default
 * the tender's, else GBP with a warning), the file name put on every issue, and the JSON limits
 * of `safeParseJson`.
 *
 * @example
 * ```ts
 * const opts: OcdsOptions = { lot: '1', file: 'release.json' };
 * ```
 */
export interface OcdsOptions extends SafeParseJsonOptions {
  lot?: string;
  ocid?: string;
  currency?: string;
}

/**
 * A bid read from OCDS `bids.details[]`: id, bidder (the tenderers' names; a consortium's
 * joined with "and"), price (`value.amount` as a decimal string, null when missing), the first
 * tenderer's identifier and address (from `parties`), the OCDS status, related lots, whether an
 * award names it, and whether it is left out of the evaluation (`withdrawn`, `disqualified`,
 * `invited`) with the reason.
 *
 * @example
 * ```ts
 * const b: OcdsBid = { bid: 'bid-1', bidder: 'Acme Care Ltd', price: '180000', currency: 'GBP',
 *   supplierId: 'GB-COH-01234567', address: null, status: 'valid', lots: ['1'], awarded: true, excluded: null };
 * ```
 */
export interface OcdsBid {
  bid: string;
  bidder: string;
  price: string | null;
  currency: string | null;
  supplierId: string | null;
  address: string | null;
  status: string | null;
  lots: string[];
  awarded: boolean;
  /** Why the bid is left out of the evaluation, or null when it is evaluated. */
  excluded: string | null;
}

/**
 * One evaluation model skeleton (one per lot; `lot` is null for a tender without lots) with
 * the lot's bids — evaluated ones in `bids`, withdrawn, disqualified or invited ones in
 * `excludedBids`. The model is JSON-shaped (decimals as strings), ready to write to a file,
 * edit and check with `validateModel`.
 *
 * @example
 * ```ts
 * const [lot] = skeleton.lots;
 * JSON.stringify(lot?.model.criteria.map((c) => [c.id, c.weight])); // [["price","60"],["quality","40"]]
 * ```
 */
export interface OcdsLotSkeleton {
  lot: string | null;
  title: string;
  model: EvaluationModelInput;
  bids: OcdsBid[];
  excludedBids: OcdsBid[];
}

/**
 * How much {@link ocdsSkeleton} imported: releases of the process read, award criteria (over
 * every lot), bids, awards, awarded suppliers and contracts.
 *
 * @example
 * ```ts
 * const s: OcdsImportSummary = { releases: 2, criteria: 0, bids: 0, awards: 1, suppliers: 12, contracts: 1 };
 * ```
 */
export interface OcdsImportSummary {
  releases: number;
  criteria: number;
  bids: number;
  awards: number;
  suppliers: number;
  contracts: number;
}

/**
 * What {@link ocdsSkeleton} read: the process's OCID, title and buyer, the package's
 * publisher and publication date, one evaluation model skeleton per lot, and the awards,
 * awarded suppliers, contracts and contract summary (value, period, award dates) with a count
 * of each.
 *
 * @example
 * ```ts
 * const r = ocdsSkeleton(text);
 * if (r.ok) [r.value.lots.map((l) => l.lot), r.value.suppliers.length, r.value.contract.value];
 * ```
 */
export interface OcdsSkeleton {
  ocid: string | null;
  title: string | null;
  buyer: { id: string | null; name: string | null } | null;
  publisher: string | null;
  publishedDate: string | null;
  lots: OcdsLotSkeleton[];
  awards: OcdsAward[];
  suppliers: OcdsSupplier[];
  contracts: OcdsContract[];
  contract: OcdsContractSummary;
  summary: OcdsImportSummary;
}
