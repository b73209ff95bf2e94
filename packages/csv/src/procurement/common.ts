import type { Issue, IssueCode } from '@commonweal/core/issues';
import type { ReadAllResult } from '../table/read';

/**
 * Rejects every row whose key is shared with another row (`duplicate`), so the result never
 * depends on which row comes first; the counts move those rows from accepted to rejected
 * (`read = accepted + rejected` still holds) and the issues stay in line order.
 *
 * @example
 * ```ts
 * const r = rejectDuplicates(await readAll(text, table), {
 *   key: (b) => b.bid, column: 'bid', code: 'duplicate_bid',
 *   message: (b, others) => `bid "${b.bid}" is also on line ${others}: give each bid its own id`,
 * });
 * ```
 */
export function rejectDuplicates<T extends { line?: number | undefined }>(
  read: ReadAllResult<T>,
  rule: {
    key: (row: T) => string;
    column: string;
    code: IssueCode;
    message: (row: T, otherLines: string) => string;
    file?: string | undefined;
  },
): ReadAllResult<T> {
  const lines = new Map<string, number[]>();
  for (const row of read.rows) {
    const k = rule.key(row);
    lines.set(k, [...(lines.get(k) ?? []), row.line ?? 0]);
  }
  const col = read.columns.find((c) => c.key === rule.column);
  const kept: T[] = [];
  const dup: Issue[] = [];
  for (const row of read.rows) {
    const at = lines.get(rule.key(row)) ?? [];
    if (at.length < 2) {
      kept.push(row);
      continue;
    }
    const others = at.filter((l) => l !== row.line).join(', ');
    const i: Issue = {
      code: rule.code,
      message: rule.message(row, others),
      field: col?.header ?? rule.column,
    };
    if (row.line !== undefined) i.line = row.line;
    if (col) i.column = col.column;
    if (rule.file !== undefined) i.file = rule.file;
    dup.push(i);
  }
  if (dup.length === 0) return read;
  // File-level issues (no line) first, then rows in line order; the sort is stable.
  const issues = [...read.issues, ...dup].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const rejected = read.counts.rejected + dup.length;
  return {
    ok: false,
    rows: kept,
    issues,
    counts: { ...read.counts, accepted: read.counts.read - rejected, rejected },
    columns: read.columns,
  };
}

/**
 * Puts the file name on an issue, when one is known.
 *
 * @example
 * ```ts
 * inFile({ code: 'x', message: 'y', line: 2 }, 'bids.csv').file; // 'bids.csv'
 * ```
 */
export function inFile(i: Issue, file: string | undefined): Issue {
  return file === undefined ? i : { ...i, file };
}
