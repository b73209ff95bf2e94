import { describe, expect, it } from 'vitest';
import { analysePrioritiesCsv, readPrioritySurveyCsv } from './survey';

const POINTS = [
  'respondent,group,item,points',
  'r1,residents,jobs,60',
  'r1,residents,climate,40',
  'r2,residents,jobs,10',
  'r2,residents,climate,30',
].join('\n');

describe('readPrioritySurveyCsv', () => {
  it('detects a points allocation from the header', async () => {
    const s = await readPrioritySurveyCsv(POINTS);
    expect(s.method).toBe('points');
    expect(s.rows[0]).toMatchObject({ respondent: 'r1', group: 'residents', item: 'jobs', line: 2 });
    expect(s.rows[0]?.points?.toString()).toBe('60');
    expect(s.counts).toEqual({ read: 4, accepted: 4, rejected: 0, blank: 0 });
  });

  it('detects ranks from the header', async () => {
    const s = await readPrioritySurveyCsv(
      'respondent,group,item,rank\nR1,residents,jobs,1\nR1,residents,climate,2\n',
    );
    expect(s.method).toBe('ranks');
    expect(s.rows.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('asks for the method when both columns are there, and uses the declared one', async () => {
    const text = 'respondent,group,item,points,rank\nR1,residents,jobs,10,1\nR1,residents,climate,5,\n';
    const s = await readPrioritySurveyCsv(text);
    expect(s.usable).toBe(false);
    expect(s.issues[0]?.code).toBe('survey_method_ambiguous');
    const ranks = await readPrioritySurveyCsv(text, { method: 'ranks', file: 's.csv' });
    expect(ranks.counts).toEqual({ read: 2, accepted: 1, rejected: 1, blank: 0 });
    expect(ranks.issues).toEqual([
      expect.objectContaining({
        code: 'priority_value_missing',
        line: 3,
        column: 5,
        field: 'rank',
        file: 's.csv',
      }),
    ]);
  });

  it('locates bad values: negative points, rank 0', async () => {
    const s = await readPrioritySurveyCsv(
      'respondent,group,item,points\nR1,residents,jobs,-5\nR1,residents,climate,ten\n',
    );
    expect(s.issues.map((i) => [i.line, i.code])).toEqual([
      [2, 'below_minimum'],
      [3, 'not_a_number'],
    ]);
    const r = await readPrioritySurveyCsv('respondent,group,item,rank\nR1,residents,jobs,0\n');
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([[2, 'out_of_range']]);
  });

  it('needs a points or rank column', async () => {
    const s = await readPrioritySurveyCsv('respondent,group,item\nR1,residents,jobs\n');
    expect(s.usable).toBe(false);
    expect(s.issues[0]?.code).toBe('missing_column');
  });
});

describe('analysePrioritiesCsv', () => {
  it('weighs a points survey (core example: r1 60/40, r2 10/30 → jobs 42.5, climate 57.5)', async () => {
    // r1: jobs 0.6, climate 0.4; r2: jobs 0.25, climate 0.75; mean jobs 0.425, climate 0.575.
    const r = await analysePrioritiesCsv(POINTS, { file: 'survey.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.overall.weights.jobs?.toString()).toBe('42.5');
    expect(r.value.overall.weights.climate?.toString()).toBe('57.5');
    expect(r.value.rows).toEqual({ read: 4, accepted: 4, rejected: 0 });
  });

  it('counts rows the analysis rejects (a respondent answering an item twice) with the reader rows', async () => {
    const r = await analysePrioritiesCsv(
      `${POINTS}\nr3,residents,jobs,5\nr3,residents,jobs,6\nr4,residents,jobs,x\n`,
      {
        file: 'survey.csv',
      },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows).toEqual({ read: 7, accepted: 4, rejected: 3 });
    expect(r.value.issues.map((i) => [i.line, i.code, i.file])).toEqual([
      [8, 'not_a_number', 'survey.csv'],
      [6, 'respondent_duplicate_item', 'survey.csv'],
    ]);
  });
});
