import { fail, type IssueCode, ok, type Result } from '@commonweal/core/issues';
import { dec, sum } from '@commonweal/core/money';
import type { CriterionInput, EvaluationModelInput } from '@commonweal/core/procurement';
import type { SafeParseJsonOptions } from '../parse/safe-parse';
import {
  type OcdsAward,
  type OcdsContract,
  type OcdsContractSummary,
  type OcdsSupplier,
  readAwards,
} from './awards';
import {
  add,
  arr,
  type Ctx,
  decimalText,
  Ids,
  type Located,
  latest,
  locate,
  type Obj,
  obj,
  type Path,
  releasesOf,
  str,
  toData,
} from './shared';

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

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? 'criterion' : s;
}

const PRICE_TYPES = new Set(['price', 'cost']);

interface CriterionOut {
  criterion: CriterionInput;
  weight: string | null;
  generatedId: boolean;
}

function weightOf(item: Obj, at: Path, ctx: Ctx, label: string): { weight: string | null; order: boolean } {
  const numbers = arr(item.numbers);
  const weighted = numbers
    .map((n, j) => ({ n: obj(n), j }))
    .filter((x): x is { n: Obj; j: number } => x.n !== undefined && typeof x.n.weight === 'string');
  for (const { n, j } of numbers.map((n, j) => ({ n: obj(n), j }))) {
    if (!n) continue;
    if (typeof n.fixed === 'string')
      add(
        ctx,
        'fixed_price',
        `${label}: the ${n.fixed === 'unit' ? 'unit price' : 'price'} is fixed at ${str(n.number) ?? '(no number)'}; bidders compete on the other criteria`,
        [...at, 'numbers', j],
        'warning',
      );
    if (n.threshold === 'maximumBids')
      add(
        ctx,
        'maximum_bids',
        `${label}: only the best ${str(n.number) ?? '(no number)'} bids go forward on this criterion; Commonweal does not model that cut: apply it before evaluating`,
        [...at, 'numbers', j],
        'warning',
      );
  }
  if (weighted.length > 1)
    add(
      ctx,
      'several_weights',
      `${label} has ${weighted.length} weights: the first is used`,
      [...at, 'numbers'],
      'warning',
    );
  const first = weighted[0];
  if (first) {
    const where = [...at, 'numbers', first.j];
    const kind = first.n.weight as string;
    const value = decimalText(first.n.number);
    if (kind === 'order') {
      add(
        ctx,
        'weight_is_order',
        `${label} is ranked ${value ?? '(no rank)'} in order of importance, not weighted: set percentage weights that respect the published order`,
        where,
      );
      return { weight: null, order: true };
    }
    if (value === undefined) {
      add(ctx, 'weight_not_a_number', `${label}: the ${kind} weight has no number: set the weight`, where);
      return { weight: null, order: false };
    }
    if (kind.endsWith('RangeMiddle'))
      add(
        ctx,
        'weight_range_middle',
        `${label}: the weight ${value} is the middle of a published range: check it against the methodology`,
        where,
        'warning',
      );
    if (kind.startsWith('decimal')) {
      const d = dec(value);
      if (d.lte(1)) return { weight: d.times(100).toFixed(), order: false };
      add(
        ctx,
        'decimal_weight_above_1',
        `${label}: the decimal weight ${value} is above 1, so it is read as a percentage: check it`,
        where,
        'warning',
      );
    }
    if (kind.startsWith('points'))
      add(
        ctx,
        'weight_in_points',
        `${label}: the weight is ${value} points, read as percentage points of 100: check the total`,
        where,
        'warning',
      );
    if (!kind.startsWith('percentage') && !kind.startsWith('decimal') && !kind.startsWith('points')) {
      add(
        ctx,
        'weight_kind_unknown',
        `${label}: weight kind "${kind}" is not an OCDS code: check the weight ${value}`,
        where,
        'warning',
      );
    }
    return { weight: value, order: false };
  }
  // FTS 2021 (ocds-h6vhtk-02911b): {"name":"price","type":"cost","description":"60"}
  const fromText = decimalText(item.description, true);
  if (fromText !== undefined) {
    add(
      ctx,
      'weight_from_description',
      `${label}: no numbers[] weight; the description "${String(item.description).trim()}" is read as a weight of ${fromText} %: check it`,
      [...at, 'description'],
      'warning',
    );
    return { weight: fromText, order: false };
  }
  add(ctx, 'weight_missing', `${label} has no weight: set its weight (a percentage)`, at);
  return { weight: null, order: false };
}

