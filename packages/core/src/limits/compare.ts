import { type Issue, issue, ok, type Result } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import type { Explained } from '../trace/trace';
import type { Kind, Lens } from './dimensions';
import {
  type AssessDoughnutOptions,
  assessDoughnut,
  type DimensionStatus,
  type DoughnutPortrait,
  type DoughnutSummary,
  type IndicatorAssessment,
  type IndicatorInput,
  summariseDimension,
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
 * Direction of a dimension over time, as the doughnut reads it: `towards` the safe and just
 * space when its mean shortfall (social) or overshoot (ecological) falls, `away` when it rises,
 * `unchanged` when equal, `no-data` with fewer than two years with data.
 *
 * @example
 * ```ts
 * const d: SpaceDirection = 'towards';
 * ```
 */
export type SpaceDirection = 'towards' | 'away' | 'unchanged' | 'no-data';

/**
 * One year of one dimension: its status and mean shortfall or overshoot over that year's
 * indicators with data (`gap`, `null` with none), and how many indicators it had.
 *
 * @example
 * ```ts
 * const y: DimensionYear = { year: 2023, status: 'no-data', indicators: 1, withData: 0, gap: null };
 * ```
 */
export interface DimensionYear {
  year: number;
  status: DimensionStatus;
  indicators: number;
  withData: number;
  /** Mean shortfall (social) or overshoot (ecological), with its trace; `null` without data. */
  gap: Explained | null;
}

/**
 * Change of a dimension between two years with data: `change = gap[to] − gap[from]` (negative =
 * towards the safe and just space). `sameIndicators` is false when the indicators with data
 * differ between the two years, so the means are over different indicators.
 *
 * @example
 * ```ts
 * const s: DimensionStep = { from: 2021, to: 2023, change: dec('-0.02'), direction: 'towards', sameIndicators: true };
 * ```
 */
export interface DimensionStep {
  from: number;
  to: number;
  change: Decimal;
  direction: Exclude<SpaceDirection, 'no-data'>;
  sameIndicators: boolean;
}

/**
 * Change over time for one dimension: every compared year (those without data as `no-data`),
 * each step between consecutive years with data, and the change from the first to the last
 * (`overall`, absent with fewer than two years with data), whose direction is `direction`.
 *
 * @example
 * ```ts
 * const c = compareYears(indicatorsForSeveralYears);
 * if (c.ok) c.value.dimensions.map((d) => `${d.name}: ${d.direction}`);
 * ```
 */
export interface DimensionChange {
  id: string;
  name: string;
  kind: Kind;
  lens?: Lens;
  years: DimensionYear[];
  steps: DimensionStep[];
  overall?: DimensionStep;
  direction: SpaceDirection;
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
  /** Each dimension over the years (in the dimension set's order, or social then ecological by id). */
  dimensions: DimensionChange[];
  summaries: { year: number; summary: DoughnutSummary }[];
  /** Indicator-years read, compared and left out (`read = accepted + rejected`). */
  counts: { read: number; accepted: number; rejected: number };
  issues: Issue[];
}

const byCodepoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
  // Where each assessment came from in the caller's list (list input only), to locate issues.
  const indexOf = new Map<IndicatorAssessment, number>();
  const dimInfo: { id: string; name: string; kind: Kind; lens?: Lens }[] = [];
  const addDims = (p: DoughnutPortrait) => {
    for (const d of p.dimensions) {
      if (dimInfo.some((x) => x.id === d.id && x.kind === d.kind)) continue;
      const info: { id: string; name: string; kind: Kind; lens?: Lens } = {
        id: d.id,
        name: d.name,
        kind: d.kind,
      };
      if (d.lens !== undefined) info.lens = d.lens;
      dimInfo.push(info);
    }
  };
  let read = 0;
  let fromSet = options.dimensions !== undefined;
  if (input.length > 0 && input.every(isPortrait)) {
    const portraits = input as readonly DoughnutPortrait[];
    fromSet = portraits.every((p) => p.dimensionSet !== undefined);
    for (const p of portraits) {
      read += p.counts.read;
      addDims(p);
      for (const x of p.indicators) assessed.push(x);
    }
  } else {
    read = input.length;
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
      if (!r.ok) continue;
      addDims(r.value);
      // assessDoughnut keeps the items it accepts in its own order: find each one's row by id.
      const rowOf = new Map(list.map((x) => [(x.item as { id?: unknown }).id, x.index]));
      for (const x of r.value.indicators) {
        assessed.push(x);
        const at = rowOf.get(x.id);
        if (at !== undefined) indexOf.set(x, at);
      }
    }
  }

  const byId = new Map<string, IndicatorAssessment[]>();
  for (const a of assessed) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  const ids = [...byId.keys()].sort(byCodepoint);
  const indicators: IndicatorChange[] = [];
  const kept: IndicatorAssessment[] = [];
  const at = (a: IndicatorAssessment | undefined, field: string): Omit<Issue, 'code' | 'message'> => {
    const index = a === undefined ? undefined : indexOf.get(a);
    return index === undefined ? { field } : { path: [index, field], field };
  };
  for (const id of ids) {
    const list = [...(byId.get(id) ?? [])].sort((a, b) => a.year - b.year);
    const first = list[0] as IndicatorAssessment;
    const years = list.map((a) => a.year);
    if (new Set(years).size !== years.length) {
      const again = list.find((a, k) => k > 0 && a.year === list[k - 1]?.year);
      issues.push(
        issue(
          'duplicate_indicator_year',
          `indicator "${id}" has more than one value for a year: give one value per year`,
          at(again, 'year'),
        ),
      );
      continue;
    }
    const changed = list.find((a) => a.kind !== first.kind || a.dimension !== first.dimension);
    if (changed) {
      issues.push(
        issue(
          'indicator_changed',
          `indicator "${id}" is ${first.kind} in dimension "${first.dimension}" in ${first.year} but ${changed.kind} in "${changed.dimension}" in ${changed.year}: an indicator compared over time must keep both (use a new id for a new indicator); all ${list.length} of its years are left out`,
          at(changed, changed.kind !== first.kind ? 'kind' : 'dimension'),
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
  const dims = fromSet
    ? dimInfo
    : [...dimInfo].sort((a, b) =>
        a.kind === b.kind ? byCodepoint(a.id, b.id) : a.kind === 'social' ? -1 : 1,
      );
  const dimensions = dims.map((d) => compareDimension(d, years, kept));
  return ok(
    {
      years,
      indicators,
      dimensions,
      summaries,
      counts: { read, accepted: kept.length, rejected: read - kept.length },
      issues,
    },
    issues,
  );
}

function dimensionStep(a: DimensionYear, b: DimensionYear, ids: Map<number, string>): DimensionStep {
  const change = (b.gap as Explained).value.minus((a.gap as Explained).value);
  const direction = change.isZero() ? 'unchanged' : change.isNegative() ? 'towards' : 'away';
  return { from: a.year, to: b.year, change, direction, sameIndicators: ids.get(a.year) === ids.get(b.year) };
}

/** One dimension over the compared years, from the indicators kept for the comparison. */
function compareDimension(
  d: { id: string; name: string; kind: Kind; lens?: Lens },
  years: readonly number[],
  kept: readonly IndicatorAssessment[],
): DimensionChange {
  const mine = kept.filter((a) => a.dimension === d.id && a.kind === d.kind);
  const ids = new Map<number, string>();
  const points: DimensionYear[] = years.map((year) => {
    const items = mine.filter((a) => a.year === year);
    ids.set(
      year,
      JSON.stringify(
        items
          .filter((a) => !a.missing)
          .map((a) => a.id)
          .sort(byCodepoint),
      ),
    );
    const s = summariseDimension(d, items);
    const gap = (d.kind === 'social' ? s.meanShortfall : s.meanOvershoot) ?? null;
    return { year, status: s.status, indicators: s.indicators, withData: s.withData, gap };
  });
  const withData = points.filter((p) => p.gap !== null);
  const steps: DimensionStep[] = [];
  for (let k = 1; k < withData.length; k++)
    steps.push(dimensionStep(withData[k - 1] as DimensionYear, withData[k] as DimensionYear, ids));
  const out: DimensionChange = {
    id: d.id,
    name: d.name,
    kind: d.kind,
    years: points,
    steps,
    direction: 'no-data',
  };
  if (d.lens !== undefined) out.lens = d.lens;
  if (withData.length >= 2) {
    out.overall = dimensionStep(
      withData[0] as DimensionYear,
      withData[withData.length - 1] as DimensionYear,
      ids,
    );
    out.direction = out.overall.direction;
  }
  return out;
}
