import { join } from 'node:path';
import { hasErrors } from '@commonweal/core/issues';
import { toCsv } from '@commonweal/csv';
import {
  canonicalStringify,
  importedText,
  type OcdsAward,
  type OcdsBid,
  type OcdsLotSkeleton,
  type OcdsSupplier,
  ocdsSkeleton,
} from '@commonweal/json';
import type { Command } from '../command';
import { contractFile } from '../util/contract';
import { INPUT_OPTIONS } from '../util/encoding';
import { extension, readText, UsageError, writeText } from '../util/io';
import { FatalIssues } from '../util/load';
import { emit, printIssues } from '../util/output';

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

/** `model.json` → `model.lot-L1.json` when several lots are written. */
function perLot(file: string, lot: OcdsLotSkeleton, many: boolean): string {
  if (!many || lot.lot === null) return file;
  const safe = lot.lot.replace(/[^A-Za-z0-9._-]+/g, '-');
  const m = /^(.*?)(\.[A-Za-z0-9]+)?$/.exec(file) as RegExpExecArray;
  return `${m[1]}.lot-${safe}${m[2] ?? ''}`;
}

function fileOption(values: Record<string, unknown>, name: string, dir: string | undefined, base: string) {
  const v = values[name];
  if (typeof v === 'string' && v !== '') return v;
  if (v !== undefined) throw new UsageError(`--${name} needs a file name`);
  return dir !== undefined ? join(dir, base) : undefined;
}

/**
 * `commonweal ocds`: reads an OCDS release (or release / record package) and writes an
 * evaluation model skeleton and a bids CSV per lot, the awarded suppliers as a supplier
 * register, the awards, and a contract file (value, period, award dates) for `value` and
 * `monitor`.
 *
 * @example
 * ```sh
 * commonweal ocds --release release.json --out-dir ocds-out
 * ```
 */
