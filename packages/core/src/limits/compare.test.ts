import { describe, expect, it } from 'vitest';
import { compareYears } from './compare';
import { assessDoughnut, type IndicatorInput } from './doughnut';

// Values: doughnut-v3 global series (a-fanning/doughnut-v3, Analysis-R2/myData/
// 12_20250115_globalDoughnutData_2000-2022.csv @ 080250107b02f4853ccec2cd250995d2fa964cc0).
const SOURCE = 'doughnut-v3 global series';
const p = (year: number, value: string): IndicatorInput => ({
  id: 'phosphorusMt',
  dimension: 'nutrient-pollution',
  kind: 'ecological',
  unit: 'Mt P',
  value,
  target: '6.2',
  year,
  source: SOURCE,
});
const u5 = (year: number, value: string | null): IndicatorInput => ({
  id: 'under5death',
  dimension: 'health',
  kind: 'social',
  unit: '%',
  value,
  target: '0',
  baseline: '100',
  year,
  source: SOURCE,
});
const aod = (year: number, value: string): IndicatorInput => ({
  id: 'interhemAOD',
  dimension: 'air-pollution',
  kind: 'ecological',
  unit: 'AOD',
  value,
  target: '0.1',
  baseline: '0.03',
  year,
  source: SOURCE,
});

