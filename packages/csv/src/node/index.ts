import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Framework } from '@commonweal/core/framework';
import type { Result } from '@commonweal/core/issues';
import type { Entry } from '@commonweal/core/valuation';
import { type ENTRY_COLUMNS, type ReadEntriesOptions, readEntries, readEntriesCsv } from '../entries/entries';
import { type ReadMeasuresOptions, readMeasuresCsv } from '../measures/measures';
import {
  type ReadAllResult,
  type ReadTableOptions,
  readAll,
  readTable,
  type TableReader,
} from '../table/read';
import type { Columns, Table } from '../table/table';
import { type CellValue, type CsvColumn, type CsvWriteOptions, csvLines, toCsvLines } from '../writer/writer';

/**
 * Options of {@link readFileSource}.
 *
 * @example
 * ```ts
 * const opts: FileSourceOptions = { highWaterMark: 1 << 20 };
 * ```
 */
export interface FileSourceOptions {
  /**
   * Chunk size in bytes (default 64 KiB, Node's own default for files: bigger chunks leave more
   * memory in flight between garbage collections without reading any faster).
   */
  highWaterMark?: number;
}

/**
 * A file as an async iterable of byte chunks (Node streams), for any `@commonweal/csv`
 * reader. Memory stays flat however big the file is. A file that cannot be opened ends the
 * read with a `read_failed` issue, not an exception.
 *
 * @example
 * ```ts
 * import { readFileSource } from '@commonweal/csv/node';
 * const reader = readEntries(readFileSource('bid-a.csv'), { file: 'bid-a.csv' });
 * ```
 */
export function readFileSource(path: string, options: FileSourceOptions = {}): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () =>
      createReadStream(path, { highWaterMark: options.highWaterMark ?? 64 * 1024 })[Symbol.asyncIterator](),
  };
}

/**
 * Streams a typed table from a file (see `readTable`); issues carry the file name.
 *
 * @example
 * ```ts
 * for await (const row of readTableFile('spend.csv', spendTable)) if (!row.ok) console.log(row.issues);
 * ```
 */
export function readTableFile<C extends Columns, R>(
  path: string,
  table: Table<C, R>,
  options: ReadTableOptions = {},
): TableReader<C, R> {
  return readTable(readFileSource(path), table, { file: path, ...options });
}

/**
 * Reads a whole typed table from a file (see `readAll`).
 *
 * @example
 * ```ts
 * const { rows, issues, counts } = await readAllFile('spend.csv', spendTable);
 * ```
 */
export function readAllFile<C extends Columns, R>(
  path: string,
  table: Table<C, R>,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<R>> {
  return readAll(readFileSource(path), table, { file: path, ...options });
}

/**
 * Streams entries from a file (see `readEntries`).
 *
 * @example
 * ```ts
 * for await (const row of readEntriesFile('bid-a.csv')) if (row.ok) console.log(row.value.measure);
 * ```
 */
export function readEntriesFile(
  path: string,
  options: ReadEntriesOptions = {},
): TableReader<typeof ENTRY_COLUMNS, Entry> {
  return readEntries(readFileSource(path), { file: path, ...options });
}

/**
 * Reads all entries of a file (see `readEntriesCsv`).
 *
 * @example
 * ```ts
 * const { entries, issues, counts } = await readEntriesCsvFile('bid-a.csv');
 * ```
 */
export function readEntriesCsvFile(
  path: string,
  options: ReadEntriesOptions = {},
): ReturnType<typeof readEntriesCsv> {
  return readEntriesCsv(readFileSource(path), { file: path, ...options });
}

/**
 * Reads a measures file into a framework (see `readMeasuresCsv`).
 *
 * @example
 * ```ts
 * const fw = await readMeasuresFile('measures.csv', { id: 'local-toms' });
 * ```
 */
export function readMeasuresFile(
  path: string,
  options: ReadMeasuresOptions = {},
): Promise<Result<Framework>> {
  return readMeasuresCsv(readFileSource(path), { file: path, ...options });
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([e]) => {
    throw e;
  });
  failed.catch(() => undefined);
  try {
    let buf = '';
    for (const line of lines) {
      buf += line;
      if (buf.length >= 64 * 1024) {
        if (!out.write(buf)) await Promise.race([once(out, 'drain'), failed]);
        buf = '';
      }
    }
    if (buf) out.write(buf);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } finally {
    if (!out.writableFinished) out.destroy();
  }
}

/**
 * Writes objects to a CSV file with the given columns (see `toCsv`), streaming with
 * backpressure so big outputs never sit whole in memory. Text cells are neutralised against
 * formula injection; decimals and numbers are written plainly.
 *
 * @example
 * ```ts
 * await writeCsvFile('out.csv', lines, ['measure', { header: 'value', value: (l) => l.value }]);
 * ```
 */
export function writeCsvFile<T>(
  path: string,
  rows: Iterable<T>,
  columns: readonly CsvColumn<T>[],
  options: CsvWriteOptions = {},
): Promise<void> {
  return writeLines(path, toCsvLines(rows, columns, options));
}

/**
 * Writes records (arrays of cells, header included if you want one) to a CSV file.
 *
 * @example
 * ```ts
 * await writeCsvRecordsFile('out.csv', [['code', 'value'], ['NT1', dec('12.5')]]);
 * ```
 */
export function writeCsvRecordsFile(
  path: string,
  records: Iterable<readonly CellValue[]>,
  options: CsvWriteOptions = {},
): Promise<void> {
  return writeLines(path, csvLines(records, options));
}
export { analysePrioritiesFile, analyseSpendFile, readSpendFile, readSupplierRegisterFile } from './economy';
