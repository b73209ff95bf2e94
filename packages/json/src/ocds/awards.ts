import { parsePostcode } from '@commonweal/core/economy';
import { dec, sum } from '@commonweal/core/money';
import {
  add,
  arr,
  byDate,
  type Ctx,
  decimalText,
  Ids,
  type Located,
  type Obj,
  obj,
  type Path,
  str,
} from './shared';

/**
 * An award read from OCDS `awards[]`: id, status, date (`YYYY-MM-DD`), value (a decimal string,
 * null when not published), the supplier ids (or names, for a supplier without an id), related
 * lots and bids, the contract period the award gives, and the JSON path it was read from.
 *
 * @example
 * ```ts
 * const a: OcdsAward = { id: 'ocds-b5fd17-1-1', status: 'active', date: '2025-06-02', value: '2437516.38',
 *   currency: 'GBP', suppliers: ['GB-COH-09876543'], lots: [], bids: [],
 *   contractPeriod: { start: '2025-07-01', end: '2028-06-30' }, path: 'releases.1.awards.0' };
 * ```
 */
export interface OcdsAward {
  id: string;
  status: string | null;
  date: string | null;
  value: string | null;
  currency: string | null;
  suppliers: string[];
  lots: string[];
  bids: string[];
  contractPeriod: { start: string | null; end: string | null } | null;
  path: string;
}

/**
 * An awarded supplier: `awards[].suppliers` joined to `parties[]` on id. `scheme` and
 * `identifier` come from `identifier` (else from an org-id shaped id such as `GB-COH-…`), the
 * postcode from `address.postalCode` (else the end of `streetAddress`, as Contracts Finder
 * publishes it), `sme` from `details.scale` (micro, small, medium and sme are SMEs; large is
 * not) and `vcse` from the UK extension's `details.vcse`; null means "not published".
 *
 * @example
 * ```ts
 * const s: OcdsSupplier = { id: 'GB-COH-09876543', name: 'Exe Valley Care Ltd', scheme: 'GB-COH',
 *   identifier: '09876543', postcode: 'EX1 1JG', locality: 'Exeter', scale: 'sme', sme: true, vcse: false,
 *   awards: ['ocds-b5fd17-1-1'] };
 * ```
 */
export interface OcdsSupplier {
  id: string | null;
  name: string;
  scheme: string | null;
  identifier: string | null;
  postcode: string | null;
  locality: string | null;
  scale: string | null;
  sme: boolean | null;
  vcse: boolean | null;
  awards: string[];
}

/**
 * A contract read from OCDS `contracts[]`: id, the award it implements, status, value, period
 * and signature date (dates as `YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * const c: OcdsContract = { id: 'c-1', awardId: 'a-1', status: 'active', value: '2437516.38', currency: 'GBP',
 *   start: '2025-07-01', end: '2028-06-30', dateSigned: '2025-06-20' };
 * ```
 */
export interface OcdsContract {
  id: string;
  awardId: string | null;
  status: string | null;
  value: string | null;
  currency: string | null;
  start: string | null;
  end: string | null;
  dateSigned: string | null;
}

/**
 * What the awards say about the contract, for the monitoring and social value flows: the
 * contract value (for social value as % of contract value) and where it came from, the contract
 * period and where it came from, and the award dates. Each `…From` is `contracts`, `awards`,
 * `tender` or null when nothing was published.
 *
 * @example
 * ```ts
 * const c: OcdsContractSummary = { value: '2437516.38', currency: 'GBP', valueFrom: 'contracts',
 *   start: '2025-07-01', end: '2028-06-30', periodFrom: 'contracts', awardDates: ['2025-06-02'] };
 * ```
 */
export interface OcdsContractSummary {
  value: string | null;
  currency: string | null;
  valueFrom: 'contracts' | 'awards' | 'tender' | null;
  start: string | null;
  end: string | null;
  periodFrom: 'contracts' | 'awards' | 'tender' | null;
  awardDates: string[];
}

export interface AwardsRead {
  awards: OcdsAward[];
  suppliers: OcdsSupplier[];
  contracts: OcdsContract[];
  contract: OcdsContractSummary;
}

