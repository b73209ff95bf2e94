// Fuzzing the JSON readers (parseFramework, parseEntries, and the procurement model through
// safeParseJson + validateModel) with hostile documents: prototype-pollution keys (also
// escaped), deep nesting, 1e400, NaN, "Infinity", very long strings, and random damage to valid
// text. Every answer is a Result with structured issues — never an exception, never a polluted
// object.
import { isDecimal } from '@commonweal/core/money';
import { validateModel } from '@commonweal/core/procurement';
import { toValuationJson, valueEntries } from '@commonweal/core/valuation';
import { canonicalStringify, parseEntries, parseFramework, safeParseJson } from '@commonweal/json';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { runs } from './seed';

const FRAMEWORK = {
  id: 'fuzz',
  title: 'Fuzz framework',
  currency: 'GBP',
  themes: [{ id: 'jobs', title: 'Jobs' }],
  outcomes: [{ id: 'work', theme: 'jobs', title: 'Good work' }],
  measures: [
    {
      code: 'JOB',
      title: 'Local jobs',
      theme: 'jobs',
      outcome: 'work',
      unit: 'FTE',
      proxy: {
        value: '21000',
        currency: 'GBP',
        priceYear: 2024,
        basis: 'per FTE-year',
        source: {
          title: 'Hand-made fuzz proxy (not a published value)',
          licence: 'CC0-1.0',
          priceYear: 2024,
        },
      },
    },
  ],
};
const ENTRIES = { entries: [{ measure: 'JOB', quantity: '12.5', year: 2025, deadweight: '0.2' }] };
const MODEL = {
  id: 'T1',
  title: 'Cleaning',
  currency: 'GBP',
  criteria: [
    { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
    { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } },
  ],
};

