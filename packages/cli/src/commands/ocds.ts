import { hasErrors } from '@commonweal/core/issues';
import { toCsv } from '@commonweal/csv';
import { canonicalStringify, type OcdsBid, type OcdsLotSkeleton, ocdsSkeleton } from '@commonweal/json';
import type { Command } from '../command';
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

/** `model.json` → `model.lot-L1.json` when several lots are written. */
function perLot(file: string, lot: OcdsLotSkeleton, many: boolean): string {
  if (!many || lot.lot === null) return file;
  const safe = lot.lot.replace(/[^A-Za-z0-9._-]+/g, '-');
  const m = /^(.*?)(\.[A-Za-z0-9]+)?$/.exec(file) as RegExpExecArray;
  return `${m[1]}.lot-${safe}${m[2] ?? ''}`;
}

/**
 * `commonweal ocds`: reads an OCDS release (or release / record package) and writes an
 * evaluation model skeleton and a bids CSV per lot, for the commissioner to complete.
 *
 * @example
 * ```sh
 * commonweal ocds --release release.json --lot 1 --out-model model.json --out-bids bids.csv
 * ```
 */
export const ocdsCommand: Command = {
  name: 'ocds',
  summary: 'Read an OCDS release into an evaluation model skeleton and a bids CSV (one per lot)',
  usage:
    'commonweal ocds --release file.json [--lot ID] [--ocid ID] [--out-model model.json] [--out-bids bids.csv]',
  options: {
    release: {
      type: 'string',
      short: 'r',
      value: 'FILE',
      description: 'OCDS release, release package or record package (.json)',
    },
    lot: {
      type: 'string',
      value: 'ID',
      description: 'Read this lot only (default: every lot, one file each)',
    },
    ocid: {
      type: 'string',
      value: 'ID',
      description: 'The contracting process, when the package holds several',
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
  },
  examples: [
    'commonweal ocds --release release.json --out-model model.json --out-bids bids.csv',
    'commonweal ocds --release package.json --ocid ocds-h6vhtk-02911b --lot 1 --out-model model.json --out-bids bids.csv',
    'commonweal ocds --release release.json   # prints the skeletons as JSON',
  ],
  async run({ values }, io) {
    const file = values.release;
    if (typeof file !== 'string' || file === '') throw new UsageError('--release is required');
    if (extension(file) !== 'json') throw new UsageError(`${file}: expected an OCDS .json file`);
    const quiet = Boolean(values.quiet);
    const options: Parameters<typeof ocdsSkeleton>[1] = { file };
    if (typeof values.lot === 'string') options.lot = values.lot;
    if (typeof values.ocid === 'string') options.ocid = values.ocid;
    const r = ocdsSkeleton(readText(io, file), options);
    if (!r.ok) throw new FatalIssues(`${file} cannot be read as an OCDS tender`, r.issues);
    printIssues(io, r.issues, quiet);
    const outModel = values['out-model'];
    const outBids = values['out-bids'];
    const lots = r.value.lots;
    const many = lots.length > 1;
    if (typeof outModel !== 'string' && typeof outBids !== 'string') {
      emit(io, canonicalStringify(r.value, { indent: 2, finalNewline: true }), undefined, quiet);
    }
    for (const lot of lots) {
      if (typeof outModel === 'string') {
        const path = writeText(
          io,
          perLot(outModel, lot, many),
          canonicalStringify(lot.model, { indent: 2, finalNewline: true }),
        );
        if (!quiet) io.stderr(`wrote ${path} (${lot.model.criteria.length} criteria)\n`);
      }
      if (typeof outBids === 'string') {
        const path = writeText(io, perLot(outBids, lot, many), ocdsBidsCsv(lot.bids));
        if (!quiet)
          io.stderr(
            `wrote ${path} (${lot.bids.length} bids${lot.excludedBids.length ? `; ${lot.excludedBids.length} left out: ${lot.excludedBids.map((b) => `${b.bid} ${b.excluded}`).join('; ')}` : ''})\n`,
          );
      }
    }
    return hasErrors(r.issues) ? 1 : 0;
  },
};
