import { CommonwealError } from '@commonweal/core/issues';
import { type Decimal, isDecimal } from '@commonweal/core/money';
import { isPlainObject } from '../parse/check';

/**
 * Options for {@link canonicalStringify}.
 *
 * @example
 * ```ts
 * const options: CanonicalOptions = { indent: 2, finalNewline: true };
 * ```
 */
export interface CanonicalOptions {
  /** Spaces (a number, at most 10) or a string (at most 10 characters) per level; none by default. */
  indent?: number | string;
  /** End the text with `\n` (default false). */
  finalNewline?: boolean;
}

/** A decimal from any copy of decimal.js: `isDecimal` catches core's; this catches the rest. */
function isDecimalLike(value: object): value is Decimal {
  if (isDecimal(value)) return true;
  const v = value as Partial<
    Record<'toFixed' | 'toExponential' | 'isFinite' | 'isZero' | 'e' | 's' | 'd', unknown>
  >;
  return (
    typeof v.toFixed === 'function' &&
    typeof v.toExponential === 'function' &&
    typeof v.isFinite === 'function' &&
    typeof v.isZero === 'function' &&
    typeof v.s === 'number' &&
    (typeof v.e === 'number' || Number.isNaN(v.e)) &&
    'd' in v
  );
}

/**
 * The canonical text of a decimal: plain notation (`1234.5`, `-0.000001`) when its exponent is
 * between −40 and 40 exclusive, as core's `Dec` prints it, otherwise exponent notation
 * (`1.5e+400`); never trailing zeros, and `0` for either zero. It does not depend on how the
 * decimal's constructor is configured.
 *
 * Throws `CommonwealError` (`not_finite`) for `NaN` or `±Infinity`.
 *
 * @example
 * ```ts
 * canonicalDecimal(dec('1234.50')); // '1234.5'
 * canonicalDecimal(dec('1e400')); // '1e+400'
 * canonicalDecimal(dec('-0')); // '0'
 * ```
 */
export function canonicalDecimal(d: Decimal): string {
  if (!d.isFinite())
    throw new CommonwealError('not_finite', `decimal ${String(d)} cannot be written as JSON`);
  if (d.isZero()) return '0';
  return d.e > -40 && d.e < 40 ? d.toFixed() : d.toExponential();
}

type Entry = [key: string | null, value: unknown];
type Prepared = { text: string } | { open: string; close: string; entries: Entry[]; sources: object[] };

/** Paths are built only for error messages (building one per value would be quadratic in depth). */
type LazyPath = () => (string | number)[];

function notJson(path: LazyPath, what: string, fix: string): CommonwealError {
  const p = path();
  const at = p.length ? ` at ${p.join('.')}` : '';
  return new CommonwealError('not_json', `${what}${at} cannot be written as canonical JSON: ${fix}`);
}

function prepare(value: unknown, path: LazyPath, allowToJSON = true): Prepared {
  switch (typeof value) {
    case 'string':
      return { text: JSON.stringify(value) };
    case 'boolean':
      return { text: value ? 'true' : 'false' };
    case 'number':
      if (!Number.isFinite(value))
        throw notJson(path, String(value), 'use a finite number (or a decimal string)');
      return { text: JSON.stringify(value) };
    case 'bigint':
      throw notJson(path, `the bigint ${value}n`, 'convert it to a decimal string or a Decimal first');
    case 'undefined':
      throw notJson(path, 'undefined', 'use null, or leave the property out');
    case 'function':
    case 'symbol':
      throw notJson(path, `a ${typeof value}`, 'remove it');
  }
  if (value === null) return { text: 'null' };
  const obj = value as object;
  if (Array.isArray(obj)) {
    return { open: '[', close: ']', entries: obj.map((v): Entry => [null, v]), sources: [obj] };
  }
  if (isPlainObject(obj)) {
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { open: '{', close: '}', entries: keys.map((k): Entry => [k, obj[k]]), sources: [obj] };
  }
  if (isDecimalLike(obj)) {
    if (!obj.isFinite()) throw notJson(path, `the decimal ${String(obj)}`, 'decimals must be finite');
    return { text: JSON.stringify(canonicalDecimal(obj)) };
  }
  if (obj instanceof Date) {
    if (Number.isNaN(obj.getTime())) throw notJson(path, 'an invalid Date', 'use a valid date');
    return { text: JSON.stringify(obj.toISOString()) };
  }
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (allowToJSON && typeof toJSON === 'function') {
    const key = path().at(-1);
    const p = prepare(toJSON.call(obj, key === undefined ? '' : String(key)), path, false);
    if ('sources' in p) p.sources.push(obj);
    return p;
  }
  const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw notJson(path, `a ${name}`, 'convert it to plain data (or give its class a toJSON method)');
}

