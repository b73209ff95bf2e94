import { CommonwealError } from '@commonweal/core/issues';
import { Dec, dec } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseJson } from '../parse/safe-parse';
import { canonicalDecimal, canonicalStringify } from './canonical';

/** JSON-like values as safeParseJson returns them: safe integers, strings, booleans, null. */
const jsonLike = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'grapheme' }),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)),
      tie('node'),
      { maxKeys: 4 },
    ),
  ),
})).node;

function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
  if (value && typeof value === 'object') {
    // Rotate (and for odd seeds reverse) the key insertion order.
    const entries = Object.entries(value);
    const cut = entries.length ? seed % entries.length : 0;
    const rotated = [...entries.slice(cut), ...entries.slice(0, cut)];
    if (seed % 2) rotated.reverse();
    return Object.fromEntries(rotated.map(([k, v]) => [k, reorder(v, seed)]));
  }
  return value;
}

describe('canonicalStringify', () => {
  it('sorts keys by UTF-16 code units, keeps array order and omits undefined properties', () => {
    // 'B' (0x42) < 'a' (0x61) < 'é' (0xE9) < '😀' (0xD83D…) < '｡' (0xFF61): code-unit order, not code-point order.
    const value = { é: 1, a: [3, 1, 2], B: null, '｡': true, '😀': 'x', gone: undefined };
    expect(canonicalStringify(value)).toBe('{"B":null,"a":[3,1,2],"é":1,"😀":"x","｡":true}');
  });

  it('writes decimals as strings by value, and Dates as ISO strings', () => {
    const value = {
      price: dec('1234.50'),
      rate: new Dec('0.035'),
      tiny: dec('-0.0000001'),
      when: new Date(Date.UTC(2025, 3, 1)),
    };
    expect(canonicalStringify(value)).toBe(
      '{"price":"1234.5","rate":"0.035","tiny":"-0.0000001","when":"2025-04-01T00:00:00.000Z"}',
    );
  });

  it('writes a decimal the same whatever its constructor config (here: decimal.js default exponent limits)', () => {
    const Defaults = Dec.clone({ toExpPos: 21, toExpNeg: -7 });
    const global = new Defaults('123456789012345678901234567890');
    expect(global.toString()).toBe('1.2345678901234567890123456789e+29');
    expect(canonicalStringify([global])).toBe('["123456789012345678901234567890"]');
    expect(canonicalDecimal(dec('1e400'))).toBe('1e+400');
    expect(canonicalDecimal(dec('-0'))).toBe('0');
    expect(canonicalDecimal(dec('1e-39'))).toBe(dec('1e-39').toString());
    expect(canonicalDecimal(dec('1e-40'))).toBe(dec('1e-40').toString());
  });

  it('indents like JSON.stringify when asked, with an optional final newline', () => {
    const value = { b: [1, { d: 2, c: [] }], a: {} };
    expect(canonicalStringify(value, { indent: 2, finalNewline: true })).toBe(
      `${JSON.stringify({ a: {}, b: [1, { c: [], d: 2 }] }, null, 2)}\n`,
    );
    expect(canonicalStringify(value, { indent: '\t' })).toBe(
      JSON.stringify({ a: {}, b: [1, { c: [], d: 2 }] }, null, '\t'),
    );
  });

  it('uses toJSON of other objects once', () => {
    class Money {
      constructor(readonly amount: string) {}
      toJSON() {
        return { currency: 'GBP', amount: this.amount };
      }
    }
    expect(canonicalStringify({ m: new Money('1.50') })).toBe('{"m":{"amount":"1.50","currency":"GBP"}}');
  });

  it.each([
    ['NaN', { a: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a decimal NaN', { a: new Dec(Number.NaN) }],
    ['a bigint', { a: 1n }],
    ['a function', { a: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['undefined in an array', [undefined]],
    ['undefined at the top', undefined],
    ['an invalid Date', new Date(Number.NaN)],
    ['a Map', new Map([[1, 2]])],
  ])('throws CommonwealError for %s', (_, value) => {
    expect(() => canonicalStringify(value)).toThrow(CommonwealError);
  });

  it('throws for cycles (with the path) but writes shared references twice', () => {
    const shared = { x: 1 };
    expect(canonicalStringify({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const loop: Record<string, unknown> = { a: [1] };
    (loop.a as unknown[]).push(loop);
    expect(() => canonicalStringify(loop)).toThrow(/at a\.1/);
  });

  it('never overflows the stack (100,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(canonicalStringify(deep)).toBe(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`);
  });

  it('property: parse(canonicalStringify(x)) equals x for JSON-like x', () => {
    fc.assert(
      fc.property(jsonLike, (x) => {
        const r = safeParseJson(canonicalStringify(x));
        expect(r.ok && r.value).toEqual(x);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: key insertion order never changes the bytes, and the output is a fixed point', () => {
    fc.assert(
      fc.property(jsonLike, fc.nat(100), (x, seed) => {
        const text = canonicalStringify(x);
        expect(canonicalStringify(reorder(x, seed))).toBe(text);
        const again = safeParseJson(text);
        expect(again.ok && canonicalStringify(again.value)).toBe(text);
        // Without indent the text is what JSON.stringify gives once keys are sorted (RFC 8785 for this data).
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(x)));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
