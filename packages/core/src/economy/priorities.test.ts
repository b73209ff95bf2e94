import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { analysePriorities, kendallW, largestRemainder, type PriorityRowInput } from './priorities';

const w = (rec: Record<string, { toString(): string }>) =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, v.toString()]));

const ranks = (respondent: string, group: string, order: string[]): PriorityRowInput[] =>
  order.map((item, k) => ({ respondent, group, item, rank: k + 1 }));

describe('points allocation', () => {
  it('normalises each respondent to shares, then takes the mean share (hand-checked)', () => {
    // r1: 60/40/0 → 0.6, 0.4, 0; r2: 10/10/20 → 0.25, 0.25, 0.5
    // mean: jobs 0.425, climate 0.325, communities 0.25 → 42.5 / 32.5 / 25
    const r = analysePriorities([
      { respondent: 'r1', group: 'residents', item: 'jobs', points: 60 },
      { respondent: 'r1', group: 'residents', item: 'climate', points: 40 },
      { respondent: 'r2', group: 'residents', item: 'jobs', points: '10' },
      { respondent: 'r2', group: 'residents', item: 'climate', points: '10' },
      { respondent: 'r2', group: 'residents', item: 'communities', points: '20' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.method).toBe('points');
    expect(w(r.value.overall.weights)).toEqual({ climate: '32.5', communities: '25', jobs: '42.5' });
    expect(r.value.overall.ranking.map((x) => x.item)).toEqual(['jobs', 'climate', 'communities']);
    expect(r.value.rows).toEqual({ read: 5, accepted: 5, rejected: 0 });
  });
});

describe('Borda count (n − r points)', () => {
  it('scores ranks and normalises them (hand-checked)', () => {
    // n = 3: rank 1 → 2 points, 2 → 1, 3 → 0. A: 2 + 1 + 2 = 5, B: 1 + 2 + 0 = 3, C: 0 + 0 + 1 = 1; total 9
    // weights 500/9 = 55.555…, 300/9 = 33.333…, 100/9 = 11.111… → largest remainder at 2 d.p.: 55.56, 33.33, 11.11
    const r = analysePriorities([
      ...ranks('r1', 'residents', ['A', 'B', 'C']),
      ...ranks('r2', 'residents', ['B', 'A', 'C']),
      ...ranks('r3', 'residents', ['A', 'C', 'B']),
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.method).toBe('ranks');
    expect(w(r.value.overall.weights)).toEqual({ A: '55.56', B: '33.33', C: '11.11' });
    expect(r.value.overall.exact.A!.toFixed(6)).toBe('55.555556');
    expect(r.issues).toEqual([]);
  });

  it('tied ranks share the mean position, with a warning (hand-checked)', () => {
    // a 1, b 2, c 2 → positions 1, 2.5, 2.5 → Borda 2, 0.5, 0.5 of 3 → 66.666…, 16.666…, 16.666…
    // largest remainder: floors 66.66 + 16.66 + 16.66 = 99.98; two units to the equal remainders, by id → a, b
    const r = analysePriorities([
      { respondent: 'r1', group: 'g', item: 'a', rank: 1 },
      { respondent: 'r1', group: 'g', item: 'b', rank: '2' },
      { respondent: 'r1', group: 'g', item: 'c', rank: 2 },
    ]);
    expect(r.ok && w(r.value.overall.weights)).toEqual({ a: '66.67', b: '16.67', c: '16.66' });
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['rank_tie', 'warning']]);
  });

  it('ranks with gaps are read as an order, with a warning', () => {
    const r = analysePriorities([
      { respondent: 'r1', group: 'g', item: 'a', rank: 1 },
      { respondent: 'r1', group: 'g', item: 'b', rank: 3 },
      { respondent: 'r1', group: 'g', item: 'c', rank: 7 },
    ]);
    expect(r.ok && w(r.value.overall.weights)).toEqual({ a: '66.67', b: '33.33', c: '0' });
    expect(r.issues.map((i) => i.code)).toEqual(['rank_gap']);
  });

  it('unranked items tie at the bottom, with a warning', () => {
    const r = analysePriorities(
      [
        { respondent: 'r1', group: 'g', item: 'a', rank: 1 },
        { respondent: 'r2', group: 'g', item: 'a', rank: 1 },
        { respondent: 'r2', group: 'g', item: 'b', rank: 2 },
        { respondent: 'r2', group: 'g', item: 'c', rank: 3 },
      ],
      { method: 'ranks' },
    );
    // r1: a 2, b 0.5, c 0.5; r2: a 2, b 1, c 0 → shares a (2/3 + 2/3)/2, b (1/6 + 1/3)/2 = 0.25, c (1/6)/2
    expect(r.ok && w(r.value.overall.weights)).toEqual({ a: '66.67', b: '25', c: '8.33' });
    expect(r.issues.map((i) => i.code)).toEqual(['rank_missing']);
  });
});

describe('stakeholder groups', () => {
  const rows: PriorityRowInput[] = [
    { respondent: 'res1', group: 'residents', item: 'jobs', points: 100 },
    { respondent: 'res2', group: 'residents', item: 'jobs', points: 100 },
    { respondent: 'res3', group: 'residents', item: 'jobs', points: 100 },
    { respondent: 'biz1', group: 'businesses', item: 'climate', points: 100 },
  ];

  it('proportional: every respondent counts the same (3 residents outweigh 1 business)', () => {
    const r = analysePriorities(rows, { groups: 'proportional' });
    expect(r.ok && w(r.value.overall.weights)).toEqual({ climate: '25', jobs: '75' });
    expect(r.ok && w(r.value.groupShares)).toEqual({ businesses: '0.25', residents: '0.75' });
  });

  it('equal: every group counts the same, so no group dominates by numbers alone', () => {
    const r = analysePriorities(rows, { groups: 'equal' });
    expect(r.ok && w(r.value.overall.weights)).toEqual({ climate: '50', jobs: '50' });
    expect(r.ok && w(r.value.groups.residents!.weights)).toEqual({ climate: '0', jobs: '100' });
    expect(r.ok && w(r.value.groups.businesses!.weights)).toEqual({ climate: '100', jobs: '0' });
  });
});

describe('invalid rows', () => {
  it('rejects negative points, repeated items and respondents in two groups; read = accepted + rejected', () => {
    const r = analysePriorities([
      { respondent: 'r1', group: 'residents', item: 'jobs', points: 10, line: 2 },
      { respondent: 'r1', group: 'residents', item: 'climate', points: -5, line: 3 },
      { respondent: 'r2', group: 'residents', item: 'jobs', points: 10, line: 4 },
      { respondent: 'r2', group: 'residents', item: 'jobs', points: 20, line: 5 },
      { respondent: 'r3', group: 'residents', item: 'jobs', points: 10, line: 6 },
      { respondent: 'r3', group: 'businesses', item: 'climate', points: 10, line: 7 },
      { respondent: 'r4', group: 'businesses', item: 'climate', points: 0, line: 8 },
      { respondent: 'r5', group: 'businesses', item: 'climate', points: 5, line: 9 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ['schema_too_small', 3],
      ['respondent_duplicate_item', 4],
      ['respondent_mixed_groups', 6],
      ['respondent_no_points', 8],
    ]);
    expect(r.value.rows).toEqual({ read: 8, accepted: 2, rejected: 6 });
    expect(r.value.overall.respondents).toBe(2); // r1 (jobs only) and r5
  });

  it('mixing points and ranks without declaring a method fails', () => {
    const r = analysePriorities([
      { respondent: 'r1', group: 'g', item: 'a', points: 1 },
      { respondent: 'r2', group: 'g', item: 'a', rank: 1 },
    ]);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['priority_method_mixed']);
  });

  it('items outside a declared list are rejected; declared items nobody chose get 0', () => {
    const r = analysePriorities(
      [
        { respondent: 'r1', group: 'g', item: 'jobs', points: 1 },
        { respondent: 'r1', group: 'g', item: 'typo', points: 1, line: 3 },
      ],
      { items: ['jobs', 'climate'] },
    );
    expect(r.ok && w(r.value.overall.weights)).toEqual({ climate: '0', jobs: '100' });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['priority_item_unknown', 3]]);
  });
});