const AWARD_STATUSES = new Set(['pending', 'active', 'cancelled', 'unsuccessful']);
const SME_SCALES = new Set(['micro', 'sme', 'small', 'medium']);
// A UK postcode at the end of an address line ("…, Exeter, Devon, EX1 1JG").
const TRAILING_POSTCODE = /([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\s*$/i;

/** A money amount with at least two decimal places (pence), never rounded: `1200000` → `1200000.00`. */
function money(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const d = dec(text);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

/** `YYYY-MM-DD` from an OCDS date-time (the date as written, in its own offset), or null. */
export function dateText(x: unknown, at: Path, ctx: Ctx, label: string): string | null {
  if (x === undefined || x === null) return null;
  const m = typeof x === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(x.trim()) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d)
      return `${m[1]}-${m[2]}-${m[3]}`;
  }
  add(
    ctx,
    'malformed_date',
    `${label}: ${JSON.stringify(x)} is not an ISO 8601 date (YYYY-MM-DD or a date-time): it is left out`,
    at,
    'warning',
  );
  return null;
}

function pathText(p: Path): string {
  return p.join('.');
}

interface Money {
  value: string | null;
  currency: string | null;
}

function moneyOf(holder: Obj, at: Path, ctx: Ctx, label: string, required: boolean): Money {
  const raw = holder.value;
  if (raw === undefined || raw === null) {
    if (required)
      add(
        ctx,
        'value_missing',
        `${label} has no value: its amount is not counted`,
        [...at, 'value'],
        'warning',
      );
    return { value: null, currency: null };
  }
  const v = obj(raw);
  if (!v) {
    add(ctx, 'value_not_object', `${label}: value is not an object {amount, currency}: it is not counted`, [
      ...at,
      'value',
    ]);
    return { value: null, currency: null };
  }
  const currency = str(v.currency) ?? null;
  if (v.amount === undefined || v.amount === null) {
    if (required)
      add(
        ctx,
        'value_missing',
        `${label} has no value.amount: its amount is not counted`,
        [...at, 'value', 'amount'],
        'warning',
      );
    return { value: null, currency };
  }
  const amount = money(decimalText(v.amount));
  if (amount === undefined) {
    add(
      ctx,
      'value_not_a_number',
      `${label}: value.amount ${JSON.stringify(v.amount)} is not a number: it is not counted; correct it`,
      [...at, 'value', 'amount'],
    );
    return { value: null, currency };
  }
  if (dec(amount).isNegative())
    add(
      ctx,
      'value_negative',
      `${label}: value.amount is negative (${amount}): check it`,
      [...at, 'value', 'amount'],
      'warning',
    );
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    add(
      ctx,
      'currency_not_iso',
      `${label}: currency "${currency}" is not an ISO 4217 code: check it`,
      [...at, 'value', 'currency'],
      'warning',
    );
  return { value: amount, currency };
}

interface Keyed {
  item: Obj;
  path: Path;
}

/**
 * The items of one array section (`awards`, `contracts`, `parties`) across the releases of one
 * process, by id: a later release (by date) replaces an item with the same id, as OCDS merging
 * does. Items without an id are kept under a made-up key (and reported by the caller).
 */
function mergeById(
  releases: readonly Located[],
  key: 'awards' | 'contracts' | 'parties',
  ctx: Ctx,
): { items: Map<string, Keyed & { id: string | undefined }>; replaced: number; holders: number } {
  const items = new Map<string, Keyed & { id: string | undefined }>();
  let replaced = 0;
  let holders = 0;
  for (const r of byDate(releases)) {
    const list = r.release[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      add(ctx, `${key}_not_list` as const, `${key} is not a list: it was skipped`, [...r.path, key]);
      continue;
    }
    holders++;
    const seen = new Set<string>();
    list.forEach((x, i) => {
      const at = [...r.path, key, i];
      const o = obj(x);
      if (!o) {
        add(
          ctx,
          `${key}_item_not_object` as const,
          `${key}[${i}] is not an object: it was skipped`,
          at,
          'warning',
        );
        return;
      }
      const id = str(o.id);
      const k = id !== undefined ? `id:${id}` : `at:${pathText(at)}`;
      if (id !== undefined && seen.has(k)) {
        if (key === 'parties') {
          const first = items.get(k);
          const names = [str(first?.item.name), str(o.name)].filter(Boolean);
          add(
            ctx,
            'duplicate_party',
            `party "${id}" is listed twice in this release${names.length === 2 && names[0] !== names[1] ? ` ("${names[0]}" and "${names[1]}")` : ''}: the first is used`,
            [...at, 'id'],
            'warning',
          );
        } else
          add(
            ctx,
            `duplicate_${key === 'awards' ? 'award' : 'contract'}`,
            `${key === 'awards' ? 'award' : 'contract'} id "${id}" is used twice in this release: the second is skipped`,
            [...at, 'id'],
            'warning',
          );
        return;
      }
      seen.add(k);
      if (items.has(k)) replaced++;
      items.set(k, { item: o, path: at, id });
    });
  }
  return { items, replaced, holders };
}

function refText(x: unknown): string[] {
  return arr(x)
    .map(str)
    .filter((s): s is string => s !== undefined);
}

function orgIdParts(id: string): { scheme: string; identifier: string } | null {
  const m = /^([A-Z]{2}-[A-Z0-9]+)-(.+)$/.exec(id);
  return m ? { scheme: m[1] as string, identifier: m[2] as string } : null;
}

function supplierDetails(s: OcdsSupplier, party: Keyed | undefined, ctx: Ctx): void {
  if (s.id !== null) {
    const parts = orgIdParts(s.id);
    s.scheme = parts?.scheme ?? null;
    s.identifier = parts?.identifier ?? null;
  }
  if (!party) return;
  const p = party.item;
  const ident = obj(p.identifier);
  if (ident) {
    const scheme = str(ident.scheme);
    const id = str(ident.id);
    if (scheme !== undefined) s.scheme = scheme;
    if (id !== undefined) s.identifier = id;
  }
  const a = obj(p.address);
  if (a) {
    s.locality = str(a.locality) ?? null;
    const postal = str(a.postalCode);
    if (postal !== undefined) {
      const pc = parsePostcode(postal);
      if (pc.ok) s.postcode = pc.value.unit;
      else
        add(
          ctx,
          'supplier_postcode_invalid',
          `${s.name}: ${pc.reason}: the supplier's location is left blank`,
          [...party.path, 'address', 'postalCode'],
          'warning',
        );
    } else {
      const street = str(a.streetAddress);
      const m = street ? TRAILING_POSTCODE.exec(street) : null;
      const pc = m ? parsePostcode(`${m[1]} ${m[2]}`) : undefined;
      if (pc?.ok) s.postcode = pc.value.unit;
    }
  }
  const d = obj(p.details);
  if (d) {
    const scale = str(d.scale);
    if (scale !== undefined) {
      s.scale = scale;
      if (SME_SCALES.has(scale.toLowerCase())) s.sme = true;
      else if (scale.toLowerCase() === 'large') s.sme = false;
      else
        add(
          ctx,
          'scale_unknown',
          `${s.name}: details.scale "${scale}" is not micro, small, medium, sme or large: SME status is left blank`,
          [...party.path, 'details', 'scale'],
          'warning',
        );
    }
    if (typeof d.vcse === 'boolean') s.vcse = d.vcse;
    else if (d.vcse !== undefined && d.vcse !== null)
      add(
        ctx,
        'vcse_not_boolean',
        `${s.name}: details.vcse ${JSON.stringify(d.vcse)} is not true or false: VCSE status is left blank`,
        [...party.path, 'details', 'vcse'],
        'warning',
      );
  }
}

/** Sums decimal strings of one currency; null (with an issue) when currencies differ. */
function total(
  items: readonly Money[],
  fallbackCurrency: string | null,
  ctx: Ctx,
  where: string,
  at: Path,
): { value: string; currency: string | null } | null {
  const currencies = [...new Set(items.map((m) => m.currency ?? fallbackCurrency))];
  if (currencies.length > 1) {
    add(
      ctx,
      'currencies_differ',
      `${where} are in several currencies (${currencies.map((c) => c ?? 'none').join(', ')}): no contract value is given; convert them and set it yourself`,
      at,
      'warning',
    );
    return null;
  }
  const value = money(sum(items.map((m) => dec(m.value as string))).toFixed()) as string;
  return { value, currency: currencies[0] ?? null };
}

/**
 * Reads the awards, awarded suppliers and contracts of one contracting process (every release
 * of one ocid), for the lot asked for (awards naming other lots are left out).
 */
export function readAwards(
  releases: readonly Located[],
  tender: { value: Obj; path: Path } | undefined,
  lot: string | undefined,
  currency: string | undefined,
  ctx: Ctx,
): AwardsRead {
  const parties = mergeById(releases, 'parties', ctx);
  const partyById = new Map<string, Keyed>();
  for (const p of parties.items.values()) if (p.id !== undefined) partyById.set(p.id, p);
  const awardsIn = mergeById(releases, 'awards', ctx);
  const contractsIn = mergeById(releases, 'contracts', ctx);
  const holders = Math.max(awardsIn.holders, contractsIn.holders, parties.holders);
  const replaced = awardsIn.replaced + contractsIn.replaced + parties.replaced;
  if (holders > 1)
    add(
      ctx,
      'latest_release_wins',
      `${holders} releases of this process publish awards, contracts or parties: each one is taken from the latest release that holds it (by release date)${replaced ? `; ${replaced} ${replaced === 1 ? 'was' : 'were'} replaced by a later release` : ''}`,
      [],
      'warning',
    );

  const awards: OcdsAward[] = [];
  const suppliers = new Map<string, OcdsSupplier>();
  const awardIds = new Ids();
  const noParty = new Set<string>();
  let n = 0;
  for (const { item: a, path, id: ownId } of awardsIn.items.values()) {
    n++;
    const lots = refText(a.relatedLots);
    if (lot !== undefined && lots.length > 0 && !lots.includes(lot)) continue;
    let id: string;
    if (ownId === undefined || awardIds.has(ownId)) {
      id = awardIds.take(`award-${n}`);
      add(
        ctx,
        'award_id_generated',
        `award ${n} has no id: it is called "${id}"`,
        [...path, 'id'],
        'warning',
      );
    } else id = awardIds.take(ownId);
    const label = `award "${id}"`;
    const status = str(a.status) ?? null;
    if (status !== null && !AWARD_STATUSES.has(status))
      add(
        ctx,
        'award_status_unknown',
        `${label} has status "${status}", not an OCDS award status (pending, active, cancelled, unsuccessful): it is counted; check it`,
        [...path, 'status'],
        'warning',
      );
    const live = status !== 'cancelled' && status !== 'unsuccessful';
    if (!live)
      add(
        ctx,
        'award_not_active',
        `${label} is ${status}: its value and suppliers are left out`,
        [...path, 'status'],
        'warning',
      );
    const date = dateText(a.date, [...path, 'date'], ctx, `${label} date`);
    if (date === null && a.date === undefined && live)
      add(ctx, 'award_date_missing', `${label} has no date`, [...path, 'date'], 'warning');
    const money = moneyOf(a, path, ctx, label, live);
    const cp = obj(a.contractPeriod);
    const contractPeriod = cp
      ? {
          start: dateText(
            cp.startDate,
            [...path, 'contractPeriod', 'startDate'],
            ctx,
            `${label} contract start`,
          ),
          end: dateText(cp.endDate, [...path, 'contractPeriod', 'endDate'], ctx, `${label} contract end`),
        }
      : null;
    const award: OcdsAward = {
      id,
      status,
      date,
      value: money.value,
      currency: money.currency,
      suppliers: [],
      lots,
      bids: [...refText(a.relatedBids), ...refText(a.relatedBid)],
      contractPeriod,
      path: pathText(path),
    };
    awards.push(award);
    if (a.suppliers !== undefined && !Array.isArray(a.suppliers))
      add(ctx, 'award_suppliers_not_list', `${label}: suppliers is not a list: no supplier was read`, [
        ...path,
        'suppliers',
      ]);
    else if (arr(a.suppliers).length === 0 && live)
      add(ctx, 'award_no_suppliers', `${label} names no supplier`, [...path, 'suppliers'], 'warning');
    const inAward = new Map<string, string>();
    arr(a.suppliers).forEach((ref, j) => {
      const at = [...path, 'suppliers', j];
      const o = obj(ref);
      if (!o) {
        add(
          ctx,
          'supplier_not_object',
          `${label}: supplier ${j + 1} is not an object: it was skipped`,
          at,
          'warning',
        );
        return;
      }
      const sid = str(o.id);
      const party = sid !== undefined ? partyById.get(sid) : undefined;
      const name = str(o.name) ?? str(party?.item.name);
      if (name === undefined) {
        add(
          ctx,
          'supplier_unnamed',
          `${label}: supplier ${j + 1}${sid ? ` ("${sid}")` : ''} has no name here or in parties: it was skipped; add its name`,
          at,
          'warning',
        );
        return;
      }
      if (sid === undefined)
        add(
          ctx,
          'supplier_id_missing',
          `${label}: supplier "${name}" has no id (an organisation identifier such as GB-COH-…): it is listed by name`,
          at,
          'warning',
        );
      else if (!party && !noParty.has(sid)) {
        noParty.add(sid);
        add(
          ctx,
          'supplier_not_in_parties',
          `${label}: supplier "${sid}" is not in parties: its address, SME and VCSE status are unknown`,
          [...at, 'id'],
          'warning',
        );
      }
      const key = sid !== undefined ? `id:${sid}` : `name:${name.toLowerCase()}`;
      const again = inAward.get(key);
      if (again !== undefined) {
        add(
          ctx,
          'duplicate_supplier',
          `${label}: supplier "${sid ?? name}" is listed twice${again !== name ? ` ("${again}" and "${name}")` : ''}: it is one supplier`,
          at,
          'warning',
        );
        return;
      }
      inAward.set(key, name);
      award.suppliers.push(sid ?? name);
      if (!live) return;
      let s = suppliers.get(key);
      if (!s) {
        s = {
          id: sid ?? null,
          name,
          scheme: null,
          identifier: null,
          postcode: null,
          locality: null,
          scale: null,
          sme: null,
          vcse: null,
          awards: [],
        };
        supplierDetails(s, party, ctx);
        suppliers.set(key, s);
      }
      s.awards.push(id);
    });
  }

  const byAward = new Set(awards.map((a) => a.id));
  const allAwardIds = new Set(
    [...awardsIn.items.values()].map((a) => a.id).filter((x): x is string => x !== undefined),
  );
  const contracts: OcdsContract[] = [];
  const contractIds = new Ids();
  const contractMoney: Money[] = [];
  let m = 0;
  for (const { item: c, path, id: ownId } of contractsIn.items.values()) {
    m++;
    const awardId = str(c.awardID) ?? str(c.awardId) ?? null;
    if (awardId !== null && !allAwardIds.has(awardId))
      add(
        ctx,
        'contract_award_unknown',
        `contract ${ownId ?? m}: awardID "${awardId}" matches no award`,
        [...path, 'awardID'],
        'warning',
      );
    if (lot !== undefined && awardId !== null && allAwardIds.has(awardId) && !byAward.has(awardId)) continue;
    let id: string;
    if (ownId === undefined || contractIds.has(ownId)) {
      id = contractIds.take(`contract-${m}`);
      add(
        ctx,
        'contract_id_generated',
        `contract ${m} has no id: it is called "${id}"`,
        [...path, 'id'],
        'warning',
      );
    } else id = contractIds.take(ownId);
    const label = `contract "${id}"`;
    const status = str(c.status) ?? null;
    const live = status !== 'cancelled';
    const money = moneyOf(c, path, ctx, label, false);
    const period = obj(c.period);
    const contract: OcdsContract = {
      id,
      awardId,
      status,
      value: money.value,
      currency: money.currency,
      start: period
        ? dateText(period.startDate, [...path, 'period', 'startDate'], ctx, `${label} start`)
        : null,
      end: period ? dateText(period.endDate, [...path, 'period', 'endDate'], ctx, `${label} end`) : null,
      dateSigned: dateText(c.dateSigned, [...path, 'dateSigned'], ctx, `${label} dateSigned`),
    };
    contracts.push(contract);
    if (live && contract.value !== null) contractMoney.push(money);
  }

  // The contract value for social value as % of it: signed contracts, else live awards, else
  // the tender's estimate.
  const fallback = currency ?? null;
  const summary: OcdsContractSummary = {
    value: null,
    currency: fallback,
    valueFrom: null,
    start: null,
    end: null,
    periodFrom: null,
    awardDates: [...new Set(awards.filter((a) => a.date !== null).map((a) => a.date as string))].sort(),
  };
  const liveAwards = awards.filter((a) => a.status !== 'cancelled' && a.status !== 'unsuccessful');
  const awardMoney = liveAwards.filter((a) => a.value !== null);
  const lotValue = (): { holder: Obj; path: Path } | undefined => {
    if (!tender) return undefined;
    if (lot !== undefined) {
      const i = arr(tender.value.lots).findIndex((l) => str(obj(l)?.id) === lot);
      const l = obj(arr(tender.value.lots)[i]);
      if (l && obj(l.value)) return { holder: l, path: [...tender.path, 'lots', i] };
    }
    return obj(tender.value.value) ? { holder: tender.value, path: tender.path } : undefined;
  };
  let t: { value: string; currency: string | null } | null = null;
  if (contractMoney.length) {
    t = total(contractMoney, fallback, ctx, 'the contract values', ['contracts']);
    if (t) summary.valueFrom = 'contracts';
  } else if (awardMoney.length) {
    t = total(awardMoney, fallback, ctx, 'the award values', ['awards']);
    if (t) summary.valueFrom = 'awards';
  } else if (awards.length) {
    const lv = lotValue();
    const money = lv ? moneyOf(lv.holder, lv.path, ctx, 'the tender', false) : null;
    if (money?.value != null) {
      t = { value: money.value, currency: money.currency ?? fallback };
      summary.valueFrom = 'tender';
      add(
        ctx,
        'contract_value_from_tender',
        `no award or contract value is published: the tender's estimated value ${money.value} is used as the contract value; check it against the signed contract`,
        [...(lv as { path: Path }).path, 'value'],
        'warning',
      );
    }
  }
  if (t) {
    summary.value = t.value;
    summary.currency = t.currency;
  }
  if (liveAwards.length > 1 && summary.valueFrom === 'awards')
    add(
      ctx,
      'contract_value_summed',
      `the contract value ${summary.value} is the sum of ${awardMoney.length} award values: check that they are separate contracts, not one value repeated`,
      ['awards'],
      'warning',
    );

  const periods: { start: string | null; end: string | null }[] = contracts
    .filter((c) => c.status !== 'cancelled' && (c.start !== null || c.end !== null))
    .map((c) => ({ start: c.start, end: c.end }));
  let from: OcdsContractSummary['periodFrom'] = periods.length ? 'contracts' : null;
  if (!periods.length) {
    for (const a of liveAwards) if (a.contractPeriod) periods.push(a.contractPeriod);
    if (periods.length) from = 'awards';
  }
  if (!periods.length && tender) {
    const cp = obj(tender.value.contractPeriod);
    if (cp) {
      periods.push({
        start: dateText(
          cp.startDate,
          [...tender.path, 'contractPeriod', 'startDate'],
          ctx,
          'tender contract start',
        ),
        end: dateText(cp.endDate, [...tender.path, 'contractPeriod', 'endDate'], ctx, 'tender contract end'),
      });
      from = 'tender';
    }
  }
  const starts = periods
    .map((p) => p.start)
    .filter((x): x is string => x !== null)
    .sort();
  const ends = periods
    .map((p) => p.end)
    .filter((x): x is string => x !== null)
    .sort();
  summary.start = starts[0] ?? null;
  summary.end = ends[ends.length - 1] ?? null;
  summary.periodFrom = summary.start !== null || summary.end !== null ? from : null;
  if (summary.start !== null && summary.end !== null && summary.end < summary.start)
    add(
      ctx,
      'period_end_before_start',
      `the contract period ends (${summary.end}) before it starts (${summary.start}): check the dates`,
      [],
      'warning',
    );
  return { awards, suppliers: [...suppliers.values()], contracts, contract: summary };
}
