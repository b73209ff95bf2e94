import { addDays } from 'date-fns/addDays';
import { format as formatDate } from 'date-fns/format';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';

/**
 * How a file writes its dates: `auto` (ISO, month names, Excel serials, and numeric dates that
 * cannot be misread), `dmy` (UK `dd/mm/yyyy`), `mdy` (US `mm/dd/yyyy`), `iso` (`yyyy-mm-dd`
 * only) or `excel` (serial day numbers such as `43012`, as a spreadsheet stores them).
 *
 * @example
 * ```ts
 * readDate('03/07/2017', 'dmy' satisfies DateFormat); // 3 July 2017
 * ```
 */
export type DateFormat = 'auto' | 'dmy' | 'mdy' | 'iso' | 'excel';

/**
 * The names a user may give a date format (as the CLI's `--date-format` takes them), and the
 * format each means. `dd/mm/yyyy` and `dmy` are one format.
 *
 * @example
 * ```ts
 * DATE_FORMAT_NAMES['dd/mm/yyyy']; // 'dmy'
 * ```
 */
export const DATE_FORMAT_NAMES: Readonly<Record<string, DateFormat>> = {
  auto: 'auto',
  'dd/mm/yyyy': 'dmy',
  'mm/dd/yyyy': 'mdy',
  'yyyy-mm-dd': 'iso',
  excel: 'excel',
  dmy: 'dmy',
  mdy: 'mdy',
  iso: 'iso',
};

/**
 * Reads a date format's name (see {@link DATE_FORMAT_NAMES}), or `undefined` for an unknown one.
 *
 * @example
 * ```ts
 * dateFormatOf('mm/dd/yyyy'); // 'mdy'
 * dateFormatOf('dd.mm.yy');   // undefined
 * ```
 */
export function dateFormatOf(name: string): DateFormat | undefined {
  return DATE_FORMAT_NAMES[name.trim().toLowerCase()];
}

/**
 * Which day/month order a numeric date proves: `dmy` when its first number is above 12,
 * `mdy` when its second is, `same` when day and month are equal (both readings agree).
 *
 * @example
 * ```ts
 * const r = readDate('25/12/2024');
 * r.ok && r.order; // 'dmy'
 * ```
 */
export type DateOrder = 'dmy' | 'mdy' | 'same';

/**
 * Why a text is not a date: `invalid_date` (not a date layout), `impossible_date` (no such day,
 * e.g. 31/02/2024), `ambiguous_date` (reads as two real dates and no format says which).
 *
 * @example
 * ```ts
 * const c: DateProblemCode = 'ambiguous_date';
 * ```
 */
export type DateProblemCode = 'invalid_date' | 'impossible_date' | 'ambiguous_date';

/**
 * The result of {@link readDate}: an ISO date `YYYY-MM-DD` (with the order a numeric date
 * proves), or a code and a reason saying what to write. An ambiguous date carries both
 * readings, so a reader that later learns the file's convention can settle it.
 *
 * @example
 * ```ts
 * const r: DateReading = readDate('03/07/2017');
 * if (!r.ok && r.code === 'ambiguous_date') r.readings; // { dmy: '2017-07-03', mdy: '2017-03-07' }
 * ```
 */
export type DateReading =
  | { ok: true; value: string; order?: DateOrder }
  | {
      ok: false;
      code: DateProblemCode;
      reason: string;
      readings?: { dmy: string; mdy: string };
    };

/**
 * Options of {@link readDate}.
 *
 * @example
 * ```ts
 * const o: ReadDateOptions = { twoDigitYears: false, serials: false };
 * ```
 */
export interface ReadDateOptions {
  /** Read `03/07/17` as 2017 (default true); false makes a two-digit year an issue. */
  twoDigitYears?: boolean;
  /**
   * Read a bare five-digit number as an Excel serial date under `auto`, `dmy` and `mdy`
   * (default true: the column is known to hold dates). `excel` always reads serials.
   */
  serials?: boolean;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const NAMED = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]([A-Za-z]{3,9})[\s-](\d{4}|\d{2})$/;
