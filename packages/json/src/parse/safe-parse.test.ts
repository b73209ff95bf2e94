import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_LIMITS, locateJsonPaths, safeParseJson } from './safe-parse';

function issuesOf(text: string, options = {}) {
  const r = safeParseJson(text, options);
  expect(r.ok).toBe(false);
  return r.issues;
}

function parsed(text: string): unknown {
  const r = safeParseJson(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('safeParseJson: ordinary JSON', () => {
  it('reads the same values as JSON.parse for plain data', () => {
    const text =
      '{"a": [1, -2, true, false, null, "x\\n\\u00a3\\"\\\\\\/"], "b": {}, "c": [], "d": {"e": "f"}}';
    expect(parsed(text)).toEqual(JSON.parse(text));
  });

  it('builds ordinary objects (Object.prototype), so callers can use them as usual', () => {
    const v = parsed('{"a": 1}') as object;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('accepts and strips a byte-order mark, and columns do not count it', () => {
    expect(parsed('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    const [i] = issuesOf('\uFEFF[1,]');
    expect(i).toMatchObject({ code: 'trailing_comma', line: 1, column: 4 });
  });

  it('reads surrogate pairs written as escapes', () => {
    expect(parsed('"\\ud83d\\ude00"')).toBe('😀');
  });
});

describe('safeParseJson: exact numbers', () => {
  it('keeps safe integers as numbers', () => {
    expect(parsed('[0, 7, -12, 9007199254740991, -9007199254740991]')).toEqual([
      0,
      7,
      -12,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
    ]);
  });

  it('reads -0 as 0 (the sign of an integer zero means nothing)', () => {
    const v = parsed('-0');
    expect(Object.is(v, 0)).toBe(true);
  });

  it('returns fractions as their source text, so 0.1 never becomes a binary float', () => {
    expect(parsed('[0.1, -0.0, 1.50, 12769.68]')).toEqual(['0.1', '-0.0', '1.50', '12769.68']);
  });

  it('returns exponents and 1e400 (beyond a double) as text', () => {
    expect(parsed('[1e400, 1E-7, 2e+3]')).toEqual(['1e400', '1E-7', '2e+3']);
  });

  it('returns integers beyond Number.MAX_SAFE_INTEGER (2^53 − 1) as text', () => {
    expect(parsed('[9007199254740992, 12345678901234567890, -9007199254740993]')).toEqual([
      '9007199254740992',
      '12345678901234567890',
      '-9007199254740993',
    ]);
  });

  it.each([
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['-Infinity', '-Infinity'],
    ['{"rate": NaN}', 'NaN'],
  ])('refuses %s with non_finite_number', (text, word) => {
    const [i] = issuesOf(text);
    expect(i?.code).toBe('non_finite_number');
    expect(i?.message).toContain(word);
  });

  it('keeps the strings "NaN" and "Infinity" as strings (schemas refuse them later)', () => {
    expect(parsed('["NaN", "Infinity"]')).toEqual(['NaN', 'Infinity']);
  });

  it.each([
    ['07', 'leading zeros'],
    ['+1', "'+'"],
    ['.5', '0.5'],
    ['1.', 'decimal point'],
    ['1e', 'exponent'],
    ['-', 'digit'],
  ])('refuses the malformed number %s with a hint', (text, hint) => {
    const [i] = issuesOf(text);
    expect(i?.code).toBe('syntax_error');
    expect(i?.message).toContain(hint);
  });
});

describe('safeParseJson: prototype pollution', () => {
  const objectToString = Object.prototype.toString;
  const attacks = [
    '{"__proto__": {"polluted": true}}',
    '{"a": {"b": [{"__proto__": {"polluted": true}}]}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '[{"x": {"prototype": {"polluted": true}}}]',
    '{"\\u005f_proto__": {"polluted": true}}',
  ];

  it.each(attacks)('refuses %s with a located forbidden_key issue', (text) => {
    const issues = issuesOf(text);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.code).toBe('forbidden_key');
      expect(i.line).toBe(1);
      expect(i.column).toBeGreaterThan(0);
      expect(i.path?.at(-1)).toMatch(/^(__proto__|constructor|prototype)$/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('reports the path and position of a forbidden key deep in the data', () => {
    const [i] = issuesOf('{\n  "a": [\n    {"ok": 1, "__proto__": 2}\n  ]\n}');
    expect(i).toMatchObject({ code: 'forbidden_key', path: ['a', 0, '__proto__'], line: 3, column: 15 });
  });

  it('collects every forbidden and duplicate key (not just the first), up to maxIssues', () => {
    const issues = issuesOf('{"__proto__": 1, "a": {"constructor": 2}, "b": 1, "b": 2}');
    expect(issues.map((i) => i.code)).toEqual(['forbidden_key', 'forbidden_key', 'duplicate_key']);
    const many = `{${Array.from({ length: 20 }, () => '"__proto__": 1').join(',')}}`;
    const capped = issuesOf(many, { maxIssues: 5 });
    expect(capped).toHaveLength(6);
    expect(capped.at(-1)?.code).toBe('too_many_issues');
  });

  it('property: keys at any depth never reach Object.prototype', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString');
    const json = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
        fc.array(tie('node'), { maxLength: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 4 }), (node, depth) => {
        let text = JSON.stringify({ __proto__: null, ...(node as object) });
        text = `${'['.repeat(depth)}{"__proto__": ${text}}${']'.repeat(depth)}`;
        const r = safeParseJson(text);
        return (
          !r.ok &&
          r.issues.some((i) => i.code === 'forbidden_key') &&
          ({} as Record<string, unknown>).polluted === undefined &&
          Object.prototype.toString === objectToString
        );
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('safeParseJson: strict JSON with located issues', () => {
  it('reports a duplicate key with its path, line and column', () => {
    const [i] = issuesOf('{"a": 1,\n "a": 2}');
    expect(i).toMatchObject({ code: 'duplicate_key', path: ['a'], line: 2, column: 2 });
  });

  it('reports trailing commas in arrays and objects', () => {
    expect(issuesOf('[1, 2,]')[0]).toMatchObject({ code: 'trailing_comma', line: 1, column: 7, path: [2] });
    expect(issuesOf('{"a": 1,\n}')[0]).toMatchObject({ code: 'trailing_comma', line: 2, column: 1 });
  });

  it.each(['// note\n{}', '{"a": 1 /* note */}', '[1, // note\n 2]'])('reports the comment in %j', (text) => {
    expect(issuesOf(text)[0]?.code).toBe('comment_not_allowed');
  });

  it('gives one issue per syntax error, with line, column and what to do', () => {
    const issues = issuesOf('{\r\n  "a": 1,\r\n  "b" 2\r\n}', { file: 'f.json' });
    expect(issues).toEqual([
      {
        code: 'syntax_error',
        message: `unexpected character "2": expected ':' after the property name "b"`,
        line: 3,
        column: 7,
        path: ['b'],
        file: 'f.json',
      },
    ]);
  });

  it.each([
    ['', 'empty_input'],
    ['   \n ', 'empty_input'],
    ['{"a": 1', 'syntax_error'],
    ['"abc', 'syntax_error'],
    ['"a\nb"', 'syntax_error'],
    ["{'a': 1}", 'syntax_error'],
    ['{a: 1}', 'syntax_error'],
    ['[undefined]', 'syntax_error'],
    ['[tru]', 'syntax_error'],
    ['[truex]', 'syntax_error'],
    ['"\\x41"', 'syntax_error'],
    ['"\\u12G4"', 'syntax_error'],
    ['"tab\there"', 'syntax_error'],
    ['{} {}', 'syntax_error'],
    ['[1 2]', 'syntax_error'],
    ['{"a" 1}', 'syntax_error'],
  ])('refuses %j with %s', (text, code) => {
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe(code);
    expect(issues[0]?.message.length).toBeGreaterThan(10);
  });

  it('counts \\r\\n and a lone \\r as one line break each', () => {
    expect(issuesOf('[\r\n1,\r2,\n]')[0]).toMatchObject({ line: 4, column: 1 });
  });
});

describe('safeParseJson: limits', () => {
  it('answers 100,000 levels of nesting with too_deep, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const [i] = issuesOf(deep);
    expect(i).toMatchObject({ code: 'too_deep', line: 1, column: JSON_LIMITS.maxDepth + 1 });
    const deepObjects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(issuesOf(deepObjects)[0]?.code).toBe('too_deep');
  });

  it('parses 100,000 levels when the limit is raised: the parser is iterative', () => {
    const deep = `${'['.repeat(100_000)}7${']'.repeat(100_000)}`;
    const r = safeParseJson(deep, { maxDepth: 100_000 });
    expect(r.ok).toBe(true);
    let v: unknown = r.ok ? r.value : undefined;
    let depth = 0;
    while (Array.isArray(v)) {
      v = v[0];
      depth++;
    }
    expect([depth, v]).toEqual([100_000, 7]);
  });

  it('allows exactly maxDepth levels', () => {
    expect(safeParseJson('[[[1]]]', { maxDepth: 3 }).ok).toBe(true);
    expect(issuesOf('[[[[1]]]]', { maxDepth: 3 })[0]?.code).toBe('too_deep');
  });

  it('refuses a text longer than maxLength before reading it', () => {
    expect(issuesOf('[1, 2, 3]', { maxLength: 5, file: 'x.json' })).toEqual([
      expect.objectContaining({ code: 'too_long', file: 'x.json' }),
    ]);
  });

  it('refuses strings, keys and number literals longer than maxStringLength (after unescaping)', () => {
    expect(safeParseJson(`"${'a'.repeat(10)}"`, { maxStringLength: 10 }).ok).toBe(true);
    expect(safeParseJson(`"${'\\u0041'.repeat(10)}"`, { maxStringLength: 10 }).ok).toBe(true);
    expect(issuesOf(`"${'a'.repeat(11)}"`, { maxStringLength: 10 })[0]?.code).toBe('string_too_long');
    expect(issuesOf(`{"${'k'.repeat(11)}": 1}`, { maxStringLength: 10 })[0]?.code).toBe('string_too_long');
    expect(issuesOf(`1.${'0'.repeat(10)}`, { maxStringLength: 10 })[0]?.code).toBe('string_too_long');
  });

  it('reads a long string within the default limit (1 MiB)', () => {
    const s = 'é'.repeat(JSON_LIMITS.maxStringLength);
    expect(parsed(`"${s}"`)).toBe(s);
    expect(issuesOf(`"${s}x"`)[0]?.code).toBe('string_too_long');
  });

  it('refuses objects with more than maxKeys properties', () => {
    const obj = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}": ${i}`).join(',')}}`;
    expect(safeParseJson(obj(3), { maxKeys: 3 }).ok).toBe(true);
    expect(issuesOf(obj(4), { maxKeys: 3 })[0]).toMatchObject({ code: 'too_many_keys', path: ['k3'] });
  });
});

describe('safeParseJson: robustness', () => {
  it('property: never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const r = safeParseJson(s);
        return r.ok ? r.issues.length === 0 : r.issues.length > 0;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: never throws on mutated JSON, and agrees with JSON.parse on what is valid', () => {
    const text = fc
      .json({ depthSize: 'small' })
      .chain((j) =>
        fc.tuple(
          fc.constant(j),
          fc.nat(j.length),
          fc.constantFrom('', ',', ']', '}', '"', '\\', ':', '1', '/', ' '),
        ),
      )
      .map(([j, at, ins]) => j.slice(0, at) + ins + j.slice(at + (ins === ' ' ? 0 : 1)));
    fc.assert(
      fc.property(text, (t) => {
        const r = safeParseJson(t);
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        // Anything safeParseJson accepts is valid JSON (it may refuse more: forbidden/duplicate keys).
        return !r.ok || valid;
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('locateJsonPaths', () => {
  const text = '{\n  "measures": [\n    {"code": "NT1"},\n    {"code": 7}\n  ]\n}';

  it('finds where a value starts', () => {
    const at = locateJsonPaths(text, [
      ['measures', 1, 'code'],
      ['measures', 0],
    ]);
    expect(at.get(JSON.stringify(['measures', 1, 'code']))).toEqual({ line: 4, column: 14 });
    expect(at.get(JSON.stringify(['measures', 0]))).toEqual({ line: 3, column: 5 });
  });

  it('falls back to the nearest enclosing value for a path that is not there', () => {
    const at = locateJsonPaths(text, [['measures', 1, 'title']]);
    expect(at.get(JSON.stringify(['measures', 1, 'title']))).toEqual({ line: 4, column: 5 });
  });
});
