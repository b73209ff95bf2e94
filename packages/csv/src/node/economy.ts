import type { Priorities, PrioritiesOptions, SpendOptionsInput } from '@commonweal/core/economy';
import type { Result } from '@commonweal/core/issues';
import {
  analyseSpendCsv,
  type ReadSpendOptions,
  type SpendCsvAnalysis,
  type SpendProgressOptions,
  SpendReader,
} from '../economy/spend';
import { readSupplierRegisterCsv, type SupplierRegisterCsv } from '../economy/suppliers';
import { analysePrioritiesCsv } from '../economy/survey';
import type { ReadTableOptions } from '../table/read';
import { readFileSource } from './index';

/**
 * Streams a spend file from disk as typed rows (see `readSpend`); issues carry the file name.
 * The file is read in chunks, never whole.
 *
 * @example
 * ```ts
 * for await (const row of readSpendFile('spend-2024-q1.csv', { dateFormat: 'dmy' })) if (row.ok) acc.add(row.value);
 * ```
 */
export function readSpendFile(path: string, options: ReadSpendOptions = {}): SpendReader {
  return new SpendReader(readFileSource(path), { file: path, ...options });
}

/**
 * Streams a spend file from disk through a spend analysis in one pass (see `analyseSpendCsv`).
 *
 * @example
 * ```ts
 * const r = await analyseSpendFile('spend.csv', { spend: { local: ['EX1', 'EX2'], suppliers: register } });
 * ```
 */
export function analyseSpendFile(
  path: string,
  options: ReadSpendOptions & SpendProgressOptions & { spend?: SpendOptionsInput } = {},
): Promise<Result<SpendCsvAnalysis>> {
  return analyseSpendCsv(readFileSource(path), { file: path, ...options });
}

/**
 * Reads a supplier register from disk (see `readSupplierRegisterCsv`).
 *
 * @example
 * ```ts
 * const { register, issues } = await readSupplierRegisterFile('suppliers.csv');
 * ```
 */
export function readSupplierRegisterFile(
  path: string,
  options: ReadTableOptions = {},
): Promise<SupplierRegisterCsv> {
  return readSupplierRegisterCsv(readFileSource(path), { file: path, ...options });
}

/**
 * Reads a priority survey from disk and weighs it (see `analysePrioritiesCsv`).
 *
 * @example
 * ```ts
 * const r = await analysePrioritiesFile('survey.csv', { groups: 'equal' });
 * ```
 */
export function analysePrioritiesFile(
  path: string,
  options: ReadTableOptions & PrioritiesOptions = {},
): Promise<Result<Priorities>> {
  return analysePrioritiesCsv(readFileSource(path), { file: path, ...options });
}
