// What the bench reads back from the command line's table outputs, to check that a timed run
// did the whole job (every row read, every score counted) and to compare it with the baseline.

/** Row counts of one file as a `commonweal` table output states them. */
export interface RowCounts {
  read: number;
  accepted: number;
  rejected: number;
}

/**
 * The first `Rows: N read, A accepted, R rejected` of a table output (value, spend), or for a
 * named file the counts after its name (evaluate); null when there is none.
 *
 * @example
 * ```ts
 * rowCounts('Rows: 100000 read, 99620 accepted, 380 rejected.'); // { read: 100000, accepted: 99620, rejected: 380 }
 * rowCounts('Rows: b.csv 4 read, 4 accepted, 0 rejected; s.csv 87 read, 86 accepted, 1 rejected.', 's.csv');
 * // { read: 87, accepted: 86, rejected: 1 }
 * ```
 */
export function rowCounts(text: string, file?: string): RowCounts | null {
  const name = file === undefined ? '' : `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `;
  const m = new RegExp(
    `${file === undefined ? 'Rows: ' : `(?:^|[\\s;:])`}${name}(\\d+) read, (\\d+) accepted, (\\d+) rejected`,
    'm',
  ).exec(text);
  return m ? { read: Number(m[1]), accepted: Number(m[2]), rejected: Number(m[3]) } : null;
}

/**
 * The local suppliers' amount from a `commonweal spend` table, as a plain decimal string.
 *
 * @example
 * ```ts
 * spendLocalTotal('Local suppliers   £1,724,119,646.21   32.2%  32097'); // '1724119646.21'
 * ```
 */
export function spendLocalTotal(text: string): string | null {
  return /^Local suppliers\s+£([\d,]+\.\d\d)/m.exec(text)?.[1]?.replaceAll(',', '') ?? null;
}

/**
 * The winning bid's id from a `commonweal evaluate` table.
 *
 * @example
 * ```ts
 * evaluationWinner('Winner: B0082 Bidder 82 Ltd, 88.47 out of 100.'); // 'B0082'
 * ```
 */
export function evaluationWinner(text: string): string | null {
  return /^Winner: (\S+)/m.exec(text)?.[1] ?? null;
}
