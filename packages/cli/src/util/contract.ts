import type { Issue } from '@commonweal/core/issues';
import { dec, isDecimalString } from '@commonweal/core/money';
import { isPlainObject, locateJsonPaths, safeParseJson } from '@commonweal/json';
import type { OptionSpec } from '../command';
import { type CliIO, extension, readText, UsageError } from './io';
import { FatalIssues } from './load';

/** The contract file `commonweal ocds` writes (`contract.json`): made by the ocds flow, so the CLI and a page write the same file. */
export { type OcdsContractFile as ContractFile, ocdsContractFile as contractFile } from '@commonweal/flows';

function realDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** The `--contract FILE` option of `value` and `monitor`. */
export const CONTRACT_OPTION: Record<string, OptionSpec> = {
  contract: {
    type: 'string',
    value: 'FILE',
    description:
      'Contract file (contract.json, as `commonweal ocds` writes): gives the contract value and period when not set by their own options',
  },
};

/**
 * What `--contract FILE` gives: the contract value (a decimal string) and period, each
 * undefined when the file has none.
 *
 * @example
 * ```ts
 * readContractOption(io, 'out/contract.json'); // { value: '2437516.38', start: '2025-07-01', end: '2028-06-30' }
 * ```
 */
export function readContractOption(
  io: CliIO,
  file: unknown,
): { value?: string; start?: string; end?: string } | undefined {
  if (file === undefined) return undefined;
  if (typeof file !== 'string' || file === '') throw new UsageError('--contract needs a file name');
  if (extension(file, io) !== 'json') throw new UsageError(`--contract ${file}: expected a .json file`);
  const text = readText(io, file);
  const r = safeParseJson(text, { file });
  if (!r.ok) throw new FatalIssues(`${file} cannot be read as a contract file`, r.issues);
  const o = r.value;
  const issues: Issue[] = [];
  const out: { value?: string; start?: string; end?: string } = {};
  if (!isPlainObject(o)) {
    issues.push({ code: 'not_object', message: 'a contract file is a JSON object', file, path: [] });
    throw new FatalIssues(`${file} cannot be read as a contract file`, issues);
  }
  if (o.value !== undefined && o.value !== null) {
    const v = typeof o.value === 'number' ? dec(o.value).toFixed() : o.value;
    if (typeof v === 'string' && isDecimalString(v)) out.value = v;
    else
      issues.push({
        code: 'value_not_decimal',
        message: `value ${JSON.stringify(o.value)} is not a decimal such as "2437516.38"`,
        file,
        path: ['value'],
      });
  }
  for (const k of ['start', 'end'] as const) {
    const d = o[k];
    if (d === undefined || d === null) continue;
    if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && realDate(d)) out[k] = d;
    else
      issues.push({
        code: 'date_invalid',
        message: `${k} ${JSON.stringify(d)} is not a date written YYYY-MM-DD`,
        file,
        path: [k],
      });
  }
  if (issues.length) {
    const at = locateJsonPaths(
      text,
      issues.map((i) => i.path ?? []),
      { file },
    );
    const located = issues.map((i) => {
      const hit = at.get(JSON.stringify(i.path ?? []));
      return hit ? { ...i, line: hit.line, column: hit.column } : i;
    });
    throw new FatalIssues(`${file} cannot be read as a contract file`, located);
  }
  return out;
}
