import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cityPortraitLenses, DimensionSetSchema, fanningRaworth2025, raworth2017 } from './dimensions';
import { assessDoughnut, type IndicatorInput } from './doughnut';
import { DoughnutJsonSchema, toDoughnutJson } from './doughnut-json';

const base = { unit: 'index', year: 2024, source: 'constructed example' } as const;
const social = (id: string, dimension: string, value: string | null, target = '1'): IndicatorInput => ({
  ...base,
  id,
  dimension,
  kind: 'social',
  value,
  target,
});
const eco = (id: string, dimension: string, value: string | null, target = '1'): IndicatorInput => ({
  ...base,
  id,
  dimension,
  kind: 'ecological',
  value,
  target,
});

describe('assessDoughnut (constructed inputs, hand-checked)', () => {
  const indicators = [
    social('s1', 'food', '0.8'), // shortfall 0.2
    social('s2', 'food', '1.2'), // achieved, shortfall 0
    social('s3', 'housing', null), // missing
    eco('e1', 'climate-change', '2.5'), // overshoot 1.5
    eco('e2', 'climate-change', '1'), // at the boundary: not transgressed
    eco('e3', 'land-conversion', '0.5'), // within
  ];

  it('counts achieved/transgressed over indicators with data and means over them', () => {
    const r = assessDoughnut(indicators);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value.summary;
    expect([s.socialAchieved, s.socialWithData, s.socialMissing]).toEqual([1, 2, 1]);
    expect([s.ecologicalTransgressed, s.ecologicalWithData, s.ecologicalMissing]).toEqual([1, 3, 0]);
    expect(s.meanShortfall?.value.toString()).toBe('0.1'); // (0.2 + 0) / 2 — the missing one is left out
    expect(s.meanOvershoot?.value.toString()).toBe('0.5'); // (1.5 + 0 + 0) / 3
    expect(r.value.counts).toEqual({ read: 6, accepted: 6, rejected: 0 });
  });

  it('without a set, dimensions are the indicators’ own names: social first, then by name', () => {
    const r = assessDoughnut(indicators);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.dimensions.map((d) => [d.id, d.status])).toEqual([
      ['food', 'shortfall'],
      ['housing', 'no-data'],
      ['climate-change', 'overshoot'],
      ['land-conversion', 'within'],
    ]);
    const food = r.value.dimensions[0];
    expect(food?.achieved).toBe(1);
    expect(food?.meanShortfall?.value.toString()).toBe('0.1');
    expect(r.value.dimensions[1]?.meanShortfall).toBeNull();
  });

  it('each indicator explains itself', () => {
    const r = assessDoughnut([eco('n', 'nutrients', '194.34', '62')]);
    if (!r.ok) throw new Error('expected ok');
    const t = r.value.indicators[0]?.trace;
    expect(t?.formula).toContain('overshoot = max(0, ratio − 1)');
    expect(t?.inputs.value?.value).toBe('194.34');
    expect(t?.inputs.target?.value).toBe('62');
    expect(t?.notes).toEqual(['source: constructed example']);
  });

  it('rejects, with located issues, what cannot be assessed and keeps the rest (read = accepted + rejected)', () => {
    const r = assessDoughnut(
      [
        social('ok', 'food', '0.5'),
        { ...social('flat', 'food', '0.5'), target: '2', baseline: '2' },
        social('nowhere', 'Food', '0.5'),
        eco('wrongkind', 'food', '0.5'),
        { ...social('lens', 'food', '0.5'), lens: 'global-ecological' },
        { ...social('bad', 'food', 'lots') },
      ],
      { dimensions: fanningRaworth2025 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.counts).toEqual({ read: 6, accepted: 1, rejected: 5 });
    const byPath = Object.fromEntries(r.value.issues.map((i) => [String(i.path?.[0]), i.code]));
    expect(byPath).toEqual({
      '1': 'target_equals_baseline',
      '2': 'unknown_dimension',
      '3': 'dimension_kind_mismatch',
      '4': 'lens_kind_mismatch',
      '5': 'schema_custom',
    });
    expect(r.value.issues.find((i) => i.code === 'unknown_dimension')?.message).toContain(
      'did you mean the id "food"',
    );
  });

  it('a repeated id is rejected every time it appears (order-independent)', () => {
    const r = assessDoughnut([
      social('a', 'food', '0.5'),
      social('a', 'food', '0.9'),
      social('b', 'food', '1'),
    ]);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.indicators.map((i) => i.id)).toEqual(['b']);
    expect(r.value.issues.map((i) => i.code)).toEqual(['duplicate_indicator', 'duplicate_indicator']);
  });

  it('with a set: dimensions in the set order, all of them, and the set named', () => {
    const r = assessDoughnut([social('h', 'housing', '0.9')], { dimensions: raworth2017 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.dimensions).toHaveLength(21);
    expect(r.value.dimensions[0]?.id).toBe('water');
    expect(r.value.dimensionSet).toEqual({
      setId: 'raworth-2017',
      title: raworth2017.title,
      version: '2017',
    });
  });

  it('a council set with lenses (city portrait)', () => {
    const r = assessDoughnut(
      [
        { ...social('homes', 'local-social', '0.7'), lens: 'local-social' },
        { ...eco('co2pc', 'global-ecological', '5.8'), lens: 'global-ecological' },
      ],
      { dimensions: cityPortraitLenses },
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.dimensions.map((d) => [d.id, d.lens, d.status])).toEqual([
      ['local-social', 'local-social', 'shortfall'],
      ['local-ecological', 'local-ecological', 'no-data'],
      ['global-ecological', 'global-ecological', 'overshoot'],
      ['global-social', 'global-social', 'no-data'],
    ]);
  });

  it('an invalid dimension set fails with located issues', () => {
    const r = assessDoughnut([], {
      dimensions: {
        setId: 'x',
        title: 'x',
        source: { title: 'x', licence: 'x' },
        dimensions: [
          { id: 'a', name: 'a', kind: 'social' },
          { id: 'a', name: 'b', kind: 'social' },
        ],
      },
    });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.path).toEqual(['dimensions', 'dimensions', 1, 'id']);
    expect(DimensionSetSchema.safeParse(raworth2017).success).toBe(true);
  });

  it('JSON: decimals as strings, null for missing, no undefined, valid against the schema', () => {
    const r = assessDoughnut(indicators);
    if (!r.ok) throw new Error('expected ok');
    const json = toDoughnutJson(r.value);
    const text = JSON.stringify(json);
    expect(text).not.toContain('undefined');
    expect(DoughnutJsonSchema.parse(JSON.parse(text))).toEqual(json);
    const s3 = json.indicators.find((i) => i.id === 's3');
    expect(s3).toEqual({
      id: 's3',
      dimension: 'housing',
      kind: 'social',
      unit: 'index',
      year: 2024,
      value: null,
      target: '1',
      baseline: '0',
      ratio: null,
      missing: true,
    });
    expect(json.summary.meanOvershoot).toBe('0.5');
    expect(Object.values(json.indicators[0] ?? {})).not.toContain(undefined);
  });
});

