import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dec } from '@commonweal/core/money';
import { hashInputs, sha256Hex } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { prioritiesFlow } from './priorities';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/priorities/', import.meta.url));
const text = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

describe('prioritiesFlow on the example survey (examples/priorities)', () => {
  it('weighs each group equally: local-jobs first, weights summing to exactly 100', async () => {
    const r = await prioritiesFlow({
      survey: { name: 'survey.csv', text: text('survey.csv') },
      groups: 'equal',
    });
    if (!r.ok) throw new Error(r.headline);
    const w = r.priorities.overall.weights;
    expect(
      Object.values(w)
        .reduce((a, b) => a.plus(b))
        .toString(),
    ).toBe('100');
    expect(r.priorities.overall.ranking[0]?.item).toBe('local-jobs');
    expect(r.priorities.rows).toEqual({ read: 65, accepted: 65, rejected: 0 });
    expect(r.sha256).toBe(
      hashInputs({ survey: sha256Hex(text('survey.csv')), method: 'points', groups: 'equal' }),
    );
  });

  it('gives the same document for the text and for its bytes', async () => {
    const a = await prioritiesFlow({ survey: { name: 'survey.csv', text: text('survey.csv') } });
    const b = await prioritiesFlow({
      survey: { name: 'survey.csv', text: new TextEncoder().encode(text('survey.csv')) },
    });
    if (!a.ok || !b.ok) throw new Error('not ok');
    expect(documentText(b.document)).toBe(documentText(a.document));
  });

  it('writes the weights into the model’s social value sub-criteria, summing to 100', async () => {
    const r = await prioritiesFlow({
      survey: { name: 'survey.csv', text: text('survey.csv') },
      groups: 'equal',
      applyTo: { model: { name: 'model.json', text: text('model.json') }, criterion: 'social-value' },
    });
    if (!r.ok) throw new Error(r.headline);
    const model = JSON.parse(r.applied?.text ?? '{}');
    const sv = model.criteria.find((c: { id: string }) => c.id === 'social-value');
    const sum = sv.criteria.reduce((s: number, c: { weight: string }) => s + Number(c.weight), 0);
    expect(Math.round(sum * 1000) / 1000).toBe(100);
    expect(r.applied?.sha256).toBe(sha256Hex(r.applied?.text ?? ''));
  });

  it('a valuation whose themes are not the survey items is fatal, naming both', async () => {
    const r = await prioritiesFlow({
      survey: { name: 'survey.csv', text: text('survey.csv') },
      valuation: { name: 'v.json', text: '{}' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.headline).toContain('v.json is not the JSON of `commonweal value --format json`');
  });
});

describe('prioritiesFlow with the list of items being weighed', () => {
  const SMALL = [
    'respondent,group,item,points',
    'R1,residents,jobs,60',
    'R1,residents,climate,40',
    'R2,residents,jobs,10',
    'R2,residents,climate,30',
    '',
  ].join('\n');
  const survey = { name: 'small.csv', text: SMALL };

  it('keeps an item nobody answered at weight 0 and says so', async () => {
    const r = await prioritiesFlow({ survey, items: ['jobs', 'climate', 'fair-work'] });
    if (!r.ok) throw new Error(r.headline);
    // climate (0.4 + 0.75) ÷ 2 = 57.5%, jobs (0.6 + 0.25) ÷ 2 = 42.5%, fair-work no points.
    const w = Object.fromEntries(
      Object.entries(r.priorities.overall.weights).map(([k, v]) => [k, v.toString()]),
    );
    expect(w).toEqual({ climate: '57.5', 'fair-work': '0', jobs: '42.5' });
    expect(r.priorities.items).toEqual(['climate', 'fair-work', 'jobs']);
    expect(r.issues).toEqual([
      {
        code: 'priority_item_unanswered',
        message:
          '"fair-work" (from the list of items) was given no weight by any respondent of small.csv, so its weight is 0',
        file: 'small.csv',
        field: 'item',
        severity: 'warning',
      },
    ]);
    expect(r.sha256).toBe(
      hashInputs({
        survey: sha256Hex(SMALL),
        method: 'points',
        groups: 'proportional',
        items: ['climate', 'fair-work', 'jobs'],
      }),
    );
    expect((r.document.overall as { weights: unknown }).weights).toEqual(w);
  });

  it('rejects an answer naming an item not on the list, located', async () => {
    const r = await prioritiesFlow({ survey, items: ['jobs', 'fair-work'] });
    if (!r.ok) throw new Error(r.headline);
    expect(r.priorities.rows).toEqual({ read: 4, accepted: 2, rejected: 2 });
    const unknown = r.issues.filter((i) => i.code === 'priority_item_unknown');
    expect(unknown.map((i) => [i.file, i.line, i.field])).toEqual([
      ['small.csv', 3, 'item'],
      ['small.csv', 5, 'item'],
    ]);
    expect(r.priorities.overall.weights.jobs?.toString()).toBe('100');
    expect(r.priorities.overall.weights['fair-work']?.toString()).toBe('0');
  });

  it("takes the items from a framework's themes", async () => {
    const measures = readFileSync(join(EXAMPLES, '../valuation/measures.csv'), 'utf8');
    const r = await prioritiesFlow({
      survey: { name: 'themes-survey.csv', text: text('themes-survey.csv') },
      framework: { name: 'measures.csv', text: measures },
    });
    if (!r.ok) throw new Error(r.headline);
    // The survey asked about three of the framework's four themes: growth is weighed at 0.
    expect(r.priorities.items).toEqual(['environment', 'growth', 'jobs', 'wellbeing']);
    expect(r.issues.filter((i) => i.code === 'priority_item_unanswered').map((i) => i.message)).toEqual([
      '"growth" (from the themes of measures.csv) was given no weight by any respondent of themes-survey.csv, so its weight is 0',
    ]);
    const without = await prioritiesFlow({
      survey: { name: 'themes-survey.csv', text: text('themes-survey.csv') },
    });
    if (!without.ok) throw new Error(without.headline);
    expect(r.priorities.overall.weights).toEqual({
      ...without.priorities.overall.weights,
      growth: new Dec(0),
    });
    expect(r.priorities.overall.weights.jobs?.toString()).toBe(
      without.priorities.overall.weights.jobs?.toString(),
    );
  });

  it('refuses a list that is empty, repeats an item, or is given twice', async () => {
    for (const [items, what] of [
      [[], 'the list of items is empty'],
      [['jobs', 'jobs'], 'item "jobs" is listed twice'],
      [['jobs', ' '], 'item 2 of the list is blank'],
    ] as const) {
      const r = await prioritiesFlow({ survey, items });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.headline).toBe('the items being weighed cannot be used');
      expect(r.issues[0]?.code).toBe('priority_items_invalid');
      expect(r.issues[0]?.message).toBe(`${what}: list each item being weighed once`);
    }
    const both = await prioritiesFlow({ survey, items: ['jobs'], framework: { name: 'f.csv', text: '' } });
    expect(both.ok || both.headline).toBe('the items being weighed are given twice');
  });

  it('property: with the items listed, the weights are those without, plus zeros', async () => {
    const answered = ['climate', 'jobs', 'wellbeing'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.uniqueArray(fc.constantFrom('fair-work', 'local-supply', 'net-zero'), { minLength: 1 }),
        async (people, extra) => {
          const rows = ['respondent,group,item,points'];
          people.forEach((pts, k) => {
            answered.forEach((item, i) => {
              rows.push(`R${k},residents,${item},${pts[i]}`);
            });
          });
          const s = { name: 's.csv', text: `${rows.join('\n')}\n` };
          const a = await prioritiesFlow({ survey: s });
          const b = await prioritiesFlow({ survey: s, items: [...extra, ...answered] });
          if (!a.ok || !b.ok) return false;
          const want = { ...a.priorities.overall.weights };
          for (const x of extra) want[x] = new Dec(0);
          expect(b.priorities.overall.weights).toEqual(want);
          expect(b.issues.filter((i) => i.code === 'priority_item_unanswered').length).toBe(extra.length);
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });
});