describe('compareYears', () => {
  it('direction and size of change from indicators by year (phosphorus worsening, under-5 deaths improving)', () => {
    const c = compareYears([
      p(2022, '23.17'),
      u5(2000, '75.4'),
      p(2000, '13.55'),
      u5(2022, '42.62'),
      aod(2000, '0.08'),
      aod(2022, '0.08'),
    ]);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.years).toEqual([2000, 2022]);
    expect(c.value.indicators.map((i) => [i.id, i.direction])).toEqual([
      ['interhemAOD', 'unchanged'],
      ['phosphorusMt', 'worsening'],
      ['under5death', 'improving'],
    ]);
    // phosphorus overshoot: 23.17/6.2 − 13.55/6.2 = 9.62/6.2 = 1.5516…; published ratios 1.19 → 2.74
    const ph = c.value.indicators.find((i) => i.id === 'phosphorusMt');
    expect(ph?.overall?.change.toFixed(4)).toBe('1.5516');
    // under-5 deaths shortfall 0.754 → 0.4262: change −0.3278 (published 0.75 → 0.43)
    expect(c.value.indicators.find((i) => i.id === 'under5death')?.overall?.change.toString()).toBe(
      '-0.3278',
    );
    expect(c.value.issues).toEqual([]);
  });

  it('accepts portraits, and the result does not depend on their order', () => {
    const a = assessDoughnut([p(2000, '13.55'), u5(2000, '75.4')]);
    const b = assessDoughnut([p(2022, '23.17'), u5(2022, '42.62')]);
    if (!a.ok || !b.ok) throw new Error('expected ok');
    const ab = compareYears([a.value, b.value]);
    const ba = compareYears([b.value, a.value]);
    if (!ab.ok || !ba.ok) throw new Error('expected ok');
    expect(ab.value.indicators.map((i) => i.direction)).toEqual(['worsening', 'improving']);
    expect(JSON.stringify(ab.value)).toBe(JSON.stringify(ba.value));
    expect(ab.value.summaries.map((s) => [s.year, s.summary.ecologicalTransgressed])).toEqual([
      [2000, 1],
      [2022, 1],
    ]);
  });

  it('steps between consecutive years with data; a missing year is skipped, not read as zero', () => {
    const c = compareYears([u5(2000, '75.4'), u5(2010, null), u5(2020, '42.94'), u5(2022, '42.62')]);
    if (!c.ok) throw new Error('expected ok');
    const i = c.value.indicators[0];
    expect(i?.points.map((x) => x.missing ?? false)).toEqual([false, true, false, false]);
    expect(i?.steps.map((s) => [s.from, s.to, s.direction])).toEqual([
      [2000, 2020, 'improving'],
      [2020, 2022, 'improving'],
    ]);
  });

  it('one year only: no-data direction and a warning', () => {
    const c = compareYears([p(2022, '23.17')]);
    if (!c.ok) throw new Error('expected ok');
    expect(c.value.indicators[0]?.direction).toBe('no-data');
    expect(c.value.issues.map((x) => [x.code, x.severity])).toEqual([['too_few_years', 'warning']]);
  });

  it('an indicator that changes kind between years is reported and left out', () => {
    const c = compareYears([p(2000, '13.55'), { ...p(2022, '23.17'), kind: 'social', dimension: 'x' }]);
    if (!c.ok) throw new Error('expected ok');
    expect(c.value.indicators).toEqual([]);
    expect(c.value.issues.map((x) => x.code)).toContain('indicator_changed');
  });

  it('issues from a year point at the caller’s list', () => {
    const c = compareYears([p(2000, '13.55'), { ...p(2022, '23.17'), target: '0' }, p(2010, '18.38')]);
    if (!c.ok) throw new Error('expected ok');
    expect(c.value.issues.find((x) => x.code === 'target_equals_baseline')?.path?.[0]).toBe(1);
  });

  it('per dimension: mean gap per year, steps and direction towards or away from the safe and just space', () => {
    const c = compareYears([
      p(2000, '13.55'),
      p(2022, '23.17'),
      u5(2000, '75.4'),
      u5(2022, '42.62'),
      aod(2000, '0.08'),
      aod(2022, '0.08'),
    ]);
    if (!c.ok) throw new Error('expected ok');
    // social first, then ecological, by id
    expect(c.value.dimensions.map((d) => [d.id, d.direction])).toEqual([
      ['health', 'towards'],
      ['air-pollution', 'unchanged'],
      ['nutrient-pollution', 'away'],
    ]);
    const health = c.value.dimensions[0];
    // shortfall 75.4% → 42.62% deprived: 0.754 → 0.4262
    expect(health?.years.map((y) => [y.year, y.status, y.gap?.value.toString()])).toEqual([
      [2000, 'shortfall', '0.754'],
      [2022, 'shortfall', '0.4262'],
    ]);
    expect(health?.overall?.change.toString()).toBe('-0.3278');
    expect(health?.steps[0]?.sameIndicators).toBe(true);
    // AOD (0.08 − 0.03) ÷ (0.1 − 0.03) = 0.714…: within the ceiling both years, overshoot 0
    expect(c.value.dimensions[1]?.years.map((y) => y.status)).toEqual(['within', 'within']);
    expect(c.value.counts).toEqual({ read: 6, accepted: 6, rejected: 0 });
  });

  it('a dimension whose indicators with data change between years says so (sameIndicators false)', () => {
    const other = (year: number, value: string): IndicatorInput => ({
      ...p(year, value),
      id: 'nitrogenMt',
      target: '62',
    });
    const c = compareYears([p(2000, '13.55'), p(2022, '23.17'), other(2022, '194.34')]);
    if (!c.ok) throw new Error('expected ok');
    const d = c.value.dimensions[0];
    expect(d?.years.map((y) => y.indicators)).toEqual([1, 2]);
    expect(d?.steps[0]?.sameIndicators).toBe(false);
  });

  it('an indicator that changes dimension is located at the row where it changes, and all its rows are counted rejected', () => {
    const c = compareYears([
      p(2000, '13.55'),
      { ...p(2022, '23.17'), dimension: 'elsewhere' },
      u5(2000, '75.4'),
    ]);
    if (!c.ok) throw new Error('expected ok');
    const i = c.value.issues.find((x) => x.code === 'indicator_changed');
    expect(i?.path).toEqual([1, 'dimension']);
    expect(c.value.counts).toEqual({ read: 3, accepted: 1, rejected: 2 });
  });
});