function criterionFrom(item: Obj, at: Path, ids: Ids, ctx: Ctx): CriterionOut {
  const name = str(item.name);
  const description = str(item.description);
  const numericDescription = decimalText(item.description, true) !== undefined;
  const rawType = str(item.type)?.toLowerCase();
  const ownId = typeof item.id === 'string' || typeof item.id === 'number' ? str(item.id) : undefined;
  const label = `criterion "${name ?? ownId ?? rawType ?? `#${String(at[at.length - 1])}`}"`;
  let kind: 'price' | 'quality';
  if (rawType !== undefined && PRICE_TYPES.has(rawType)) kind = 'price';
  else if (rawType === 'quality') kind = 'quality';
  else {
    kind = /\b(price|cost)\b/i.test(name ?? '') ? 'price' : 'quality';
    add(
      ctx,
      rawType === undefined ? 'criterion_type_missing' : 'criterion_type_unknown',
      `${label} has ${rawType === undefined ? 'no type' : `type "${rawType}", which is not price, cost or quality`}: read as ${kind}: check it`,
      [...at, 'type'],
      'warning',
    );
  }
  if (rawType === 'cost')
    add(
      ctx,
      'cost_as_price',
      `${label} is of type cost: scored like price, on each bid's tendered price (put whole-life costs in the price if the methodology counts them)`,
      [...at, 'type'],
      'warning',
    );
  let id: string;
  let generatedId = false;
  if (ownId !== undefined && !ids.has(ownId)) id = ids.take(ownId);
  else {
    id = ids.take(slug(name ?? (kind === 'price' ? 'price' : 'quality')));
    generatedId = true;
  }
  const title = name ?? (description && !numericDescription ? description : id);
  const { weight } = weightOf(item, at, ctx, label);
  const w = weight ?? '0';
  const desc = description && !numericDescription && description !== title ? { description } : {};
  if (kind === 'price') {
    add(
      ctx,
      'price_method_assumed',
      `${label}: OCDS does not say how price is scored; "lowest-ratio" (marks × lowest price ÷ this price, the UK default) is assumed: set the method the methodology publishes`,
      at,
      'warning',
    );
    return {
      criterion: { id, title, ...desc, weight: w, type: 'price', method: 'lowest-ratio' },
      weight,
      generatedId,
    };
  }
  const minimum = arr(item.numbers)
    .map(obj)
    .find((n) => n?.threshold === 'minimumScore');
  const min = minimum ? decimalText(minimum.number) : undefined;
  add(
    ctx,
    'scale_assumed',
    `${label}: OCDS does not publish the scoring scale; a default scale of 0 to 100 is set: set the real scale (e.g. 0–4 with level descriptors)${min !== undefined ? ` and check the minimum score ${min} on it` : ''}`,
    at,
    'warning',
  );
  const keepMin = min !== undefined && dec(min).gte(0) && dec(min).lte(100);
  const criterion: CriterionInput = {
    id,
    title,
    ...desc,
    weight: w,
    type: 'quality',
    scale: { max: '100' },
    ...(keepMin ? { minimum: min } : {}),
  };
  return { criterion, weight, generatedId };
}

/** The award criteria items of a lot or of the tender, with their paths. */
function criteriaItems(holder: Obj, at: Path): { item: unknown; path: Path }[] | null {
  const ac = obj(holder.awardCriteria);
  if (ac && Array.isArray(ac.criteria))
    return ac.criteria.map((item, i) => ({ item, path: [...at, 'awardCriteria', 'criteria', i] }));
  if (Array.isArray(holder.awardCriteriaBreakdown)) {
    const out: { item: unknown; path: Path }[] = [];
    holder.awardCriteriaBreakdown.forEach((b, i) => {
      const o = obj(b);
      if (o && Array.isArray(o.criteria))
        o.criteria.forEach((item, j) => {
          out.push({ item, path: [...at, 'awardCriteriaBreakdown', i, 'criteria', j] });
        });
      else out.push({ item: b, path: [...at, 'awardCriteriaBreakdown', i] });
    });
    return out;
  }
  return null;
}

const ONE_CRITERION: Record<string, 'price' | 'quality'> = {
  priceonly: 'price',
  costonly: 'price',
  lowestcost: 'price',
  qualityonly: 'quality',
};