const SERIAL = /^(\d{1,7})(?:\.\d+)?$/;
// Excel's day 0 is 30 December 1899 for serials after its phantom 29 February 1900 (serial 60).
const EXCEL_EPOCH = new Date(1899, 11, 30);
const EXCEL_MAX = 2958465; // 31 December 9999

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const show = (t: string) => JSON.stringify(t.length > 40 ? `${t.slice(0, 37)}...` : t);

/** null when y-m-d is a calendar date, else why not. */
function impossible(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12) return `there is no month ${m}`;
  const days = getDaysInMonth(new Date(y, m - 1, 1));
  if (d < 1 || d > days) return `${MONTH_NAMES[m - 1]} ${y} has ${days} days`;
  return null;
}

const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

function timeOk(h: string | undefined, mi: string | undefined, s: string | undefined): boolean {
  if (h === undefined) return true;
  return Number(h) <= 23 && Number(mi) <= 59 && (s === undefined || Number(s) <= 59);
}

const fail = (code: DateProblemCode, reason: string): DateReading => ({ ok: false, code, reason });

/**
 * An Excel serial day number as an ISO date (the time of day, the fraction, is dropped), or
 * `undefined` outside 1 January 1900 – 31 December 9999 and for Excel's phantom 29 February
 * 1900 (serial 60).
 *
 * @example
 * ```ts
 * excelSerialDate(43012); // '2017-10-04'
 * excelSerialDate(60);    // undefined
 * ```
 */
export function excelSerialDate(serial: number): string | undefined {
  const day = Math.floor(serial);
  if (!Number.isFinite(day) || day < 1 || day > EXCEL_MAX || day === 60) return undefined;
  // Before the phantom leap day the epoch is one day later.
  const date = addDays(EXCEL_EPOCH, day < 60 ? day + 1 : day);
  return formatDate(date, 'yyyy-MM-dd');
}

/**
 * Reads one date as written in a council or tender file into an ISO date (`YYYY-MM-DD`): the
 * one date parser of the SDK, used by the spend reader and every CSV date column.
 *
 * - ISO dates and timestamps (`2017-07-03`, `2017-07-03 00:00:00`, `2024-03-31T10:00:00Z`);
 * - month names (`3-Jul-2017`, `3 July 2017`, `3rd July 2017`);
 * - numeric `dd/mm/yyyy` (`dmy`) or `mm/dd/yyyy` (`mdy`), with `/`, `-` or `.`. Under `auto` a
 *   numeric date is read when it cannot be misread: its first number above 12 (`25/12/2024`
 *   is dd/mm), or day equal to month (`10/10/2017` is 10 October either way). `03/07/2017`
 *   is `ambiguous_date`, carrying both readings;
 * - Excel serial day numbers (`43012`): any under `excel`; five-digit ones under `auto`, `dmy`
 *   and `mdy` too (a date column cannot mean anything else by them).
 *
 * The time of day is dropped. Impossible dates (`31/02/2024`) are `impossible_date`.
 *
 * @example
 * ```ts
 * readDate('2017-07-03 00:00:00'); // { ok: true, value: '2017-07-03' }
 * readDate('10/10/2017');          // { ok: true, value: '2017-10-10', order: 'same' }
 * readDate('03/07/2017', 'dmy');   // { ok: true, value: '2017-07-03', order: … }
 * readDate('43012');               // { ok: true, value: '2017-10-04' }
 * ```
 */
