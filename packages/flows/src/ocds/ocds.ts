import type { Issue } from '@commonweal/core/issues';
import { toCsv } from '@commonweal/csv';
import {
  canonicalStringify,
  importedText,
  type OcdsAward,
  type OcdsBid,
  type OcdsLotSkeleton,
  type OcdsSkeleton,
  type OcdsSupplier,
  ocdsSkeleton,
} from '@commonweal/json';
import { type FlowFailure, FlowFatal, type FlowText, runFlow, textOf } from '../inputs/inputs';

/**
 * The bids of an OCDS skeleton as a bids CSV (`bid,bidder,price,supplier_id,address`), the
 * format `commonweal evaluate --bids` reads; a missing price is an empty cell, to fill in.
 *
 * @example
 * ```ts
 * ocdsBidsCsv(lot.bids); // 'bid,bidder,price,supplier_id,address\nbid-1,Acme Care Ltd,180000,GB-COH-01234567,\n'
 * ```
 */
export function ocdsBidsCsv(bids: readonly OcdsBid[]): string {
  return toCsv(bids, [
    'bid',
    'bidder',
    { header: 'price', value: (b) => b.price ?? '' },
    { header: 'supplier_id', value: (b) => b.supplierId ?? '' },
    { header: 'address', value: (b) => b.address ?? '' },
  ]);
}

const flag = (b: boolean | null): string => (b === null ? '' : b ? 'yes' : 'no');

/**
 * The awarded suppliers as a supplier register CSV
 * (`supplier_id,supplier_name,postcode,sme,vcse,cooperative`), the format
 * `commonweal spend --suppliers` reads. A flag OCDS does not publish is blank ("not known");
 * OCDS has no co-operative flag, so that column is always blank.
 *
 * @example
 * ```ts
 * ocdsSuppliersCsv(r.value.suppliers); // 'supplier_id,supplier_name,postcode,sme,vcse,cooperative\nGB-COH-09876543,Exe Valley Bakers Ltd,EX1 2AB,yes,no,\n'
 * ```
 */
export function ocdsSuppliersCsv(suppliers: readonly OcdsSupplier[]): string {
  return toCsv(suppliers, [
    { header: 'supplier_id', value: (s) => s.id ?? '' },
    { header: 'supplier_name', value: (s) => s.name },
    { header: 'postcode', value: (s) => s.postcode ?? '' },
    { header: 'sme', value: (s) => flag(s.sme) },
    { header: 'vcse', value: (s) => flag(s.vcse) },
    { header: 'cooperative', value: () => '' },
  ]);
}

/**
 * The awards with their suppliers, one row per award and supplier
 * (`award_id,status,date,value,currency,lots,supplier_id,supplier_name,scheme,identifier,postcode,locality,scale,sme,vcse,contract_start,contract_end`),
 * for checking the import and for the monitoring file.
 *
 * @example
 * ```ts
 * ocdsAwardsCsv(r.value.awards, r.value.suppliers).split('\n').length; // 1 header + one line per award supplier + 1
 * ```
 */
export function ocdsAwardsCsv(awards: readonly OcdsAward[], suppliers: readonly OcdsSupplier[]): string {
  const byKey = new Map(suppliers.map((s) => [s.id ?? s.name, s]));
  const rows = awards.flatMap((a) =>
    (a.suppliers.length ? a.suppliers : ['']).map((k) => ({ a, s: byKey.get(k), k })),
  );
  const s = (f: (x: OcdsSupplier) => string | null) => (r: (typeof rows)[number]) =>
    r.s ? (f(r.s) ?? '') : '';
  return toCsv(rows, [
    { header: 'award_id', value: (r) => r.a.id },
    { header: 'status', value: (r) => r.a.status ?? '' },
    { header: 'date', value: (r) => r.a.date ?? '' },
    { header: 'value', value: (r) => r.a.value ?? '' },
    { header: 'currency', value: (r) => r.a.currency ?? '' },
    { header: 'lots', value: (r) => r.a.lots.join(';') },
    { header: 'supplier_id', value: (r) => r.s?.id ?? (r.s ? '' : r.k) },
    { header: 'supplier_name', value: (r) => r.s?.name ?? '' },
    { header: 'scheme', value: s((x) => x.scheme) },
    { header: 'identifier', value: s((x) => x.identifier) },
    { header: 'postcode', value: s((x) => x.postcode) },
    { header: 'locality', value: s((x) => x.locality) },
    { header: 'scale', value: s((x) => x.scale) },
    { header: 'sme', value: s((x) => flag(x.sme)) },
    { header: 'vcse', value: s((x) => flag(x.vcse)) },
    { header: 'contract_start', value: (r) => r.a.contractPeriod?.start ?? '' },
    { header: 'contract_end', value: (r) => r.a.contractPeriod?.end ?? '' },
  ]);
}

