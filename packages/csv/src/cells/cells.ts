import { type DateFormat, readDate } from '@commonweal/core/economy';
import type { IssueCode } from '@commonweal/core/issues';
import { Dec, type Decimal, type DecimalLike, dec, parseDecimal } from '@commonweal/core/money';

export type { DateFormat };

/**
 * Where a cell is, for parsers that want to word their messages (the reader adds line, column,
 * field and file to the issue itself). The reader reuses one context object: read it, do not
 * keep it.
 *
 * @example
 * ```ts
 * const parseCode: CellParser<string> = (cell, ctx) =>
 *   /^[A-Z]+\d+$/.test(cell.trim()) ? { ok: true, value: cell.trim() }
 *     : { ok: false, code: 'invalid_code', message: `"${cell}" is not a code like NT1 (column ${ctx.field})` };
 * ```
 */
export interface CellContext {
  /** 1-based physical line of the row. */
  line: number;
  /** 1-based field position in the row. */
  column: number;
  /** The header as written in the file. */
  field: string;
  /** The table's key for the column. */
  key: string;
  /** The table's name. */
  table: string;
}

/**
 * What a {@link CellParser} returns: a value (optionally with a warning that keeps the row), or
 * a code and a message saying what to write instead.
 *
 * @example
 * ```ts
 * const good: CellResult<number> = { ok: true, value: 2024 };
 * const bad: CellResult<number> = { ok: false, code: 'invalid_year', message: '"24" is not a year: write it in full, e.g. 2024' };
 * ```
 */
export type CellResult<T> =
  | { ok: true; value: T; warning?: { code: IssueCode; message: string } }
  | { ok: false; code: IssueCode; message: string };

/**
 * Parses one non-empty cell (the reader handles empty cells itself, by the column's `required`,
 * `allowEmpty` and `default`). Never throws for bad text: returns `{ ok: false, code, message }`.
 *
 * @example
 * ```ts
 * const upper: CellParser<string> = (cell) => ({ ok: true, value: cell.trim().toUpperCase() });
 * ```
 */
export type CellParser<T> = (cell: string, ctx: CellContext) => CellResult<T>;

const bad = (code: IssueCode, message: string): { ok: false; code: IssueCode; message: string } => ({
  ok: false,
  code,
  message,
});

/**
 * Shows a cell in a message: quoted, with invisible characters visible, and not too long.
 *
 * @example
 * ```ts
 * showCell('12\u00a0500'); // '"12\\u00A0500"'
 * ```
 */
export function showCell(cell: string): string {
  const t = cell.length > 40 ? `${cell.slice(0, 37)}...` : cell;
  return JSON.stringify(t).replace(/\\u00a0/gi, '\\u00A0');
}

/** Plain `-?digits(.digits)?` without regex: the common case in big files. */
function isPlainDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 30) return false;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0 && s.charCodeAt(n - 1) !== 46;
}

/**
 * A plain decimal (see isPlainDecimal) as a Decimal: short whole numbers go through a JS number,
 * which decimal.js takes without parsing text (exact: at most 7 digits).
 */
function plainDecimal(s: string): Decimal {
  if (s.length <= 7 && s.indexOf('.') === -1) return new Dec(Number(s));
  return new Dec(s);
}

/** Cells at most this long are remembered (shorter than V8's sliced strings: no chunk kept alive). */
const MEMO_CELL = 12;
const MEMO_SIZE = 1024;

/**
 * Remembers a context-free parser's answers for short cells (the first 1,024 texts seen): big
 * files repeat the same percentages and counts, and a Decimal is immutable, so rows may share it.
 */
function memo<T>(parse: (cell: string) => CellResult<T>): CellParser<T> {
  const seen = new Map<string, CellResult<T>>();
  return (cell) => {
    const hit = seen.get(cell);
    if (hit !== undefined) return hit;
    const r = parse(cell);
    if (cell.length <= MEMO_CELL && seen.size < MEMO_SIZE) seen.set(cell, r);
    return r;
  };
}

