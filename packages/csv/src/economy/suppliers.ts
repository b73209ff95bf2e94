import {
  buildSupplierRegister,
  type SupplierRecordInput,
  type SupplierRegister,
} from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import { booleanCell, textCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadTableOptions, type ResolvedColumn, readAll, type TableCounts } from '../table/read';
import { defineTable } from '../table/table';

const text = textCell();
const flag = booleanCell();

/**
 * The columns of a supplier register, `supplier_id,supplier_name,postcode,sme,vcse,cooperative`
 * (core `SUPPLIER_REGISTER_COLUMNS`). Only `supplier_name` is required; flags are yes/no,
 * true/false, y/n or 1/0, and a blank flag means "not known" (never "no").
 *
 * @example
 * ```ts
 * // supplier_id,supplier_name,postcode,sme,vcse,cooperative
 * // S001,Exe Valley Bakers Ltd,EX1 2AB,yes,no,no
 * ```
 */
export const SUPPLIER_COLUMNS = {
  supplierId: {
    header: 'supplier_id',
    aliases: ['supplier id', 'supplier ref', 'supplier reference'],
    parse: text,
  },
  supplierName: {
    header: 'supplier_name',
    aliases: ['supplier', 'beneficiary name', 'name'],
    required: true,
    parse: text,
  },
  postcode: { header: 'postcode', aliases: ['post code', 'postal code'], parse: text },
  sme: { header: 'sme', parse: flag },
  vcse: { header: 'vcse', parse: flag },
  cooperative: { header: 'cooperative', aliases: ['co-op', 'coop', 'co-operative or mutual'], parse: flag },
} as const;

const supplierTable = defineTable({
  name: 'supplier register',
  columns: SUPPLIER_COLUMNS,
  row: (v, ctx) => {
    const r: SupplierRecordInput = { supplierName: v.supplierName, line: ctx.line };
    if (v.supplierId !== undefined && v.supplierId !== '') r.supplierId = v.supplierId;
    if (v.postcode !== undefined && v.postcode !== '') r.postcode = v.postcode;
    if (v.sme !== undefined) r.sme = v.sme;
    if (v.vcse !== undefined) r.vcse = v.vcse;
    if (v.cooperative !== undefined) r.cooperative = v.cooperative;
    return { ok: true, value: r };
  },
});

/**
 * What {@link readSupplierRegisterCsv} gives: the register (built by core
 * `buildSupplierRegister`, so a repeated id keeps the first record and an invalid postcode
 * leaves the location unknown), every issue, and counts covering both the reader's and the
 * register's rejections (`read = accepted + rejected`).
 *
 * @example
 * ```ts
 * const r: SupplierRegisterCsv = await readSupplierRegisterCsv(text, { file: 'suppliers.csv' });
 * r.register.size; // suppliers kept
 * ```
 */
export interface SupplierRegisterCsv {
  /** No error issue (file-level or row). */
  ok: boolean;
  /** False when the file could not be read as a register at all (then the register is empty). */
  usable: boolean;
  register: SupplierRegister;
  issues: Issue[];
  counts: TableCounts;
  columns: ResolvedColumn[];
}

/**
 * Reads a supplier register CSV into a core `SupplierRegister` for classifying spend as local,
 * SME, VCSE or co-operative. The register is held in memory (it is a lookup table, one row per
 * supplier); for a spend file, stream with `readSpend` instead.
 *
 * @example
 * ```ts
 * const r = await readSupplierRegisterCsv(
 *   'supplier_id,supplier_name,postcode,sme,vcse,cooperative\nS1,Exe Bakers Ltd,EX1 2AB,yes,no,\n',
 * );
 * r.register.byId.get('S1')?.postcode?.district; // 'EX1'
 * ```
 */
export async function readSupplierRegisterCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<SupplierRegisterCsv> {
  const read = await readAll(source, supplierTable, options);
  const usable = read.counts.read > 0 || !read.issues.some((i) => i.severity !== 'warning');
  const built = buildSupplierRegister(read.rows);
  // buildSupplierRegister always gives a register; its issues carry the line, add the file.
  const register = built.ok
    ? built.value
    : (buildSupplierRegister([]) as { ok: true; value: SupplierRegister }).value;
  const registerIssues = built.issues.map((i) =>
    options.file !== undefined && i.file === undefined ? { ...i, file: options.file } : i,
  );
  const rejected = read.counts.rejected + register.rows.rejected;
  const issues = [...read.issues, ...registerIssues];
  return {
    ok: !issues.some((i) => i.severity !== 'warning'),
    usable,
    register,
    issues,
    counts: { ...read.counts, accepted: read.counts.read - rejected, rejected },
    columns: read.columns,
  };
}
