import { type DateFormat, readDate } from './dates';

/**
 * Period granularities for spend analysis: calendar `month` (`2024-04`), calendar `quarter`
 * (`2024-Q2` = April–June), UK local-government `financialYear` April–March (`2024-25`), and
 * `financialQuarter` (`2024-25 Q1` = April–June).
 *
 * @example
 * ```ts
 * const g: PeriodGranularity = 'financialYear';
 * ```
 */
export type PeriodGranularity = 'month' | 'quarter' | 'financialYear' | 'financialQuarter';

/**
 * The granularities, in the order results list them.
 *
 * @example
 * ```ts
 * PERIOD_GRANULARITIES[0]; // 'month'
 * ```
 */
export const PERIOD_GRANULARITIES: readonly PeriodGranularity[] = [
  'month',
  'quarter',
  'financialYear',
  'financialQuarter',
];

/**
 * The result of reading a date: an ISO date `YYYY-MM-DD`, or a reason.
 *
 * @example
 * ```ts
 * const d: ParsedDate = parseSpendDate('31/03/2025'); // { ok: true, value: '2025-03-31' }
 * ```
 */
export type ParsedDate = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Reads a spend-file date into an ISO date (`YYYY-MM-DD`) with {@link readDate}, the one date
 * parser (kept for callers that want only the value or the reason).
 *
 * @example
 * ```ts
 * parseSpendDate('2017-07-03 00:00:00'); // { ok: true, value: '2017-07-03' }
 * parseSpendDate('03/07/2017', 'dmy');    // { ok: true, value: '2017-07-03' }
 * parseSpendDate('10/10/2017');           // { ok: true, value: '2017-10-10' } (day = month)
 * parseSpendDate('03/07/2017');           // { ok: false, reason: '… could be 3 July or 7 March …' }
 * ```
 */
export function parseSpendDate(text: string, format: DateFormat = 'auto'): ParsedDate {
  const r = readDate(text, format);
  return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.reason };
}

function parts(date: string): [number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}

/**
 * The UK local-government financial year (1 April – 31 March) of an ISO date, as `YYYY-YY`.
 *
 * @example
 * ```ts
 * financialYear('2025-03-31'); // '2024-25'
 * financialYear('2025-04-01'); // '2025-26'
 * ```
 */
export function financialYear(date: string): string {
  const [y, m] = parts(date);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The period label of an ISO date at a granularity (see {@link PeriodGranularity}).
 *
 * @example
 * ```ts
 * periodOf('2024-05-10', 'month');            // '2024-05'
 * periodOf('2024-05-10', 'quarter');          // '2024-Q2'
 * periodOf('2024-05-10', 'financialYear');    // '2024-25'
 * periodOf('2024-05-10', 'financialQuarter'); // '2024-25 Q1'
 * ```
 */
export function periodOf(date: string, granularity: PeriodGranularity): string {
  const [y, m] = parts(date);
  switch (granularity) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'financialYear':
      return financialYear(date);
    case 'financialQuarter':
      return `${financialYear(date)} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
  }
}
