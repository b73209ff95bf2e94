import { fail, ok, type Result } from '@commonweal/core/issues';
import { readAwards } from './awards';
import { type Ctx, locate, str, toData } from './shared';
import { awardedBidIds, readBids } from './stage-bids';
import { tenderCurrency } from './stage-currency';
import { lotSkeletons } from './stage-lots';
import { assembleSkeleton, importSummary, noCriteriaNote } from './stage-model';
import { processHeader, processSections, selectProcess } from './stage-process';
import type { OcdsOptions, OcdsSkeleton } from './types';

export { tenderCurrency } from './stage-currency';
export { importedText } from './stage-model';
export { selectProcess } from './stage-process';
export type { OcdsBid, OcdsImportSummary, OcdsLotSkeleton, OcdsOptions, OcdsSkeleton } from './types';

/**
 * Reads an OCDS release, release package or record package (text or parsed JSON) into
 * evaluation model skeletons — one per lot — and the bids to evaluate.
 *
 * Criteria come from `tender.lots[].awardCriteria.criteria[]` (or the tender's own
 * `awardCriteria.criteria[]` / draft `awardCriteriaBreakdown`, or the core codes `priceOnly`,
 * `costOnly`, `qualityOnly`); weights from `numbers[].weight` (percentages as given, decimals
 * up to 1 × 100, points as percentage points, `order` reported), else from a numeric
 * `description` (the FTS 2021 trap `{"name":"price","type":"cost","description":"60"}`).
 * Types price and cost become price criteria scored `lowest-ratio` (assumed: a warning says
 * so); quality criteria get a default `{ max: 100 }` scale with a warning asking for the real
 * scale. Criteria have no OCDS ids, so ids are made from their names (deterministically, an
 * issue lists them). Weights that do not sum to 100 are reported. Bids come from
 * `bids.details[]` (tenderers, `value.amount`, `relatedLots`; names and addresses from
 * `parties`); withdrawn, disqualified and invited bids are left out with an issue each.
 *
 * Awards, awarded suppliers (joined to `parties`: identifier, postcode, SME from
 * `details.scale`, VCSE from `details.vcse`) and contracts are read too, with a contract
 * summary (value from contracts, else awards, else the tender's estimate; period; award
 * dates). Several releases of one process: the latest by `date` wins for the tender and for
 * each award, contract and party, with a warning. No award criteria is a warning
 * (`no_award_criteria`) saying what was imported, not a failure.
 *
 * Real-world data is answered with issues (each with its JSON path), never an exception. The
 * result fails only when the input is not JSON, holds no OCDS release, or names an unknown lot
 * or OCID.
 *
 * @example
 * ```ts
 * const r = ocdsSkeleton('{"ocid":"ocds-h6vhtk-02911b","tender":{"lots":[{"id":"1","awardCriteria":{"criteria":[' +
 *   '{"name":"price","type":"cost","description":"60"},{"name":"quality","type":"quality","description":"40"}]}}]}}');
 * if (r.ok) r.value.lots[0]?.model.criteria.map((c) => [c.id, c.type, c.weight]);
 * // [['price', 'price', '60'], ['quality', 'quality', '40']]
 * ```
 */
export function ocdsSkeleton(input: unknown, options: OcdsOptions = {}): Result<OcdsSkeleton> {
  const ctx: Ctx = { issues: [], file: options.file };
  const data = toData(input, options);
  if (!data.ok) return fail(data.issues);
  const result = build(data.value.data, options, ctx);
  const text = data.value.text;
  const located = text === undefined ? ctx.issues : locate(ctx.issues, text, options);
  return result ? ok(result, located) : fail(located);
}

// The conductor: each stage is a pure function of what the earlier ones returned; issues are
// added to ctx in stage order.
function build(root: unknown, options: OcdsOptions, ctx: Ctx): OcdsSkeleton | null {
  const process = selectProcess(root, options, ctx);
  if (process === null) return null;
  const { ocid, releases } = process;
  const { tenderAt, tender, tenderPath, bidsAt, awards, partiesRelease } = processSections(releases, ctx);
  const bids = readBids(partiesRelease, bidsAt, awardedBidIds(awards), ctx);
  const currency = tenderCurrency(tender, tenderPath, bids, bidsAt, options, ctx);
  const heading = {
    title: str(tender.title) ?? (ocid || 'OCDS tender'),
    baseId: ocid || str(tender.id) || 'ocds-tender',
    currency,
  };
  const lots = lotSkeletons(tender, tenderPath, bids, bidsAt, heading, options, ctx);
  if (lots === null) return null;
  const read = readAwards(releases, tenderAt, options.lot, currency, ctx);
  const summary = importSummary(releases.length, lots, read);
  noCriteriaNote(tender, tenderPath, summary, read.contract, ctx);
  return assembleSkeleton(ocid, tender, processHeader(root, releases), lots, read, summary);
}
