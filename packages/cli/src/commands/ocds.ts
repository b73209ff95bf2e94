import { join } from 'node:path';
import { hasErrors } from '@commonweal/core/issues';
import { documentText, ocdsFlow, perLot } from '@commonweal/flows';
import type { Command } from '../command';
import { INPUT_OPTIONS } from '../util/encoding';
import { extension, readText, UsageError, writeText } from '../util/io';
import { FatalIssues } from '../util/load';
import { emit, printIssues } from '../util/output';

// The CSV builders moved to the OCDS flow; kept here under their old names for callers.
export { ocdsAwardsCsv, ocdsBidsCsv, ocdsSuppliersCsv } from '@commonweal/flows';

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
    const r = await ocdsFlow({
      release: { name: file, text: readText(io, file) },
      lot: typeof values.lot === 'string' ? values.lot : undefined,
      ocid: typeof values.ocid === 'string' ? values.ocid : undefined,
    });
    if (!r.ok) throw new FatalIssues(r.headline, r.issues);
    printIssues(io, r.issues, quiet);
    const s = r.document;
    const note = (t: string) => {
      if (!quiet) io.stderr(`${t}\n`);
    };
    const anyOut = [outModel, outBids, outSuppliers, outAwards, outContract].some((x) => x !== undefined);
    if (!anyOut) emit(io, documentText(s), undefined, quiet);
    // With files to write, the result on stdout is what was imported; the files are named on stderr.
    if (anyOut) io.stdout(`${r.imported}\n`);
    else note(r.imported);
    const many = r.lots.length > 1;
    for (const { lot, model, bids } of r.lots) {
      const which = lot.lot === null ? '' : ` for lot ${lot.lot}`;
      if (outModel !== undefined) {
        if (model === null) note(`no model written${which}: no award criteria`);
        else {
          const path = writeText(io, perLot(outModel, lot, many), model);
          note(`wrote ${path} (${lot.model.criteria.length} criteria)`);
        }
      }
      if (outBids !== undefined) {
        if (bids === null) note(`no bids CSV written${which}: the release publishes no bid details`);
        else {
          const path = writeText(io, perLot(outBids, lot, many), bids);
          note(
            `wrote ${path} (${lot.bids.length} bids${lot.excludedBids.length ? `; ${lot.excludedBids.length} left out: ${lot.excludedBids.map((b) => `${b.bid} ${b.excluded}`).join('; ')}` : ''})`,
          );
        }
      }
    }
    if (outSuppliers !== undefined) {
      if (r.suppliers === null) note('no supplier register written: no awarded supplier');
      else {
        const path = writeText(io, outSuppliers, r.suppliers);
        note(`wrote ${path} (${s.suppliers.length} awarded suppliers; read it with spend --suppliers)`);
      }
    }
    if (outAwards !== undefined) {
      if (r.awards === null) note('no awards CSV written: no award');
      else {
        const path = writeText(io, outAwards, r.awards);
        note(`wrote ${path} (${s.awards.length} award${s.awards.length === 1 ? '' : 's'})`);
      }
    }
    if (outContract !== undefined) {
      if (r.contract === null) note('no contract file written: no award or contract');
      else {
        const path = writeText(io, outContract, r.contract);
        const c = s.contract;
        note(
          `wrote ${path} (contract value ${c.value ?? 'not published'}${c.value !== null && c.currency ? ` ${c.currency}` : ''}${c.start || c.end ? `, ${c.start ?? '?'} to ${c.end ?? '?'}` : ''}; read it with value --contract or monitor --contract)`,
        );
      }
    }
    return hasErrors(r.issues) ? 1 : 0;
  },
};