// Property tests over generated portraits.
const arbIndicators = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z]{1,6}$/),
      kind: fc.constantFrom('social' as const, 'ecological' as const),
      dim: fc.constantFrom('a', 'b', 'c'),
      value: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
      target: fc.integer({ min: 1, max: 200 }),
    }),
    { selector: (r) => r.id, minLength: 1, maxLength: 12 },
  )
  .map((rows) =>
    rows.map(
      (r): IndicatorInput => ({
        ...base,
        id: r.id,
        // keep kinds apart so no dimension mixes social and ecological
        dimension: `${r.kind}-${r.dim}`,
        kind: r.kind,
        value: r.value === null ? null : String(r.value),
        target: String(r.target),
      }),
    ),
  );

describe('assessDoughnut properties', () => {
  it('the portrait does not depend on the order of the indicators', () => {
    const withPermutation = arbIndicators.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([list, permuted]) => {
        const a = assessDoughnut(list);
        const b = assessDoughnut(permuted);
        const c = assessDoughnut([...list].reverse());
        if (!a.ok || !b.ok || !c.ok) return false;
        const ja = JSON.stringify(toDoughnutJson(a.value));
        return (
          ja === JSON.stringify(toDoughnutJson(b.value)) && ja === JSON.stringify(toDoughnutJson(c.value))
        );
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('missing values are never counted as zero: dropping them leaves counts and means unchanged', () => {
    fc.assert(
      fc.property(arbIndicators, (list) => {
        const all = assessDoughnut(list);
        const present = assessDoughnut(list.filter((i) => i.value !== null));
        if (!all.ok || !present.ok) return false;
        const s = all.value.summary;
        const t = present.value.summary;
        const missing = list.filter((i) => i.value === null).length;
        return (
          s.socialAchieved === t.socialAchieved &&
          s.socialWithData === t.socialWithData &&
          s.ecologicalTransgressed === t.ecologicalTransgressed &&
          s.ecologicalWithData === t.ecologicalWithData &&
          s.socialMissing + s.ecologicalMissing === missing &&
          String(s.meanShortfall?.value) === String(t.meanShortfall?.value) &&
          String(s.meanOvershoot?.value) === String(t.meanOvershoot?.value)
        );
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('shortfall and overshoot are never negative; achieved iff shortfall is 0; transgressed iff overshoot > 0', () => {
    fc.assert(
      fc.property(arbIndicators, (list) => {
        const r = assessDoughnut(list);
        if (!r.ok) return false;
        return r.value.indicators.every((i) => {
          if (i.missing) return i.shortfall === undefined && i.overshoot === undefined && i.ratio === null;
          if (i.kind === 'social')
            return !!i.shortfall && !i.shortfall.isNegative() && i.achieved === i.shortfall.isZero();
          return !!i.overshoot && !i.overshoot.isNegative() && i.transgressed === i.overshoot.gt(0);
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