export function readDate(
  text: string,
  format: DateFormat = 'auto',
  options: ReadDateOptions = {},
): DateReading {
  const t = text.trim();
  if (t === '') return fail('invalid_date', 'the date is empty');
  const layouts =
    format === 'dmy'
      ? 'dd/mm/yyyy'
      : format === 'mdy'
        ? 'mm/dd/yyyy'
        : format === 'iso'
          ? 'yyyy-mm-dd'
          : format === 'excel'
            ? 'an Excel serial day number such as 43012'
            : 'yyyy-mm-dd or dd/mm/yyyy';
  const serial = SERIAL.exec(t);
  const fiveDigits = serial?.[1]?.length === 5 && format !== 'iso' && options.serials !== false;
  if (serial && (format === 'excel' || fiveDigits)) {
    const v = excelSerialDate(Number(t));
    if (v !== undefined) return { ok: true, value: v };
    return fail('invalid_date', `${show(t)} is not an Excel serial date (1 to ${EXCEL_MAX}, not 60)`);
  }
  if (format === 'excel') return fail('invalid_date', `${show(t)} is not a date: write ${layouts}`);
  const isoMatch = ISO.exec(t);
  if (isoMatch) {
    const [y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
    const why = impossible(y, m, d);
    if (why)
      return fail('impossible_date', `${show(t)} is not a real date (${why}): check the day and month`);
    if (!timeOk(isoMatch[4], isoMatch[5], isoMatch[6]))
      return fail('invalid_date', `${show(t)} has an impossible time: write ${layouts}`);
    return { ok: true, value: iso(y, m, d) };
  }
  if (format === 'iso') return fail('invalid_date', `${show(t)} is not a date: write ${layouts}`);
  const twoDigit = options.twoDigitYears !== false;
  const named = NAMED.exec(t);
  if (named) {
    const m = MONTHS.indexOf(named[2]!.slice(0, 3).toLowerCase());
    if (m < 0) return fail('invalid_date', `${show(t)} has an unknown month name: write ${layouts}`);
    if (named[3]!.length === 2 && !twoDigit)
      return fail('invalid_date', `${show(t)} has a two-digit year: write the year in full (${layouts})`);
    const y = named[3]!.length === 2 ? 2000 + Number(named[3]) : Number(named[3]);
    const d = Number(named[1]);
    const why = impossible(y, m + 1, d);
    if (why)
      return fail('impossible_date', `${show(t)} is not a real date (${why}): check the day and month`);
    return { ok: true, value: iso(y, m + 1, d) };
  }
  const num = NUMERIC.exec(t);
  if (!num) return fail('invalid_date', `${show(t)} is not a date: write ${layouts}`);
  if (num[4]!.length === 2 && !twoDigit)
    return fail('invalid_date', `${show(t)} has a two-digit year: write the year in full (${layouts})`);
  if (!timeOk(num[5], num[6], num[7]))
    return fail('invalid_date', `${show(t)} has an impossible time: write ${layouts}`);
  const a = Number(num[1]);
  const b = Number(num[3]);
  const y = num[4]!.length === 2 ? 2000 + Number(num[4]) : Number(num[4]);
  const order: DateOrder | undefined = a === b ? 'same' : a > 12 ? 'dmy' : b > 12 ? 'mdy' : undefined;
  const asDmy = impossible(y, b, a);
  const asMdy = impossible(y, a, b);
  if (format === 'dmy') {
    if (asDmy)
      return fail(
        'impossible_date',
        `${show(t)} is not a real date (${asDmy}): check the day and month (dd/mm/yyyy)`,
      );
    return order ? { ok: true, value: iso(y, b, a), order } : { ok: true, value: iso(y, b, a) };
  }
  if (format === 'mdy') {
    if (asMdy)
      return fail(
        'impossible_date',
        `${show(t)} is not a real date (${asMdy}): check the day and month (mm/dd/yyyy)`,
      );
    return order ? { ok: true, value: iso(y, a, b), order } : { ok: true, value: iso(y, a, b) };
  }
  // auto
  if (order === 'same') {
    if (asDmy)
      return fail('impossible_date', `${show(t)} is not a real date (${asDmy}): check the day and month`);
    return { ok: true, value: iso(y, a, a), order };
  }
  if (asDmy === null && asMdy === null) {
    return {
      ok: false,
      code: 'ambiguous_date',
      reason: `${show(t)} could be ${a} ${MONTH_NAMES[b - 1]} or ${b} ${MONTH_NAMES[a - 1]} ${y}: declare the date format (dd/mm/yyyy for UK files)`,
      readings: { dmy: iso(y, b, a), mdy: iso(y, a, b) },
    };
  }
  if (asDmy === null) return { ok: true, value: iso(y, b, a), order: 'dmy' };
  if (asMdy === null) return { ok: true, value: iso(y, a, b), order: 'mdy' };
  return fail(
    'impossible_date',
    `${show(t)} is not a real date (${a > 12 ? asDmy : asMdy}): check the day and month`,
  );
}