type Frame = { prepared: Extract<Prepared, { entries: Entry[] }>; i: number; depth: number };

/**
 * Canonical JSON: the same value always gives the same text, byte for byte.
 *
 * - object keys sorted by UTF-16 code units; properties whose value is `undefined` left out;
 * - arrays keep their order;
 * - decimals (any decimal.js instance) written as strings by {@link canonicalDecimal};
 *   `Date`s as ISO 8601 strings; other objects with a `toJSON` method as what it returns;
 * - strings and numbers as `JSON.stringify` writes them (`-0` as `0`).
 *
 * Without `indent`, the text for plain JSON data (strings, safe numbers, booleans, null, arrays,
 * objects) is the RFC 8785 (JCS) canonical form. `NaN`, `Infinity`, bigints, functions, symbols,
 * `undefined` (as a value or array item), cycles and class instances without `toJSON` are
 * programmer errors and throw `CommonwealError` (`not_json`): the output never contains
 * `NaN`, `Infinity` or `undefined`. Iterative, so deep values do not overflow the stack.
 *
 * @example
 * ```ts
 * canonicalStringify({ b: dec('1.50'), a: [2, 1], c: undefined }); // '{"a":[2,1],"b":"1.5"}'
 * canonicalStringify({ b: 1, a: true }, { indent: 2, finalNewline: true }); // '{\n  "a": true,\n  "b": 1\n}\n'
 * ```
 */
export function canonicalStringify(value: unknown, options: CanonicalOptions = {}): string {
  const unit =
    typeof options.indent === 'number'
      ? ' '.repeat(Math.max(0, Math.min(10, Math.floor(options.indent))))
      : (options.indent ?? '').slice(0, 10);
  const colon = unit ? ': ' : ':';
  const out: string[] = [];
  const stack: Frame[] = [];
  const ancestors = new Set<object>();
  const path = (): (string | number)[] => stack.map((f) => f.prepared.entries[f.i - 1]?.[0] ?? f.i - 1);

  const emit = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      out.push(JSON.stringify(v));
      return;
    }
    const p = prepare(v, path);
    if ('text' in p) {
      out.push(p.text);
      return;
    }
    for (const s of p.sources) {
      if (ancestors.has(s))
        throw notJson(path, 'a value that contains itself', 'JSON data cannot be circular');
    }
    if (p.entries.length === 0) {
      out.push(p.open + p.close);
      return;
    }
    for (const s of p.sources) ancestors.add(s);
    out.push(p.open);
    stack.push({ prepared: p, i: 0, depth });
  };

  emit(value, 0);
  while (stack.length) {
    const f = stack[stack.length - 1] as Frame;
    const { entries, close, sources } = f.prepared;
    if (f.i === entries.length) {
      if (unit) out.push(`\n${unit.repeat(f.depth)}`);
      out.push(close);
      for (const s of sources) ancestors.delete(s);
      stack.pop();
      continue;
    }
    const [key, v] = entries[f.i] as Entry;
    if (f.i > 0) out.push(',');
    if (unit) out.push(`\n${unit.repeat(f.depth + 1)}`);
    if (key !== null) out.push(JSON.stringify(key) + colon);
    f.i++;
    emit(v, f.depth + 1);
  }
  if (options.finalNewline) out.push('\n');
  return out.join('');
}