function numberProblem(
  cell: string,
  reason: string,
  example: string,
): { ok: false; code: IssueCode; message: string } {
  const shown = showCell(cell);
  if (/finite/.test(reason))
    return bad('not_finite', `${shown} is not a finite number: write a number such as ${example}`);
  if (/misplaced/.test(reason))
    return bad(
      'misplaced_thousands_separator',
      `${shown} has misplaced thousands separators: write it without commas (e.g. 1234) or with one every three digits (1,234)`,
    );
  if (/too large/.test(reason)) return bad('number_too_large', `${shown} is too large to be a number`);
  if (/percentage/.test(reason))
    return bad('percent_not_allowed', `${shown} is a percentage: write a plain number`);
  return bad('not_a_number', `${shown} is not a number: write digits, e.g. ${example}`);
}

/**
 * Options of {@link decimalCell}.
 *
 * @example
 * ```ts
 * const opts: DecimalCellOptions = { min: 0, percent: false };
 * ```
 */
export interface DecimalCellOptions {
  /** Accept `20%` as 0.2 (default false: a quantity written as a percentage is a mistake). */
  percent?: boolean;
  /** Accept `£`, `€`, `$` and thousands commas (default true). */
  currency?: boolean;
  /** Accept accounting negatives `(20)` (default true). */
  brackets?: boolean;
  /** Smallest value allowed (inclusive). */
  min?: DecimalLike;
  /** Largest value allowed (inclusive). */
  max?: DecimalLike;
  /** Example shown in messages (default `12.5`). */
  example?: string;
}

/**
 * A decimal cell (money, quantities), read as written — `1234.5`, `£1,234.50`, `(20)`, `-£20` —
 * straight into a `Decimal`, never through a float.
 *
 * Codes: `not_a_number`, `not_finite` (NaN, Infinity), `misplaced_thousands_separator`
 * (`1,23,4`), `percent_not_allowed`, `number_too_large`, `below_minimum`, `above_maximum`.
 *
 * @example
 * ```ts
 * const amount = decimalCell();
 * amount('£1,234.50', ctx); // { ok: true, value: Dec('1234.5') }
 * amount('(20)', ctx);      // { ok: true, value: Dec('-20') }
 * decimalCell({ min: 0 })('-1', ctx); // { ok: false, code: 'below_minimum', ... }
 * ```
 */
export function decimalCell(options: DecimalCellOptions = {}): CellParser<Decimal> {
  const parseOpts = {
    percent: options.percent ?? false,
    currency: options.currency ?? true,
    brackets: options.brackets ?? true,
  };
  const min = options.min === undefined ? undefined : dec(options.min);
  const max = options.max === undefined ? undefined : dec(options.max);
  const example = options.example ?? '12.5';
  return memo((cell) => {
    let value: Decimal;
    if (isPlainDecimal(cell)) value = plainDecimal(cell);
    else {
      const p = parseDecimal(cell, parseOpts);
      if (!p.ok) return numberProblem(cell, p.reason, example);
      value = p.value;
    }
    if (min !== undefined && value.lt(min))
      return bad(
        'below_minimum',
        `${showCell(cell)} is less than ${min.toString()}: write ${min.toString()} or more`,
      );
    if (max !== undefined && value.gt(max))
      return bad(
        'above_maximum',
        `${showCell(cell)} is more than ${max.toString()}: write ${max.toString()} or less`,
      );
    return { ok: true, value };
  });
}

/**
 * A fraction from 0 to 1 (deadweight, attribution, displacement, drop-off): `20%` or `0.2`.
 * A bare number above 1 is NOT read as a percentage — `20` could mean 20% or be a typo for
 * 0.20, so it is an issue asking for `20%` or `0.2`.
 *
 * Codes: `not_a_number`, `not_finite`, `fraction_too_large`, `fraction_negative`.
 *
 * @example
 * ```ts
 * const f = fractionCell();
 * f('20%', ctx);  // { ok: true, value: Dec('0.2') }
 * f('0.2', ctx);  // { ok: true, value: Dec('0.2') }
 * f('20', ctx);   // { ok: false, code: 'fraction_too_large', message: '"20" is more than 1: write 20% or 0.2' }
 * ```
 */