function buildCriteria(
  items: { item: unknown; path: Path }[] | null,
  tender: Obj,
  tenderPath: Path,
  listPath: Path,
  ctx: Ctx,
  where: string,
): CriterionInput[] {
  const ids = new Ids();
  if (items === null) {
    const code = str(tender.awardCriteria);
    const single = code ? ONE_CRITERION[code.toLowerCase()] : undefined;
    if (single) {
      const item = {
        type: single,
        name: single === 'price' ? 'Price' : 'Quality',
        numbers: [{ number: 100, weight: 'percentageExact' }],
      };
      add(
        ctx,
        'criteria_from_code',
        `${where}: tender.awardCriteria is "${code}", read as one ${single} criterion weighted 100 %`,
        [...tenderPath, 'awardCriteria'],
        'warning',
      );
      const silent: Ctx = { issues: [], file: ctx.file };
      const out = criterionFrom(item, [...tenderPath, 'awardCriteria'], ids, silent);
      for (const i of silent.issues)
        if (i.code === 'scale_assumed' || i.code === 'price_method_assumed') ctx.issues.push(i);
      return [out.criterion];
    }
    add(
      ctx,
      'no_criteria',
      `${where}: no award criteria published (awardCriteria.criteria)${code ? `; tender.awardCriteria is "${code}"` : ''}: add the criteria and weights from the published methodology to evaluate`,
      listPath,
      'warning',
    );
    return [];
  }
  const outs: CriterionOut[] = [];
  for (const { item, path } of items) {
    const o = obj(item);
    if (!o) {
      add(ctx, 'criterion_not_object', `${where}: an award criterion is not an object: it was skipped`, path);
      continue;
    }
    outs.push(criterionFrom(o, path, ids, ctx));
  }
  if (outs.length === 0) {
    add(
      ctx,
      'no_criteria',
      `${where}: the award criteria list is empty: add the criteria and weights to evaluate`,
      listPath,
      'warning',
    );
    return [];
  }
  const generated = outs.filter((o) => o.generatedId).map((o) => o.criterion.id);
  if (generated.length)
    add(
      ctx,
      'criterion_ids_generated',
      `${where}: OCDS award criteria have no ids, so ids were made from their names: ${generated.join(', ')} (use these in the scores file, or rename them in the model)`,
      listPath,
      'warning',
    );
  const weights = outs.map((o) => o.weight);
  if (weights.every((w) => w !== null)) {
    const total = sum(weights.map((w) => dec(w as string)));
    if (!total.eq(100))
      add(
        ctx,
        'weights_not_100',
        `${where}: the weights sum to ${total.toFixed()}, not 100 (${outs.map((o) => `${o.criterion.id} ${o.weight}`).join(', ')}): adjust them so that they add up to 100`,
        listPath,
      );
  }
  if (outs.filter((o) => o.criterion.type === 'price').length > 1)
    add(
      ctx,
      'several_price_criteria',
      `${where}: more than one price or cost criterion; each scores the whole tendered price: point each at a price line ("line") or merge them`,
      listPath,
      'warning',
    );
  return outs.map((o) => o.criterion);
}

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

