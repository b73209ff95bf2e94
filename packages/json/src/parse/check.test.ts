import { dec } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { checkJsonValue, isPlainObject } from './check';

describe('checkJsonValue', () => {
  it('accepts plain JSON data, including undefined properties (treated as absent)', () => {
    expect(
      checkJsonValue({ a: ['1.5', 2, true, null], b: { c: undefined }, d: Object.create(null) }),
    ).toEqual([]);
  });

  it('finds forbidden own keys that JSON.parse creates, at any depth', () => {
    const polluted = JSON.parse('{"a": [{"__proto__": {"x": 1}}], "constructor": 1}');
    expect(checkJsonValue(polluted)).toEqual([
      expect.objectContaining({ code: 'forbidden_key', path: ['constructor'] }),
      expect.objectContaining({ code: 'forbidden_key', path: ['a', 0, '__proto__'] }),
    ]);
  });

  it('finds NaN and Infinity with their paths', () => {
    const issues = checkJsonValue(
      { rates: [0.1, Number.NaN], cap: Number.POSITIVE_INFINITY },
      { file: 'o.json' },
    );
    expect(issues.map((i) => [i.code, i.path, i.file])).toEqual([
      ['non_finite_number', ['rates', 1], 'o.json'],
      ['non_finite_number', ['cap'], 'o.json'],
    ]);
  });

  it('finds cycles but allows shared (non-circular) references', () => {
    const shared = { x: 1 };
    expect(checkJsonValue({ a: shared, b: shared })).toEqual([]);
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(checkJsonValue(loop)).toEqual([expect.objectContaining({ code: 'cycle', path: ['self'] })]);
  });

  it('refuses values that are not JSON data', () => {
    const issues = checkJsonValue([() => 1, 1n, Symbol('s'), new Date(0), new Map(), dec('1'), undefined]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['not_json', [6]],
      ['not_json', [0]],
      ['not_json', [1]],
      ['not_json', [2]],
      ['not_json', [3]],
      ['not_json', [4]],
      ['not_json', [5]],
    ]);
    expect(issues[4]?.message).toContain('a Date');
  });

  it('stops at maxDepth without recursion (100,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkJsonValue(deep)).toEqual([expect.objectContaining({ code: 'too_deep' })]);
    expect(checkJsonValue(deep, { maxDepth: 200_000 })).toEqual([]);
  });

  it('caps the number of issues', () => {
    const issues = checkJsonValue(
      Array.from({ length: 50 }, () => Number.NaN),
      { maxIssues: 3 },
    );
    expect(issues.map((i) => i.code)).toEqual([
      'non_finite_number',
      'non_finite_number',
      'non_finite_number',
      'too_many_issues',
    ]);
  });
});

describe('isPlainObject', () => {
  it('knows plain data objects from class instances and arrays', () => {
    expect([{}, Object.create(null), [], new Date(), dec('1'), null, 'x'].map(isPlainObject)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