/**
 * The file name of one lot's output when several lots are written: `model.json` →
 * `model.lot-L1.json` (the lot id made safe for a file name); with one lot, the name as given.
 *
 * @example
 * ```ts
 * perLot('model.json', lot, true); // 'model.lot-1.json'
 * ```
 */
export function perLot(file: string, lot: OcdsLotSkeleton, many: boolean): string {
  if (!many || lot.lot === null) return file;
  const safe = lot.lot.replace(/[^A-Za-z0-9._-]+/g, '-');
  const m = /^(.*?)(\.[A-Za-z0-9]+)?$/.exec(file) as RegExpExecArray;
  return `${m[1]}.lot-${safe}${m[2] ?? ''}`;
}

/**
 * The contract file `commonweal ocds` writes (`contract.json`): the contracting process, the
 * contract value and period (with where each came from), the award dates, and each award and
 * contract. `value` is a decimal string; dates are `YYYY-MM-DD`; null means "not published".
 *
 * @example
 * ```ts
 * const c: OcdsContractFile = { ocid: 'ocds-b5fd17-1', title: 'Community services', buyer: 'Exe Vale District Council',
 *   currency: 'GBP', value: '2437516.38', valueFrom: 'contracts', start: '2025-07-01', end: '2028-06-30',
 *   periodFrom: 'contracts', awardDates: ['2025-06-02'], awards: [], contracts: [], source: { file: 'release.json' } };
 * ```
 */
export interface OcdsContractFile {
  ocid: string | null;
  title: string | null;
  buyer: string | null;
  currency: string | null;
  value: string | null;
  valueFrom: string | null;
  start: string | null;
  end: string | null;
  periodFrom: string | null;
  awardDates: string[];
  awards: {
    id: string;
    status: string | null;
    date: string | null;
    value: string | null;
    currency: string | null;
    lots: string[];
    suppliers: string[];
    start: string | null;
    end: string | null;
  }[];
  contracts: OcdsSkeleton['contracts'];
  source: { file: string; publisher?: string; publishedDate?: string };
}

/**
 * The contract file of an OCDS import (see {@link OcdsContractFile}).
 *
 * @example
 * ```ts
 * const c = ocdsContractFile(r.value, 'release.json');
 * c.value; // '2437516.38'
 * ```
 */
export function ocdsContractFile(s: OcdsSkeleton, file: string): OcdsContractFile {
  return {
    ocid: s.ocid,
    title: s.title,
    buyer: s.buyer?.name ?? null,
    currency: s.contract.currency,
    value: s.contract.value,
    valueFrom: s.contract.valueFrom,
    start: s.contract.start,
    end: s.contract.end,
    periodFrom: s.contract.periodFrom,
    awardDates: s.contract.awardDates,
    awards: s.awards.map((a) => ({
      id: a.id,
      status: a.status,
      date: a.date,
      value: a.value,
      currency: a.currency,
      lots: a.lots,
      suppliers: a.suppliers,
      start: a.contractPeriod?.start ?? null,
      end: a.contractPeriod?.end ?? null,
    })),
    contracts: s.contracts,
    source: {
      file,
      ...(s.publisher !== null ? { publisher: s.publisher } : {}),
      ...(s.publishedDate !== null ? { publishedDate: s.publishedDate } : {}),
    },
  };
}