export function fractionCell(): CellParser<Decimal> {
  return memo((cell) => {
    let value: Decimal;
    let percent = false;
    const n = cell.length;
    if (isPlainDecimal(cell)) value = plainDecimal(cell);
    else if (n > 1 && cell.charCodeAt(n - 1) === 37 && isPlainDecimal(cell.slice(0, n - 1))) {
      // `20%`: shift the exponent instead of dividing (exact, and much faster)
      value = new Dec(`${cell.slice(0, n - 1)}e-2`);
      percent = true;
    } else {
      const p = parseDecimal(cell, { percent: true, currency: false, brackets: false });
      if (!p.ok) return numberProblem(cell, p.reason, '20% or 0.2');
      value = p.value;
      percent = p.percent;
    }
    if (value.isNegative()) {
      if (value.isZero()) return { ok: true, value: new Dec(0) };
      return bad(
        'fraction_negative',
        `${showCell(cell)} is negative: write a fraction from 0 to 1, e.g. 20% or 0.2`,
      );
    }
    if (value.gt(1)) {
      const shown = showCell(cell);
      if (percent)
        return bad('fraction_too_large', `${shown} is more than 100%: write a percentage from 0% to 100%`);
      const t = cell.trim();
      return bad(
        'fraction_too_large',
        `${shown} is more than 1: write ${t}% or ${value.dividedBy(100).toString()}`,
      );
    }
    return { ok: true, value };
  });
}

/**
 * Options of {@link integerCell}.
 *
 * @example
 * ```ts
 * const opts: IntegerCellOptions = { min: 1, max: 200 };
 * ```
 */
export interface IntegerCellOptions {
  /** Smallest value allowed (inclusive). */
  min?: number;
  /** Largest value allowed (inclusive). */
  max?: number;
  /** What the number counts, for messages (e.g. `years`). */
  unit?: string;
}

function isPlainInteger(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15) return false;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A whole number (counts, durations). `3.0` is read as 3; `2.5` is an issue.
 *
 * Codes: `not_a_number`, `not_finite`, `not_a_whole_number`, `out_of_range`.
 *
 * @example
 * ```ts
 * const duration = integerCell({ min: 1, max: 200, unit: 'years' });
 * duration('3', ctx);   // { ok: true, value: 3 }
 * duration('0', ctx);   // { ok: false, code: 'out_of_range', ... }
 * duration('1.5', ctx); // { ok: false, code: 'not_a_whole_number', ... }
 * ```
 */
export function integerCell(options: IntegerCellOptions = {}): CellParser<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, unit } = options;
  const range = rangeText(min, max);
  return (cell) => {
    let value: number;
    if (isPlainInteger(cell)) value = Number(cell);
    else {
      const p = parseDecimal(cell, { percent: false, currency: false, brackets: false });
      if (!p.ok) return numberProblem(cell, p.reason, String(Math.max(min, Math.min(max, 3))));
      if (!p.value.isInteger())
        return bad(
          'not_a_whole_number',
          `${showCell(cell)} is not a whole number: write a whole number${range}`,
        );
      if (p.value.abs().gt(Number.MAX_SAFE_INTEGER))
        return bad('out_of_range', `${showCell(cell)} is out of range: write a whole number${range}`);
      value = p.value.toNumber();
    }
    if (value < min || value > max) {
      return bad(
        'out_of_range',
        `${showCell(cell)} is out of range: write a whole number${range}${unit ? ` (${unit})` : ''}`,
      );
    }
    return { ok: true, value: value === 0 ? 0 : value };
  };
}

function rangeText(min: number, max: number): string {
  const lo = min > Number.MIN_SAFE_INTEGER;
  const hi = max < Number.MAX_SAFE_INTEGER;
  if (lo && hi) return ` from ${min} to ${max}`;
  if (lo) return ` of ${min} or more`;
  if (hi) return ` of ${max} or less`;
  return '';
}