export const ocdsCommand: Command = {
  name: 'ocds',
  summary:
    'Read an OCDS release: model skeleton and bids per lot, awarded suppliers, awards and the contract value and period',
  usage:
    'commonweal ocds --release file.json [--lot ID] [--ocid ID] [--out-dir DIR] [--out-model model.json] [--out-bids bids.csv] [--out-suppliers suppliers.csv] [--out-awards awards.csv] [--out-contract contract.json]',
  options: {
    release: {
      type: 'string',
      value: 'FILE',
      description: 'OCDS release, release package or record package (.json; Find a Tender, Contracts Finder)',
    },
    lot: {
      type: 'string',
      value: 'ID',
      description: 'Read this lot only, with its awards (default: every lot, one model and bids file each)',
    },
    ocid: {
      type: 'string',
      value: 'ID',
      description: 'The contracting process, when the package holds several',
    },
    'out-dir': {
      type: 'string',
      value: 'DIR',
      description:
        'Write every output here: model.json, bids.csv, suppliers.csv, awards.csv, contract.json (each only when there is something to write)',
    },
    'out-model': {
      type: 'string',
      value: 'FILE',
      description: 'Write the model skeleton here (with several lots: FILE.lot-ID.json)',
    },
    'out-bids': {
      type: 'string',
      value: 'FILE',
      description: 'Write the bids CSV here (with several lots: FILE.lot-ID.csv)',
    },
    'out-suppliers': {
      type: 'string',
      value: 'FILE',
      description: 'Write the awarded suppliers as a supplier register CSV (for spend --suppliers)',
    },
    'out-awards': {
      type: 'string',
      value: 'FILE',
      description: 'Write the awards CSV: one row per award and supplier, with dates and values',
    },
    'out-contract': {
      type: 'string',
      value: 'FILE',
      description: 'Write the contract file (value, period, award dates) for value/monitor --contract',
    },
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal ocds --release examples/ocds/contracts-finder-award.json --out-dir ocds-out',
    'commonweal ocds --release examples/ocds/find-a-tender-award.json --lot 1 --out-model model.json --out-contract contract.json',
    'commonweal ocds --release package.json --ocid ocds-h6vhtk-02911b --lot 1 --out-model model.json --out-bids bids.csv',
    'commonweal ocds --release release.json   # prints everything read as JSON',
  ],
  async run({ values }, io) {
    const file = values.release;
    if (typeof file !== 'string' || file === '') throw new UsageError('--release is required');
    if (extension(file, io) !== 'json') throw new UsageError(`${file}: expected an OCDS .json file`);
    const quiet = Boolean(values.quiet);
    const dirValue = values['out-dir'];
    if (dirValue !== undefined && (typeof dirValue !== 'string' || dirValue === ''))
      throw new UsageError('--out-dir needs a folder name');
    const dir = typeof dirValue === 'string' ? dirValue : undefined;
    const outModel = fileOption(values, 'out-model', dir, 'model.json');
    const outBids = fileOption(values, 'out-bids', dir, 'bids.csv');
    const outSuppliers = fileOption(values, 'out-suppliers', dir, 'suppliers.csv');
    const outAwards = fileOption(values, 'out-awards', dir, 'awards.csv');
    const outContract = fileOption(values, 'out-contract', dir, 'contract.json');
    const options: Parameters<typeof ocdsSkeleton>[1] = { file };
    if (typeof values.lot === 'string') options.lot = values.lot;
    if (typeof values.ocid === 'string') options.ocid = values.ocid;
    const r = ocdsSkeleton(readText(io, file), options);
    if (!r.ok) throw new FatalIssues(`${file} cannot be read as OCDS`, r.issues);
    printIssues(io, r.issues, quiet);
    const s = r.value;
    const note = (t: string) => {
      if (!quiet) io.stderr(`${t}\n`);
    };
    const anyOut = [outModel, outBids, outSuppliers, outAwards, outContract].some((x) => x !== undefined);
    if (!anyOut) emit(io, canonicalStringify(s, { indent: 2, finalNewline: true }), undefined, quiet);
    // With files to write, the result on stdout is what was imported; the files are named on stderr.
    const imported = `imported from ${file}${s.ocid ? ` (${s.ocid})` : ''}: ${importedText(s.summary, s.contract)}`;
    if (anyOut) io.stdout(`${imported}\n`);
    else note(imported);
    const json = (v: unknown) => canonicalStringify(v, { indent: 2, finalNewline: true });
    const many = s.lots.length > 1;
    for (const lot of s.lots) {
      const which = lot.lot === null ? '' : ` for lot ${lot.lot}`;
      if (outModel !== undefined) {
        if (lot.model.criteria.length === 0) note(`no model written${which}: no award criteria`);
        else {
          const path = writeText(io, perLot(outModel, lot, many), json(lot.model));
          note(`wrote ${path} (${lot.model.criteria.length} criteria)`);
        }
      }
      if (outBids !== undefined) {
        // A lot without bids still gets a file to fill in, unless the release publishes no bids at all.
        if (s.summary.bids === 0) note(`no bids CSV written${which}: the release publishes no bid details`);
        else {
          const path = writeText(io, perLot(outBids, lot, many), ocdsBidsCsv(lot.bids));
          note(
            `wrote ${path} (${lot.bids.length} bids${lot.excludedBids.length ? `; ${lot.excludedBids.length} left out: ${lot.excludedBids.map((b) => `${b.bid} ${b.excluded}`).join('; ')}` : ''})`,
          );
        }
      }
    }
    if (outSuppliers !== undefined) {
      if (s.suppliers.length === 0) note('no supplier register written: no awarded supplier');
      else {
        const path = writeText(io, outSuppliers, ocdsSuppliersCsv(s.suppliers));
        note(`wrote ${path} (${s.suppliers.length} awarded suppliers; read it with spend --suppliers)`);
      }
    }
    if (outAwards !== undefined) {
      if (s.awards.length === 0) note('no awards CSV written: no award');
      else {
        const path = writeText(io, outAwards, ocdsAwardsCsv(s.awards, s.suppliers));
        note(`wrote ${path} (${s.awards.length} award${s.awards.length === 1 ? '' : 's'})`);
      }
    }
    if (outContract !== undefined) {
      if (s.awards.length === 0 && s.contracts.length === 0)
        note('no contract file written: no award or contract');
      else {
        const path = writeText(io, outContract, json(contractFile(s, file)));
        const c = s.contract;
        note(
          `wrote ${path} (contract value ${c.value ?? 'not published'}${c.value !== null && c.currency ? ` ${c.currency}` : ''}${c.start || c.end ? `, ${c.start ?? '?'} to ${c.end ?? '?'}` : ''}; read it with value --contract or monitor --contract)`,
        );
      }
    }
    return hasErrors(r.issues) ? 1 : 0;
  },
};