describe("agreement: Kendall's W", () => {
  it('3 raters, 4 items: rank sums 4, 6, 8, 12 → S = 35, W = 420/540 = 7/9 (hand-checked)', () => {
    const a = kendallW([
      { a: 1, b: 2, c: 3, d: 4 },
      { a: 1, b: 3, c: 2, d: 4 },
      { a: 2, b: 1, c: 3, d: 4 },
    ]);
    expect(a.w!.eq(dec(7).dividedBy(9))).toBe(true);
    expect([a.raters, a.items]).toEqual([3, 4]);
  });

  it('with ties: 2 raters, one tying b and c → S = 6.5, ΣT = 6, W = 78/84 = 13/14 (hand-checked)', () => {
    const a = kendallW([
      { a: 1, b: 2, c: 3 },
      { a: 1, b: 2.5, c: 2.5 },
    ]);
    expect(a.w!.eq(dec(13).dividedBy(14))).toBe(true);
  });

  it('is 1 for full agreement, 0 for two opposite rankings, undefined for one rater', () => {
    expect(
      kendallW([
        { a: 1, b: 2 },
        { a: 1, b: 2 },
      ]).w!.toString(),
    ).toBe('1');
    expect(
      kendallW([
        { a: 1, b: 2 },
        { a: 2, b: 1 },
      ]).w!.toString(),
    ).toBe('0');
    expect(kendallW([{ a: 1, b: 2 }]).w).toBeNull();
  });

  it('is reported per group and overall (points: on the ranks they induce)', () => {
    const r = analysePriorities([
      ...ranks('r1', 'g1', ['a', 'b', 'c', 'd']),
      ...ranks('r2', 'g1', ['a', 'c', 'b', 'd']),
      ...ranks('r3', 'g2', ['b', 'a', 'c', 'd']),
    ]);
    expect(r.ok && r.value.overall.agreement.w!.eq(dec(7).dividedBy(9))).toBe(true);
    const p = analysePriorities([
      { respondent: 'r1', group: 'g', item: 'a', points: 70 },
      { respondent: 'r1', group: 'g', item: 'b', points: 30 },
      { respondent: 'r2', group: 'g', item: 'a', points: 20 },
      { respondent: 'r2', group: 'g', item: 'b', points: 80 },
    ]);
    expect(p.ok && p.value.groups.g!.agreement.w!.toString()).toBe('0');
  });
});