/**
 * A calendar year, `2024` (default range 1900–2200, as in the core schemas). A date in a year
 * column (`2024-03-31`, `31/03/2024`) is an issue, not silently cut to its year.
 *
 * Codes: `year_looks_like_date`, `not_a_number`, `not_a_whole_number`, `out_of_range`.
 *
 * @example
 * ```ts
 * yearCell()('2024', ctx);       // { ok: true, value: 2024 }
 * yearCell()('2024.5', ctx);     // { ok: false, code: 'not_a_whole_number', ... }
 * yearCell()('31/03/2024', ctx); // { ok: false, code: 'year_looks_like_date', ... }
 * ```
 */
export function yearCell(options: { min?: number; max?: number } = {}): CellParser<number> {
  const { min = 1900, max = 2200 } = options;
  return (cell) => {
    const t = cell.trim();
    if (t.length === 4 && isPlainInteger(t)) {
      const y = Number(t);
      if (y >= min && y <= max) return { ok: true, value: y };
    }
    if (t.includes('/') || /^(\d{4}-\d|\d{1,2}[.-]\d{1,2}[.-]\d{2,4})/.test(t))
      return bad('year_looks_like_date', `${showCell(cell)} is a date: write just the year, e.g. 2024`);
    const p = parseDecimal(t, { percent: false, currency: false, brackets: false });
    if (!p.ok) return numberProblem(cell, p.reason, '2024');
    if (!p.value.isInteger())
      return bad(
        'not_a_whole_number',
        `${showCell(cell)} is not a year: write the year as four digits, e.g. 2024`,
      );
    return bad('out_of_range', `${showCell(cell)} is out of range: write a year from ${min} to ${max}`);
  };
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', 't', '1']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'f', '0']);

/**
 * A yes/no cell: `yes`, `no`, `y`, `n`, `true`, `false`, `1`, `0` (any case).
 *
 * Code: `invalid_boolean`.
 *
 * @example
 * ```ts
 * booleanCell()('Yes', ctx);   // { ok: true, value: true }
 * booleanCell()('maybe', ctx); // { ok: false, code: 'invalid_boolean', message: '"maybe" is not yes or no: write yes or no' }
 * ```
 */
export function booleanCell(): CellParser<boolean> {
  return (cell) => {
    const t = cell.trim().toLowerCase();
    if (TRUE_WORDS.has(t)) return { ok: true, value: true };
    if (FALSE_WORDS.has(t)) return { ok: true, value: false };
    return bad('invalid_boolean', `${showCell(cell)} is not yes or no: write yes or no`);
  };
}

/**
 * Options of {@link dateCell}: the file's date format (core `DateFormat`: `auto`, `dmy`,
 * `mdy`, `iso`, `excel`), or the older list of layouts allowed (`['iso', 'dmy']` is `dmy`,
 * `['dmy', 'mdy']` is `auto`).
 *
 * @example
 * ```ts
 * const o: DateCellOptions = { format: 'mdy' };
 * ```
 */
export interface DateCellOptions {
  /** How numeric dates are ordered (default `dmy`: UK files; ISO dates are always read). */
  format?: DateFormat;
  /** Layouts allowed (kept for callers of the first release); `format` wins. */
  formats?: readonly ('iso' | 'dmy' | 'mdy')[];
}

function formatFrom(options: DateCellOptions): DateFormat {
  if (options.format !== undefined) return options.format;
  const f = options.formats ?? ['iso', 'dmy'];
  const dmy = f.includes('dmy');
  const mdy = f.includes('mdy');
  return dmy && mdy ? 'auto' : dmy ? 'dmy' : mdy ? 'mdy' : 'iso';
}

/**
 * A calendar date, returned as an ISO `YYYY-MM-DD` string, read with core `readDate` (the one
 * date parser of the SDK): ISO dates and timestamps (Devon's `2017-07-03 00:00:00`), UK
 * `dd/mm/yyyy` by default, month names, and five-digit Excel serials (`43012`). Day = month
 * (`10/10/2017`) is one date whatever the order. Impossible dates (`31/02/2024`) and two-digit
 * years are issues; under `auto` a date that reads both ways (`03/04/2024`) is an issue, never
 * a guess.
 *
 * Codes: `invalid_date`, `impossible_date`, `ambiguous_date`.
 *
 * @example
 * ```ts
 * const date = dateCell(); // ISO and UK dd/mm/yyyy
 * date('2017-07-03 00:00:00', ctx); // { ok: true, value: '2017-07-03' }
 * date('31/03/2024', ctx);          // { ok: true, value: '2024-03-31' }
 * date('31/02/2024', ctx);          // { ok: false, code: 'impossible_date', ... }
 * ```
 */
export function dateCell(options: DateCellOptions = {}): CellParser<string> {
  const format = formatFrom(options);
  return (cell) => {
    const r = readDate(cell, format, { twoDigitYears: false });
    if (r.ok) return { ok: true, value: r.value };
    return bad(r.code, r.reason);
  };
}

/**
 * A name reduced to lower-case letters and digits (accents dropped), for matching headers and
 * choices case-, space-, underscore- and punctuation-insensitively.
 *
 * @example
 * ```ts
 * normalizeName('Drop-off'); // 'dropoff'
 * normalizeName('DROP_OFF'); // 'dropoff'
 * ```
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * One of a fixed set of values, matched case-, space- and punctuation-insensitively
 * (`First year only`, `first_year_only` and `firstYearOnly` all match `firstYearOnly`), with
 * optional extra spellings.
 *
 * Code: `invalid_choice`.
 *
 * @example
 * ```ts
 * const rule = enumCell(['perYear', 'firstYearOnly'] as const, { aliases: { annual: 'perYear' } });
 * rule('first year only', ctx); // { ok: true, value: 'firstYearOnly' }
 * rule('weekly', ctx);          // { ok: false, code: 'invalid_choice', ... }
 * ```
 */
export function enumCell<const T extends string>(
  values: readonly T[],
  options: { aliases?: Readonly<Record<string, T>> } = {},
): CellParser<T> {
  const lookup = new Map<string, T>();
  for (const v of values) lookup.set(normalizeName(v), v);
  for (const [alias, v] of Object.entries(options.aliases ?? {})) lookup.set(normalizeName(alias), v);
  const list = values.join(', ');
  return (cell) => {
    const v = lookup.get(normalizeName(cell));
    if (v !== undefined) return { ok: true, value: v };
    return bad('invalid_choice', `${showCell(cell)} is not one of: ${list}. Write one of these`);
  };
}

/**
 * Options of {@link textCell}.
 *
 * @example
 * ```ts
 * const opts: TextCellOptions = { maxLength: 200 };
 * ```
 */
export interface TextCellOptions {
  /** Trim spaces at both ends (default true). */
  trim?: boolean;
  /** Longest text allowed. */
  maxLength?: number;
}

/**
 * A text cell (trimmed by default).
 *
 * Code: `text_too_long`.
 *
 * @example
 * ```ts
 * textCell()('  NT1 ', ctx); // { ok: true, value: 'NT1' }
 * ```
 */
export function textCell(options: TextCellOptions = {}): CellParser<string> {
  const trim = options.trim ?? true;
  const max = options.maxLength ?? Number.POSITIVE_INFINITY;
  return (cell) => {
    const v = trim ? cell.trim() : cell;
    if (v.length > max)
      return bad('text_too_long', `the text is ${v.length} characters long: shorten it to ${max}`);
    return { ok: true, value: v.length >= SLICED ? detach(v) : v };
  };
}

/** V8 keeps strings of this length or more as slices of the text they were cut from. */
const SLICED = 13;

/**
 * A copy of a string that does not keep the chunk it was cut from alive: a value kept after the
 * read (a supplier name in a totals map) would otherwise hold its whole chunk of the file.
 */
function detach(s: string): string {
  return ` ${s}`.slice(1);
}
