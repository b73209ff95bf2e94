import { type Issue, issue, ok, type Result } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import type { Kind } from './dimensions';
import {
  type AssessDoughnutOptions,
  assessDoughnut,
  type DoughnutPortrait,
  type DoughnutSummary,
  type IndicatorAssessment,
  type IndicatorInput,
  summariseIndicators,
} from './doughnut';

/**
 * Direction of change: `improving` when the shortfall (social) or overshoot (ecological)
 * falls, `worsening` when it rises, `unchanged` when equal, `no-data` with fewer than two
 * years with data.
 *
 * @example
 * ```ts
 * const d: ChangeDirection = 'improving';
 * ```
 */
export type ChangeDirection = 'improving' | 'worsening' | 'unchanged' | 'no-data';

/**
 * One year of one indicator in a comparison.
 *
 * @example
 * ```ts
 * const p: YearPoint = { year: 2015, value: null, ratio: null, gap: null, missing: true };
 * ```
 */
export interface YearPoint {
  year: number;
  value: Decimal | null;
  ratio: Decimal | null;
  /** Shortfall (social) or overshoot (ecological); `null` when missing. */
  gap: Decimal | null;
  missing?: true;
}

/**
 * Change between two years with data: `change = gap[to] − gap[from]` (negative = improving),
 * `ratioChange = ratio[to] − ratio[from]` (shows movement inside the safe space too, where the
 * gap is 0 in both years).
 *
 * @example
 * ```ts
 * const s: YearStep = { from: 2000, to: 2022, change: dec('1.61'), ratioChange: dec('1.61'), direction: 'worsening' };
 * ```
 */
export interface YearStep {
  from: number;
  to: number;
  change: Decimal;
  ratioChange: Decimal;
  direction: Exclude<ChangeDirection, 'no-data'>;
}

/**
 * Change over time for one indicator: the points by year, the change from the first to the
 * last year with data (`overall`, absent with fewer than two), and each step between
 * consecutive years with data.
 *
 * @example
 * ```ts
 * const c = compareYears(indicatorsForSeveralYears);
 * if (c.ok) c.value.indicators.map((i) => `${i.id}: ${i.direction}`);
 * ```
 */
export interface IndicatorChange {
  id: string;
  dimension: string;
  kind: Kind;
  unit: string;
  points: YearPoint[];
  direction: ChangeDirection;
  overall?: YearStep;
  steps: YearStep[];
}

/**
 * Result of {@link compareYears}: the years, each indicator's change, and the portrait summary
 * for each year (over the indicators of that year).
 *
 * @example
 * ```ts
 * const c = compareYears(portraits);
 * if (c.ok) c.value.summaries.map((s) => [s.year, s.summary.ecologicalTransgressed]);
 * ```
 */
export interface YearComparison {
  years: number[];
  indicators: IndicatorChange[];
  summaries: { year: number; summary: DoughnutSummary }[];
  issues: Issue[];
}

const gapOf = (i: IndicatorAssessment): Decimal | null =>
  i.missing ? null : ((i.kind === 'social' ? i.shortfall : i.overshoot) ?? null);

function step(a: YearPoint, b: YearPoint): YearStep {
  const change = (b.gap as Decimal).minus(a.gap as Decimal);
  const direction = change.isZero() ? 'unchanged' : change.isNegative() ? 'improving' : 'worsening';
  return {
    from: a.year,
    to: b.year,
    change,
    ratioChange: (b.ratio as Decimal).minus(a.ratio as Decimal),
    direction,
  };
}

const isPortrait = (x: unknown): x is DoughnutPortrait =>
  typeof x === 'object' && x !== null && 'indicators' in x && 'summary' in x && 'dimensions' in x;

/**
 * Compares the same indicators across two or more years. Give either portraits (one per year,
 * or any mix: each indicator carries its year) or a long list of indicators covering several
 * years (each year is assessed as its own portrait, with the same options). Indicators are
 * matched by id; improving means the shortfall or overshoot falls. Output is sorted by
 * indicator id and year, whatever the input order.
 *
 * @example
 * ```ts
 * const c = compareYears([
 *   { id: 'p', dimension: 'nutrients', kind: 'ecological', unit: 'Mt P', value: '13.55', target: '6.2', year: 2000, source: 'doughnut-v3' },
 *   { id: 'p', dimension: 'nutrients', kind: 'ecological', unit: 'Mt P', value: '23.17', target: '6.2', year: 2022, source: 'doughnut-v3' },
 * ]);
 * if (c.ok) c.value.indicators[0]?.direction; // 'worsening'
 * ```
 */