function readBids(
  release: Obj,
  bidsAt: { value: Obj; path: Path } | undefined,
  awardedIds: Set<string>,
  ctx: Ctx,
) {
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

function awardedBidIds(awards: unknown): Set<string> {
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

/**
 * Stage 1 of the OCDS builder: the releases of one contracting process — the `ocid` asked for,
 * else the first (with a warning when the file holds several). Null, with an issue, when the file
 * is not OCDS, holds no releases or lacks the ocid asked for.
 *
 * @example
 * ```ts
 * selectProcess(JSON.parse(text), {}, ctx)?.ocid; // 'ocds-b5fd17-1'
 * ```
 */
export function selectProcess(
  root: unknown,
  options: OcdsOptions,
  ctx: Ctx,
): { ocid: string; releases: Located[] } | null {
  const all = releasesOf(root, ctx);
  if (all === null) {
    add(
      ctx,
      'not_ocds',
      'this is not an OCDS release, release package or record package (no releases, records, ocid, tender or bids)',
      [],
    );
    return null;
  }
  if (all.length === 0) {
    add(ctx, 'no_releases', 'the package holds no releases', []);
    return null;
  }
  const ocids: string[] = [];
  for (const r of all) {
    const o = str(r.release.ocid) ?? '';
    if (!ocids.includes(o)) ocids.push(o);
  }
  let ocid = ocids[0] as string;
  if (options.ocid !== undefined) {
    if (!ocids.includes(options.ocid)) {
      add(
        ctx,
        'unknown_ocid',
        `no release has ocid "${options.ocid}"; found: ${ocids.filter(Boolean).join(', ') || '(none)'}`,
        [],
      );
      return null;
    }
    ocid = options.ocid;
  } else if (ocids.length > 1)
    add(
      ctx,
      'several_ocids',
      `the file holds ${ocids.length} contracting processes (${ocids.map((o) => o || '(no ocid)').join(', ')}): only "${ocid || '(no ocid)'}" is read; choose another with the ocid option`,
      [],
      'warning',
    );
  const releases = all.filter((r) => (str(r.release.ocid) ?? '') === ocid);
  return { ocid, releases };
}

/**
 * Stage 2 of the OCDS builder: the tender's currency — the one asked for, else the tender's,
 * a lot's or a bid's; GBP (with a warning) when none is an ISO 4217 code. A bid priced in another
 * currency is an issue.
 *
 * @example
 * ```ts
 * tenderCurrency(tender, ['tender'], bids, undefined, {}, ctx); // 'GBP'
 * ```
 */
export function tenderCurrency(
  tender: Obj,
  tenderPath: Path,
  bids: readonly OcdsBid[],
  bidsAt: { path: Path } | undefined,
  options: OcdsOptions,
  ctx: Ctx,
): string {
  const tenderValue = obj(tender.value);
  let currency = options.currency ?? (tenderValue ? str(tenderValue.currency) : undefined);
  if (currency === undefined) {
    for (const l of arr(tender.lots)) {
      const v = obj(obj(l)?.value);
      currency ??= v ? str(v.currency) : undefined;
    }
  }
  currency ??= bids.find((b) => b.currency)?.currency ?? undefined;
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    add(
      ctx,
      'currency_assumed',
      `no ISO 4217 currency in the tender or bids${currency ? ` ("${currency}" is not one)` : ''}: GBP is assumed`,
      [...tenderPath, 'value'],
      'warning',
    );
    currency = 'GBP';
  }
  for (const b of bids)
    if (b.currency && b.currency !== currency)
      add(
        ctx,
        'bid_currency_differs',
        `bid "${b.bid}" is priced in ${b.currency}, the tender in ${currency}: convert its price before evaluating`,
        [...(bidsAt?.path ?? []), 'details'],
      );

  return currency;
}

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

function build(root: unknown, options: OcdsOptions, ctx: Ctx): OcdsSkeleton | null {
  const process = selectProcess(root, options, ctx);
  if (process === null) return null;
  const { ocid, releases } = process;
  const meta = obj(root);
  const publisherRaw = meta?.publisher;
  const publisher = str(publisherRaw) ?? str(obj(publisherRaw)?.name) ?? null;
  const publishedDate = str(meta?.publishedDate) ?? null;
  const tenderAt = latest(releases, 'tender');
  const bidsAt = latest(releases, 'bids');
  const awardsOwner = [...releases].reverse().find((r) => Array.isArray(r.release.awards));
  const partyOwner = [...releases].reverse().find((r) => Array.isArray(r.release.parties));
  const tender = tenderAt?.value ?? {};
  const tenderPath = tenderAt?.path ?? ['tender'];
  if (!tenderAt)
    add(ctx, 'no_tender', 'no release has a tender section: no award criteria can be read', [], 'warning');

  const bids = readBids(partyOwner?.release ?? {}, bidsAt, awardedBidIds(awardsOwner?.release.awards), ctx);
  const currency = tenderCurrency(tender, tenderPath, bids, bidsAt, options, ctx);

  const title = str(tender.title) ?? (ocid || 'OCDS tender');
  const baseId = ocid || str(tender.id) || 'ocds-tender';
  const tenderItems = criteriaItems(tender, tenderPath);
  const details = str(tender.awardCriteriaDetails);
  const note =
    'Skeleton read from OCDS: set the price method and each quality scale (with level descriptors) from the published methodology before evaluating.';

  const lotsRaw = arr(tender.lots);
  if (arr(tender.lotGroups).some((g) => obj(g)?.awardCriteria !== undefined))
    add(
      ctx,
      'lot_groups_ignored',
      'award criteria of lot groups are not read: evaluate each lot',
      [...tenderPath, 'lotGroups'],
      'warning',
    );
  const skeletons: OcdsLotSkeleton[] = [];
  if (lotsRaw.length === 0) {
    const criteria = buildCriteria(
      tenderItems,
      tender,
      tenderPath,
      [...tenderPath, 'awardCriteria'],
      ctx,
      'the tender',
    );
    skeletons.push({
      lot: null,
      title,
      model: model(baseId, title, currency, criteria, [details, note]),
      bids: bids.filter((b) => !b.excluded),
      excludedBids: bids.filter((b) => b.excluded),
    });
  } else {
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
        note,
      ];
      const lotBids = bids.filter(
        (b) => b.lots.includes(id as string) || (b.lots.length === 0 && lotsRaw.length === 1),
      );
      for (const b of lotBids) assigned.add(b.bid);
      const fullTitle = lotTitle ? `${title} — ${lotTitle}` : `${title} — lot ${id}`;
      skeletons.push({
        lot: id,
        title: fullTitle,
        model: model(`${baseId}-lot-${id}`, fullTitle, currency as string, criteria, texts),
        bids: lotBids.filter((b) => !b.excluded),
        excludedBids: lotBids.filter((b) => b.excluded),
      });
    });
    if (options.lot !== undefined && skeletons.length === 0) {
      add(
        ctx,
        'unknown_lot',
        `the tender has no lot "${options.lot}"; its lots: ${[...lotIdsOf(lotsRaw)].join(', ') || '(none with ids)'}`,
        [...tenderPath, 'lots'],
      );
      return null;
    }
    for (const b of bids) {
      if (assigned.has(b.bid)) continue;
      if (options.lot !== undefined && b.lots.length) continue;
      add(
        ctx,
        'bid_lot_unknown',
        b.lots.length
          ? `bid "${b.bid}" is for lot(s) ${b.lots.join(', ')}, which the tender does not list: it is in no lot's bids`
          : `bid "${b.bid}" names no lot (relatedLots) and the tender has ${lotsRaw.length} lots: it is in no lot's bids; add relatedLots`,
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
  const read = readAwards(releases, tenderAt, options.lot, currency, ctx);
  const criteria = skeletons.reduce((n, l) => n + l.model.criteria.length, 0);
  const summary: OcdsImportSummary = {
    releases: releases.length,
    criteria,
    bids: skeletons.reduce((n, l) => n + l.bids.length + l.excludedBids.length, 0),
    awards: read.awards.length,
    suppliers: read.suppliers.length,
    contracts: read.contracts.length,
  };
  if (criteria === 0) {
    // One note instead of one per lot: Contracts Finder never publishes award criteria.
    ctx.issues = ctx.issues.filter((i) => i.code !== 'no_criteria');
    add(
      ctx,
      'no_award_criteria',
      `no award criteria${typeof tender.awardCriteria === 'string' ? ` (tender.awardCriteria is "${tender.awardCriteria}", with no breakdown)` : ''}: imported ${importedText(summary, read.contract)}; no evaluation model can be made until the criteria and weights are added from the published methodology`,
      [...tenderPath, 'awardCriteria'],
      'warning',
    );
  }
  const buyerRef = [...releases]
    .reverse()
    .map((r) => obj(r.release.buyer))
    .find(Boolean);
  const buyer = buyerRef ? { id: str(buyerRef.id) ?? null, name: str(buyerRef.name) ?? null } : null;
  return {
    ocid: ocid || null,
    title: str(tender.title) ?? null,
    buyer,
    publisher,
    publishedDate,
    lots: skeletons,
    ...read,
    summary,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "1 award, 12 suppliers, 1 contract (contract value 2437516.38 GBP from contracts; 2025-07-01
 * to 2028-06-30)": what was imported, in words.
 *
 * @example
 * ```ts
 * if (r.ok) importedText(r.value.summary, r.value.contract); // '1 award, 12 suppliers, 1 contract (…)'
 * ```
 */
export function importedText(s: OcdsImportSummary, c: OcdsContractSummary): string {
  const parts = [
    ...(s.criteria ? [plural(s.criteria, 'criterion', 'criteria')] : []),
    ...(s.bids ? [plural(s.bids, 'bid')] : []),
    plural(s.awards, 'award'),
    plural(s.suppliers, 'supplier'),
    plural(s.contracts, 'contract'),
  ];
  const details = [
    ...(c.value !== null
      ? [`contract value ${c.value}${c.currency ? ` ${c.currency}` : ''} from ${c.valueFrom}`]
      : []),
    ...(c.start !== null || c.end !== null ? [`${c.start ?? '?'} to ${c.end ?? '?'}`] : []),
  ];
  return `${parts.join(', ')}${details.length ? ` (${details.join('; ')})` : ''}`;
}

function lotIdsOf(lots: unknown[]): string[] {
  return lots.map((l) => str(obj(l)?.id)).filter((x): x is string => x !== undefined);
}

function model(
  id: string,
  title: string,
  currency: string,
  criteria: CriterionInput[],
  texts: (string | undefined)[],
): EvaluationModelInput {
  const description = texts.filter((t): t is string => !!t).join(' ');
  return { id, title, ...(description ? { description } : {}), currency, criteria };
}