/**
 * The inputs of {@link ocdsFlow}: the OCDS release (or release / record package) and, when it
 * holds several, the lot and contracting process to read.
 *
 * @example
 * ```ts
 * const input: OcdsFlowInput = { release: { name: 'release.json', text }, lot: '1' };
 * ```
 */
export interface OcdsFlowInput {
  release: FlowText;
  lot?: string | undefined;
  ocid?: string | undefined;
}

/**
 * One lot's outputs: the model skeleton (null without award criteria) and the bids CSV (null
 * when the release publishes no bid details at all).
 *
 * @example
 * ```ts
 * r.lots[0]?.model; // '{\n  "criteria": [ … ] … }\n'
 * ```
 */
export interface OcdsLotFiles {
  lot: OcdsLotSkeleton;
  model: string | null;
  bids: string | null;
}

/**
 * An OCDS import made by {@link ocdsFlow}: the skeleton (the document, `--format json` when no
 * file is asked for), what was imported in a sentence, and the text of every file the import
 * gives — per lot, the supplier register, the awards and the contract file (null when there is
 * nothing to write).
 *
 * @example
 * ```ts
 * const r = await ocdsFlow({ release: { name: 'release.json', text } });
 * if (r.ok) r.contract; // '{\n  "awardDates": [ … ] … }\n'
 * ```
 */
export interface OcdsFlowResult {
  ok: true;
  document: OcdsSkeleton;
  issues: Issue[];
  imported: string;
  lots: OcdsLotFiles[];
  suppliers: string | null;
  awards: string | null;
  contract: string | null;
}

const json = (v: unknown) => canonicalStringify(v, { indent: 2, finalNewline: true });

/**
 * The files of an OCDS import (the stage after `ocdsSkeleton`): per lot the model skeleton and
 * bids CSV, the supplier register, the awards CSV and the contract file, each null when there is
 * nothing to write.
 *
 * @example
 * ```ts
 * ocdsFiles(skeleton, 'release.json').suppliers?.split('\n')[0]; // 'supplier_id,supplier_name,postcode,sme,vcse,cooperative'
 * ```
 */
export function ocdsFiles(
  s: OcdsSkeleton,
  file: string,
): Omit<OcdsFlowResult, 'ok' | 'document' | 'issues' | 'imported'> {
  return {
    lots: s.lots.map((lot) => ({
      lot,
      model: lot.model.criteria.length === 0 ? null : json(lot.model),
      // A lot without bids still gets a file to fill in, unless the release publishes no bids at all.
      bids: s.summary.bids === 0 ? null : ocdsBidsCsv(lot.bids),
    })),
    suppliers: s.suppliers.length === 0 ? null : ocdsSuppliersCsv(s.suppliers),
    awards: s.awards.length === 0 ? null : ocdsAwardsCsv(s.awards, s.suppliers),
    contract: s.awards.length === 0 && s.contracts.length === 0 ? null : json(ocdsContractFile(s, file)),
  };
}

/**
 * Reads an OCDS release as `commonweal ocds` does: the evaluation model skeleton and bids per
 * lot, the awarded suppliers, the awards and the contract value and period, with located
 * issues. No file system; a file that is not OCDS gives `{ ok: false, headline, issues }`.
 *
 * @example
 * ```ts
 * const r = await ocdsFlow({ release: { name: 'award.json', text } });
 * if (r.ok) r.document.contract.value; // '2437516.38'
 * ```
 */
export function ocdsFlow(input: OcdsFlowInput): Promise<OcdsFlowResult | FlowFailure> {
  return runFlow(async () => {
    const file = input.release.name;
    const options: Parameters<typeof ocdsSkeleton>[1] = { file };
    if (input.lot !== undefined) options.lot = input.lot;
    if (input.ocid !== undefined) options.ocid = input.ocid;
    const r = ocdsSkeleton(textOf(input.release), options);
    if (!r.ok) throw new FlowFatal(`${file} cannot be read as OCDS`, r.issues);
    const s = r.value;
    return {
      ok: true as const,
      document: s,
      issues: [...r.issues],
      imported: `imported from ${file}${s.ocid ? ` (${s.ocid})` : ''}: ${importedText(s.summary, s.contract)}`,
      ...ocdsFiles(s, file),
    };
  });
}
