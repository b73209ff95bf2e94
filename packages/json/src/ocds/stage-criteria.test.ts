import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ctx, Obj } from './shared';
import { buildCriteria, criteriaItems, criterionWeight } from './stage-criteria';

// The criteria stage on its own. Fixtures: examples/ocds/find-a-tender-award.json (shape of a
// Find a Tender UK4 notice; provenance in examples/ocds/README.md) and the FTS 2021 release
// ocds-h6vhtk-02911b's `{"name":"price","type":"cost","description":"60"}`.
const fts = JSON.parse(
  readFileSync(new URL('../../../../examples/ocds/find-a-tender-award.json', import.meta.url), 'utf8'),
);
const tender = fts.releases[0].tender as Obj;
const ctx = (): Ctx => ({ issues: [], file: 'find-a-tender-award.json' });
const lotAt = (i: number) => ['releases', 0, 'tender', 'lots', i];
const criteriaOfLot = (i: number, c: Ctx) =>
  buildCriteria(
    criteriaItems((tender.lots as Obj[])[i] as Obj, lotAt(i)),
    tender,
    ['releases', 0, 'tender'],
    [...lotAt(i), 'awardCriteria'],
    c,
    `lot "${i + 1}"`,
  );

describe('buildCriteria (criteria stage)', () => {
  it('Find a Tender lot 1: quality 40, social value 10, price 50, ids made from names', () => {
    const c = ctx();
    const criteria = criteriaOfLot(0, c);
    expect(criteria.map((x) => [x.id, x.type, x.weight])).toEqual([
      ['quality-of-service-delivery', 'quality', '40'],
      ['social-value', 'quality', '10'],
      ['price', 'price', '50'],
    ]);
    expect(criteria[0]).toMatchObject({ description: 'Method statements Q1 to Q4', scale: { max: '100' } });
    expect(c.issues.map((i) => i.code)).toEqual([
      'scale_assumed',
      'scale_assumed',
      'price_method_assumed',
      'criterion_ids_generated',
    ]);
    expect(c.issues.at(-1)?.path).toEqual([...lotAt(0), 'awardCriteria']);
  });

  it('Find a Tender lot 2: quality 60, price 40', () => {
    expect(criteriaOfLot(1, ctx()).map((x) => [x.id, x.weight])).toEqual([
      ['quality-of-service-delivery', '60'],
      ['price', '40'],
    ]);
  });

  it('core codes and nothing: priceOnly is one price criterion weighted 100; no criteria is a warning', () => {
    const c = ctx();
    expect(
      buildCriteria(null, { awardCriteria: 'priceOnly' }, ['tender'], ['tender'], c, 'the tender'),
    ).toEqual([{ id: 'price', title: 'Price', weight: '100', type: 'price', method: 'lowest-ratio' }]);
    expect(c.issues.map((i) => i.code)).toEqual(['criteria_from_code', 'price_method_assumed']);
    const d = ctx();
    expect(buildCriteria(null, {}, ['tender'], ['tender', 'awardCriteria'], d, 'the tender')).toEqual([]);
    expect(d.issues.map((i) => [i.code, i.severity])).toEqual([['no_criteria', 'warning']]);
  });
});

describe('criterionWeight (criteria stage)', () => {
  it('percentages as given, decimals × 100, the FTS 2021 description trap, order is no weight', () => {
    const w = (item: Obj, c = ctx()) => criterionWeight(item, ['c'], c, 'criterion "x"').weight;
    expect(w({ numbers: [{ number: 40, weight: 'percentageExact' }] })).toBe('40');
    expect(w({ numbers: [{ number: 0.35, weight: 'decimalExact' }] })).toBe('35');
    const c = ctx();
    expect(w({ name: 'price', type: 'cost', description: '60' }, c)).toBe('60');
    expect(c.issues.map((i) => [i.code, i.path])).toEqual([
      ['weight_from_description', ['c', 'description']],
    ]);
    expect(criterionWeight({ numbers: [{ number: 1, weight: 'order' }] }, ['c'], ctx(), 'x')).toEqual({
      weight: null,
      order: true,
    });
  });
});

describe('criteria stage: properties', () => {
  it('the weights read are the published percentages; weights_not_100 is raised exactly when they do not sum to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }), (ws) => {
        const items = ws.map((n, i) => ({
          item: {
            type: i === 0 ? 'price' : 'quality',
            name: `C${i}`,
            numbers: [{ number: n, weight: 'percentageExact' }],
          },
          path: ['tender', 'awardCriteria', 'criteria', i],
        }));
        const c = ctx();
        const criteria = buildCriteria(items, {}, ['tender'], ['tender', 'awardCriteria'], c, 'the tender');
        expect(criteria.map((x) => x.weight)).toEqual(ws.map(String));
        const total = ws.reduce((a, b) => a + b, 0);
        expect(c.issues.some((i) => i.code === 'weights_not_100')).toBe(total !== 100);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('decimal weights that sum to 1 read as percentages that sum to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }), (parts) => {
        // hundredths that add up to exactly 1: the last takes what is left
        const head = parts.slice(0, -1).map((p) => Math.floor(p / parts.length));
        const last = 100 - head.reduce((a, b) => a + b, 0);
        const ws = [...head, last].map((h) => (h / 100).toString());
        const items = ws.map((d, i) => ({
          item: { type: 'quality', name: `Q${i}`, numbers: [{ number: d, weight: 'decimalExact' }] },
          path: ['c', i],
        }));
        const c = ctx();
        const criteria = buildCriteria(items, {}, ['tender'], ['c'], c, 'the tender');
        expect(criteria.reduce((s, x) => s + Number(x.weight), 0)).toBeCloseTo(100, 9);
        expect(c.issues.some((i) => i.code === 'weights_not_100')).toBe(false);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