describe('weights sum exactly to 100', () => {
  it('largest remainder (Hamilton) at 0 d.p.', () => {
    expect(w(largestRemainder({ a: '33.3333', b: '33.3333', c: '33.3334' }, 100, 0))).toEqual({
      a: '33',
      b: '33',
      c: '34',
    });
    expect(w(largestRemainder({ a: 1, b: 1, c: 1 }, 100, 1))).toEqual({ a: '33.4', b: '33.3', c: '33.3' });
  });

  it('for any points survey, at any precision', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat({ max: 20 }),
            fc.constantFrom('x', 'y', 'z'),
            fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7'),
            fc.nat({ max: 1000 }),
          ),
          {
            minLength: 1,
            maxLength: 80,
          },
        ),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('equal' as const, 'proportional' as const),
        (answers, precision, groups) => {
          const seen = new Set<string>();
          const rows: PriorityRowInput[] = [];
          for (const [resp, group, item, points] of answers) {
            if (seen.has(`${resp}|${item}`)) continue;
            seen.add(`${resp}|${item}`);
            rows.push({ respondent: `r${resp}`, group: `${group}${resp % 2}`, item, points });
          }
          const r = analysePriorities(rows, { precision, groups });
          if (!r.ok) return; // every respondent gave 0 points
          const all = [r.value.overall, ...Object.values(r.value.groups)];
          for (const pw of all) {
            const total = Object.values(pw.weights).reduce((a, b) => a.plus(b), dec(0));
            expect(total.toString()).toBe('100');
            for (const v of Object.values(pw.weights))
              expect(v.decimalPlaces()).toBeLessThanOrEqual(precision);
          }
          expect(r.value.rows.read).toBe(r.value.rows.accepted + r.value.rows.rejected);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('survey provenance', () => {
  it('hashes the survey independently of row order', () => {
    const rows = [...ranks('r1', 'g', ['a', 'b']), ...ranks('r2', 'g', ['b', 'a'])];
    const a = analysePriorities(rows, { survey: { name: 'Exeter 2025' } });
    const b = analysePriorities([...rows].reverse());
    expect(a.ok && b.ok && a.value.survey.hash === b.value.survey.hash).toBe(true);
    expect(a.ok && a.value.survey.name).toBe('Exeter 2025');
    expect(a.ok && a.value.survey.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
