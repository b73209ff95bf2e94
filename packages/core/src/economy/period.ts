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
 * How day and month are ordered in numeric dates (`auto` accepts only unambiguous ones).
 *
 * @example
 * ```ts
 * parseSpendDate('03/07/2017', 'dmy' satisfies DateFormat); // 3 July 2017
 * ```
 */
export type DateFormat = 'iso' | 'dmy' | 'mdy' | 'auto';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;
const NAMED = /^(\d{1,2})[\s-]([A-Za-z]{3,9})[\s-](\d{4}|\d{2})$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function build(text: string, y: number, m: number, d: number): ParsedDate {
  if (m < 1 || m > 12) return { ok: false, reason: `"${text}" has no month ${m}` };
  if (d < 1 || d > daysIn(y, m)) return { ok: false, reason: `"${text}" is not a calendar date` };
  return {
    ok: true,
    value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  };
}

const year4 = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * Reads a spend-file date into an ISO date (`YYYY-MM-DD`): ISO dates and timestamps
 * (`2017-07-03 00:00:00`, Devon), UK `dd/mm/yyyy` (East Cambridgeshire) when declared `dmy`,
 * `mm/dd/yyyy` when declared `mdy`, and `3-Jul-2017` / `3 July 2017` always. Without a declared
 * format (`auto`) a numeric date is read only when it cannot be misread (day above 12); otherwise
 * the reason asks for the format. Two-digit years are read as 20yy. The time of day is dropped.
 *
 * @example
 * ```ts
 * parseSpendDate('2017-07-03 00:00:00'); // { ok: true, value: '2017-07-03' }
 * parseSpendDate('03/07/2017', 'dmy');    // { ok: true, value: '2017-07-03' }
 * parseSpendDate('03/07/2017');           // { ok: false, reason: '… could be 3 July or 7 March …' }
 * ```
 */
export function parseSpendDate(text: string, format: DateFormat = 'auto'): ParsedDate {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'the date is empty' };
  const iso = ISO.exec(t);
  if (iso) return build(t, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const named = NAMED.exec(t);
  if (named) {
    const m = MONTHS.indexOf(named[2]!.slice(0, 3).toLowerCase());
    if (m < 0) return { ok: false, reason: `"${text}" has an unknown month name` };
    return build(t, year4(named[3]!), m + 1, Number(named[1]));
  }
  const num = NUMERIC.exec(t);
  if (num && format !== 'iso') {
    const a = Number(num[1]);
    const b = Number(num[2]);
    const y = year4(num[3]!);
    if (format === 'dmy') return build(t, y, b, a);
    if (format === 'mdy') return build(t, y, a, b);
    if (a > 12) return build(t, y, b, a);
    if (b > 12)
      return {
        ok: false,
        reason: `"${text}" looks like month/day/year: declare the date format (dmy or mdy)`,
      };
    return {
      ok: false,
      reason: `"${text}" could be ${a} ${MONTHS[b - 1] ?? '?'} or ${b} ${MONTHS[a - 1] ?? '?'}: declare the date format (dmy for UK files)`,
    };
  }
  return { ok: false, reason: `"${text}" is not a date (write YYYY-MM-DD or dd/mm/yyyy)` };
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