export function compareYears(
  input: readonly DoughnutPortrait[] | readonly IndicatorInput[],
  options: AssessDoughnutOptions = {},
): Result<YearComparison> {
  const issues: Issue[] = [];
  const assessed: IndicatorAssessment[] = [];
  if (input.length > 0 && input.every(isPortrait)) {
    for (const p of input as readonly DoughnutPortrait[]) for (const x of p.indicators) assessed.push(x);
  } else {
    const byYear = new Map<number, { index: number; item: IndicatorInput }[]>();
    (input as readonly IndicatorInput[]).forEach((item, index) => {
      const year =
        typeof item === 'object' && item !== null && Number.isInteger(item.year)
          ? item.year
          : Number.NEGATIVE_INFINITY;
      const list = byYear.get(year) ?? [];
      list.push({ index, item });
      byYear.set(year, list);
    });
    for (const [, list] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
      const r = assessDoughnut(
        list.map((x) => x.item),
        options,
      );
      // Re-point issue paths from the year's list to the caller's list.
      const remap = (i: Issue): Issue => {
        const [head, ...rest] = i.path ?? [];
        if (typeof head !== 'number') return i;
        const original = list[head]?.index ?? head;
        return { ...i, path: [original, ...rest] };
      };
      for (const x of r.issues.map(remap)) issues.push(x);
      if (r.ok) for (const x of r.value.indicators) assessed.push(x);
    }
  }

  const byId = new Map<string, IndicatorAssessment[]>();
  for (const a of assessed) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  const ids = [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const indicators: IndicatorChange[] = [];
  const kept: IndicatorAssessment[] = [];
  for (const id of ids) {
    const list = [...(byId.get(id) ?? [])].sort((a, b) => a.year - b.year);
    const first = list[0] as IndicatorAssessment;
    const years = list.map((a) => a.year);
    if (new Set(years).size !== years.length) {
      issues.push(
        issue(
          'duplicate_indicator_year',
          `indicator "${id}" has more than one value for a year: give one value per year`,
          {
            field: 'year',
          },
        ),
      );
      continue;
    }
    if (list.some((a) => a.kind !== first.kind || a.dimension !== first.dimension)) {
      issues.push(
        issue(
          'indicator_changed',
          `indicator "${id}" changes kind or dimension between years: an indicator compared over time must keep both`,
          { field: 'dimension' },
        ),
      );
      continue;
    }
    for (const x of list) kept.push(x);
    const points: YearPoint[] = list.map((a) => {
      const p: YearPoint = { year: a.year, value: a.value, ratio: a.ratio, gap: gapOf(a) };
      if (a.missing) p.missing = true;
      return p;
    });
    const withData = points.filter((p) => !p.missing);
    const steps: YearStep[] = [];
    for (let k = 1; k < withData.length; k++)
      steps.push(step(withData[k - 1] as YearPoint, withData[k] as YearPoint));
    const change: IndicatorChange = {
      id,
      dimension: first.dimension,
      kind: first.kind,
      unit: first.unit,
      points,
      direction: 'no-data',
      steps,
    };
    if (withData.length >= 2) {
      change.overall = step(withData[0] as YearPoint, withData[withData.length - 1] as YearPoint);
      change.direction = change.overall.direction;
    }
    indicators.push(change);
  }
  const years = [...new Set(kept.map((a) => a.year))].sort((a, b) => a - b);
  if (years.length < 2) {
    issues.push(
      issue(
        'too_few_years',
        `found ${years.length} year(s): comparing over time needs the indicators in two or more years`,
        {
          severity: 'warning',
        },
      ),
    );
  }
  const summaries = years.map((year) => ({
    year,
    summary: summariseIndicators(kept.filter((a) => a.year === year)),
  }));
  return ok({ years, indicators, summaries, issues }, issues);
}
