import { Dec, type Decimal } from './decimal';

/** Options for {@link parseDecimal}. */
export interface ParseDecimalOptions {
  /** Accept `20%` and return 0.2 (default true). */
  percent?: boolean;
  /** Accept currency symbols (`£`, `€`, `$`) and thousands separators (default true). */
  currency?: boolean;
  /** Accept accounting negatives written in brackets, `(1,234.50)` (default true). */
  brackets?: boolean;
}

/** What {@link parseDecimal} returns. */
export type ParsedDecimal = { ok: true; value: Decimal; percent: boolean } | { ok: false; reason: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Reads a number as written in a spreadsheet cell: `1234.5`, `£1,234.50`, `-£20`, `(20.00)`,
 * `20%` (→ 0.2), `1e3`. The text is parsed as a decimal directly, never through a binary float.
 * Returns a reason a spreadsheet user understands when the text is not a number.
 *
 * @example
 * ```ts
 * parseDecimal('£1,234.50'); // { ok: true, value: Dec('1234.5'), percent: false }
 * parseDecimal('20%');       // { ok: true, value: Dec('0.2'), percent: true }
 * parseDecimal('ten');       // { ok: false, reason: '"ten" is not a number' }
 * ```
 */
export function parseDecimal(text: string, options: ParseDecimalOptions = {}): ParsedDecimal {
  const { percent: allowPercent = true, currency = true, brackets = true } = options;
  let t = text.trim();
  if (t === '') return { ok: false, reason: 'the cell is empty' };
  let negative = false;
  if (brackets && t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  let isPercent = false;
  if (t.endsWith('%')) {
    if (!allowPercent) return { ok: false, reason: `"${text}" is a percentage; write a plain number` };
    isPercent = true;
    t = t.slice(0, -1).trim();
  }
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t.startsWith('-')) negative = !negative;
    t = t.slice(1).trim();
  }
  if (currency && /^[£€$]/.test(t)) t = t.slice(1).trim();
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  if (currency && GROUPED.test(t)) t = t.replace(/,/g, '');
  if (!NUMBER.test(t)) {
    if (/^-?(nan|infinity|inf)$/i.test(t)) return { ok: false, reason: `"${text}" is not a finite number` };
    if (/\d,\d/.test(t)) return { ok: false, reason: `"${text}" has misplaced thousands separators` };
    return { ok: false, reason: `"${text}" is not a number` };
  }
  let value = new Dec(t);
  if (!value.isFinite()) return { ok: false, reason: `"${text}" is too large` };
  if (negative) value = value.negated();
  if (isPercent) value = value.dividedBy(100);
  return { ok: true, value, percent: isPercent };
}