type Reader = (text: string) => { ok: boolean; issues: readonly unknown[]; value?: unknown };
const READERS: [string, string, Reader][] = [
  ['parseFramework', JSON.stringify(FRAMEWORK), (t) => parseFramework(t)],
  ['parseEntries', JSON.stringify(ENTRIES), (t) => parseEntries(t)],
  [
    'validateModel after safeParseJson',
    JSON.stringify(MODEL),
    (t) => {
      const r = safeParseJson(t);
      return r.ok ? validateModel(r.value) : r;
    },
  ],
];

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/** True when any object in the value has an own forbidden key, or a prototype other than Object's/Array's/null. */
function unsafe(v: unknown, seen = new Set<unknown>()): boolean {
  if (v === null || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  // decimal.js instances carry their own `constructor` (their class): they are values, not input
  if (isDecimalLike(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return true;
  for (const k of Object.getOwnPropertyNames(v)) {
    if (FORBIDDEN.includes(k)) return true;
    if (unsafe((v as Record<string, unknown>)[k], seen)) return true;
  }
  return false;
}

function isDecimalLike(v: object): boolean {
  return isDecimal(v);
}

function check(r: { ok: boolean; issues: readonly unknown[]; value?: unknown }): void {
  expect(typeof r.ok).toBe('boolean');
  for (const i of r.issues) {
    const x = i as Record<string, unknown>;
    expect(typeof x.code).toBe('string');
    expect(typeof x.message).toBe('string');
  }
  if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
  if (r.ok) expect(unsafe(r.value)).toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
}

afterEach(() => {
  // a polluted prototype would leak into every later test: fail loudly here
  expect(Object.keys(Object.prototype)).toEqual([]);
});

/** Inserts `"key": value,` (or an array element) at a structural position of JSON text. */
function plant(text: string, at: number, member: string): string {
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '{') opens.push(i);
  if (!opens.length) return text;
  const i = opens[at % opens.length]! + 1;
  const empty = text[i] === '}';
  return `${text.slice(0, i)}${member}${empty ? '' : ','}${text.slice(i)}`;
}

const pollutingKey = fc.constantFrom(
  '"__proto__"',
  '"constructor"',
  '"prototype"',
  '"\\u005f_proto__"',
  '"__pro\\u0074o__"',
  '"\\u0063onstructor"',
);
const pollutingValue = fc.constantFrom(
  '{"polluted": true}',
  '{"isAdmin": true}',
  '{"prototype": {"polluted": true}}',
  '[]',
  '1',
);

describe('JSON readers answer hostile documents with issues (fast-check)', () => {
  for (const [name, valid, read] of READERS) {
    it(`${name}: reads the valid document`, () => {
      const r = read(valid);
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
    });

    it(`${name}: prototype-pollution keys anywhere are refused and never assigned`, () => {
      fc.assert(
        fc.property(fc.nat(), pollutingKey, pollutingValue, (at, key, value) => {
          const r = read(plant(valid, at, `${key}: ${value}`));
          check(r);
          expect(r.ok).toBe(false);
          expect(r.issues.some((i) => (i as { code: string }).code === 'forbidden_key')).toBe(true);
        }),
        runs(60),
      );
    });

    it(`${name}: damaged text never throws`, () => {
      const piece = fc.constantFrom(
        '1e400',
        '-1e400',
        'NaN',
        'Infinity',
        '-Infinity',
        '"Infinity"',
        '"NaN"',
        '"1e400"',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        '\\',
        '\u0000',
        '\uFEFF',
        '\uD800',
        '/* c */',
        'null',
        'true',
        '"\\ud800"',
      );
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), piece), { minLength: 1, maxLength: 4 }), (ops) => {
          let t = valid;
          for (const [at, p] of ops) {
            const i = at % (t.length + 1);
            t = t.slice(0, i) + p + t.slice(i);
          }
          check(read(t));
        }),
        runs(150),
      );
    });

    it(`${name}: a value replaced by anything JSON can hold is answered`, () => {
      const weird = fc.oneof(
        fc.constantFrom('1e400', '-1e400', '1e-400', '"Infinity"', '"NaN"', '"-0"', '9007199254740993', '""'),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.constant(JSON.stringify('x'.repeat(5000))),
      );
      fc.assert(
        fc.property(fc.nat(), weird, (at, w) => {
          // replace the n-th scalar value (string or number) with the weird one
          const scalars = [...valid.matchAll(/:\s*("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g)];
          const m = scalars[at % scalars.length]!;
          const start = m.index! + m[0].length - m[1]!.length;
          const t = valid.slice(0, start) + w + valid.slice(start + m[1]!.length);
          check(read(t));
        }),
        runs(150),
      );
    });
  }

  it('deep nesting (100,000 levels) is an issue, not a stack overflow', () => {
    for (const [, , read] of READERS) {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        const r = read(open.repeat(100_000) + '1' + close.repeat(100_000));
        check(r);
        expect(r.ok).toBe(false);
        expect(r.issues.map((i) => (i as { code: string }).code)).toContain('too_deep');
      }
    }
  });

  it('a string over the 1 MiB limit is an issue', () => {
    const long = JSON.stringify({ ...ENTRIES, notes: 'x'.repeat(1024 * 1024 + 1) });
    const r = parseEntries(long);
    check(r);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('string_too_long');
  });

  it('NaN and Infinity literals are issues; "Infinity" and "NaN" as quantities are schema issues', () => {
    for (const q of ['NaN', 'Infinity', '-Infinity']) {
      const r = parseEntries(`[{"measure": "JOB", "quantity": ${q}, "year": 2025}]`);
      expect(r.ok).toBe(false);
      expect(r.issues[0]?.code).toBe('non_finite_number');
    }
    for (const q of ['"NaN"', '"Infinity"', '"-Infinity"']) {
      const r = parseEntries(`[{"measure": "JOB", "quantity": ${q}, "year": 2025}]`);
      check(r);
      expect(r.ok).toBe(false);
    }
  });

  it('parsed objects with forbidden own keys or non-finite numbers are refused too', () => {
    const polluted = JSON.parse(
      '{"entries": [{"measure": "JOB", "quantity": "1", "year": 2025, "__proto__": {"polluted": 1}}]}',
    );
    const r = parseEntries(polluted);
    check(r);
    expect(r.ok).toBe(false);
    const nan = parseEntries([{ measure: 'JOB', quantity: Number.NaN, year: 2025 }]);
    check(nan);
    expect(nan.ok).toBe(false);
  });

  it('1e400 as a quantity is read exactly, and the valuation stays finite (no Infinity or NaN in its JSON)', () => {
    const fw = parseFramework(JSON.stringify(FRAMEWORK));
    if (!fw.ok) throw new Error('framework');
    fc.assert(
      fc.property(
        fc.constantFrom(
          '1e400',
          '-1e400',
          '1e-400',
          '123456789012345678901234567890.5',
          '0.000000000000000000001',
        ),
        (q) => {
          const e = parseEntries(`[{"measure": "JOB", "quantity": ${q}, "year": 2025}]`);
          check(e);
          if (!e.ok) return;
          const v = valueEntries(fw.value, e.value, { baseYear: 2025, discounting: null });
          check(v);
          if (!v.ok) return;
          const json = canonicalStringify(toValuationJson(v.value, { sha256: '0'.repeat(64) }));
          expect(json).not.toMatch(/NaN|Infinity|undefined/);
        },
      ),
      runs(10),
    );
  });
});
