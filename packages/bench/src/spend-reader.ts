import { closeSync, openSync, readSync } from 'node:fs';
import { mapSpendHeaders, type SpendField, type SpendRowInput } from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import {
  booleanCell,
  type ColumnDef,
  type Columns,
  dateCell,
  decimalCell,
  defineTable,
  parseCsv,
  readTable,
  type TableReader,
  textCell,
} from '@commonweal/csv';
import { readFileSource } from '@commonweal/csv/node';

// The spend benchmark's reader, built on the generic table reader + core's mapSpendHeaders,
// for as long as @commonweal/csv has no spend reader of its own.

const text = textCell();
const PARSERS: Record<SpendField, ColumnDef['parse']> = {
  date: dateCell({ formats: ['iso', 'dmy'] }),
  supplierName: text,
  supplierId: text,
  amount: decimalCell(),
  transactionId: text,
  invoiceId: text,
  department: text,
  expenseType: text,
  purpose: text,
  cardTransaction: booleanCell(),
};
const REQUIRED = new Set<SpendField>(['date', 'supplierName', 'amount']);

/** The header row of a CSV file (its first record). */
export function readHeaderRow(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = parseCsv(buf.subarray(0, n).toString('utf8')).records[0];
    return first ? first.fields : [];
  } finally {
    closeSync(fd);
  }
}

/** A spend reader over one file: rows as `SpendRowInput` (with `line`), or the file's issues. */
export type SpendReader =
  | { ok: true; reader: TableReader<Columns, SpendRowInput>; vatBasis: 'inclusive' | 'exclusive' | undefined }
  | { ok: false; issues: Issue[] };

/** Maps the file's header with core's aliases and reads it with the generic table reader. */
export function openSpendFile(path: string): SpendReader {
  const mapped = mapSpendHeaders(readHeaderRow(path), { file: path });
  if (!mapped.ok) return { ok: false, issues: mapped.issues };
  const columns: Columns = {};
  for (const [field, header] of Object.entries(mapped.value.headers)) {
    const parse = PARSERS[field as SpendField];
    if (parse === undefined || header === undefined) continue;
    columns[field] = { header, required: REQUIRED.has(field as SpendField), parse };
  }
  const table = defineTable<Columns, SpendRowInput>({
    name: 'spend',
    columns,
    row: (v, ctx) => ({ ok: true, value: { ...(v as SpendRowInput), line: ctx.line } }),
  });
  const reader = readTable(readFileSource(path), table, { file: path, unknownColumns: 'ignore' });
  return { ok: true, reader, vatBasis: mapped.value.vatBasis };
}
