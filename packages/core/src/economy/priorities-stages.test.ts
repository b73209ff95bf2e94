import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analysePriorities,
  parsePriorityRows,
  priorityRespondents,
  usablePriorityRows,
  weighPriorities,
} from './priorities';

// The stages of analysePriorities on their own (constructed answers, hand-checked).
const rows = [
  { respondent: 'r1', group: 'residents', item: 'jobs', points: 60, line: 2 },
  { respondent: 'r1', group: 'residents', item: 'climate', points: 40, line: 3 },
  { respondent: 'r2', group: 'business', item: 'jobs', points: 10, line: 4 },
  { respondent: 'r2', group: 'business', item: 'climate', points: 30, line: 5 },
  { respondent: 'r3', group: 'business', item: 'jobs', line: 6 },
];

describe('the stages of analysePriorities', () => {
  it('parse → usable → respondents → weights, each with its own rejections', () => {
    const p = parsePriorityRows(rows);
    expect([p.read, p.rejected, p.parsed.length]).toEqual([5, 0, 5]);
    const u = usablePriorityRows(p.parsed, 'points', undefined);
    expect(u.issues.map((i) => [i.code, i.line])).toEqual([['priority_value_missing', 6]]);
    const r = priorityRespondents(u.usable, ['climate', 'jobs'], 'points');
    expect(r.people.map((x) => [x.id, x.shares.get('jobs')?.toString()])).toEqual([
      ['r1', '0.6'],
      ['r2', '0.25'],
    ]);
    // groups equal: (0.6 + 0.25) ÷ 2 = 0.425 → jobs 42.5, climate 57.5
    const w = weighPriorities(r.people, ['climate', 'jobs'], 'equal', 2);
    expect(Object.fromEntries(Object.entries(w.overall.weights).map(([k, v]) => [k, v.toString()]))).toEqual({
      climate: '57.5',
      jobs: '42.5',
    });
    expect(w.groupNames).toEqual(['business', 'residents']);
  });

  it('the hash does not depend on row order, and read = accepted + rejected (property)', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        (shuffled) => {
          expect(parsePriorityRows(shuffled).hash).toBe(parsePriorityRows(rows).hash);
          const a = analysePriorities(shuffled);
          if (!a.ok) throw new Error('not ok');
          expect(a.value.rows.accepted + a.value.rows.rejected).toBe(a.value.rows.read);
          expect(a.value.rows.rejected).toBe(1);
        },
      ),
    );
  });
});
