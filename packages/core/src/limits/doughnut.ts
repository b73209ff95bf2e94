import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, sum, ZERO } from '../money/decimal';
import { type Provenance, ProvenanceSchema } from '../trace/provenance';
import { type Explained, explain, type Trace, type TraceInput } from '../trace/trace';
import {
  type DimensionSet,
  DimensionSetSchema,
  type Kind,
  KindSchema,
  type Lens,
  LensSchema,
  lensKind,
} from './dimensions';
import { normalisedRatio, overshootOf, shortfallOf } from './normalise';
import { LimitsDecimalSchema } from './schema';

/**
 * One indicator of a doughnut portrait. `value: null` means no data: it is reported as
 * missing, never counted as zero. The ratio is `(value − baseline) ÷ (target − baseline)`
 * (baseline defaults to 0): for social indicators `target` is the threshold (social foundation),
 * for ecological ones the boundary (ecological ceiling). See {@link normalisedRatio} for the
 * published variants (pre-industrial baselines, "% deprived", lower-is-worse boundaries).
 *
 * @example
 * ```ts
 * IndicatorSchema.parse({ id: 'co2_ppm', dimension: 'climate-change', kind: 'ecological', unit: 'ppm CO2',
 *   value: '417.07', target: '350', baseline: '280', year: 2022, source: 'NOAA via doughnut-v3' });
 * ```
 */
export const IndicatorSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).optional(),
  dimension: z.string().min(1),
  kind: KindSchema,
  lens: LensSchema.optional(),
  unit: z.string().min(1),
  value: LimitsDecimalSchema.nullable(),
  target: LimitsDecimalSchema,
  baseline: LimitsDecimalSchema.optional(),
  year: z.number().int(),
  source: z.union([z.string().min(1), ProvenanceSchema]),
  notes: z.string().optional(),
});

/**
 * A parsed indicator (see {@link IndicatorSchema}).
 *
 * @example
 * ```ts
 * const ind: Indicator = IndicatorSchema.parse({ id: 'n', dimension: 'nutrient-pollution', kind: 'ecological',
 *   unit: 'Mt N', value: '194.34', target: '62', year: 2022, source: 'doughnut-v3' });
 * ```
 */
export type Indicator = z.output<typeof IndicatorSchema>;
/**
 * An indicator as written in JSON or built by a reader.
 *
 * @example
 * ```ts
 * const input: IndicatorInput = { id: 'homes', dimension: 'housing', kind: 'social', unit: '% deprived',
 *   value: null, target: '0', baseline: '100', year: 2024, source: 'council survey' };
 * ```
 */
export type IndicatorInput = z.input<typeof IndicatorSchema>;

/**
 * One assessed indicator: its ratio and, when it has data, its shortfall (social) or
 * overshoot (ecological); `missing: true` when it has none. The trace shows the arithmetic.
 *
 * @example
 * ```ts
 * const p = assessDoughnut([{ id: 'n', dimension: 'nutrients', kind: 'ecological', unit: 'Mt N',
 *   value: '194.34', target: '62', year: 2022, source: 'doughnut-v3' }]);
 * if (p.ok) p.value.indicators[0]?.overshoot?.toFixed(2); // '2.13'
 * ```
 */
export interface IndicatorAssessment {
  id: string;
  name?: string;
  dimension: string;
  kind: Kind;
  lens?: Lens;
  unit: string;
  year: number;
  /** `null` when missing. */
  value: Decimal | null;
  target: Decimal;
  baseline: Decimal;
  /** `(value − baseline) ÷ (target − baseline)`; `null` when missing. */
  ratio: Decimal | null;
  /** Social with data: `max(0, 1 − ratio)`. */
  shortfall?: Decimal;
  /** Social with data: `ratio ≥ 1`. */
  achieved?: boolean;
  /** Ecological with data: `max(0, ratio − 1)`. */
  overshoot?: Decimal;
  /** Ecological with data: `ratio > 1`. */
  transgressed?: boolean;
  /** Present (true) when the indicator has no value. */
  missing?: true;
  source: string | Provenance;
  trace: Trace;
}

/**
 * Status of a dimension: `achieved` or `shortfall` (social), `within` or `overshoot`
 * (ecological), `no-data` when none of its indicators has a value.
 *
 * @example
 * ```ts
 * const s: DimensionStatus = 'overshoot';
 * ```
 */
export type DimensionStatus = 'achieved' | 'shortfall' | 'within' | 'overshoot' | 'no-data';

/**
 * Summary of one dimension over its indicators with data. Social dimensions carry `achieved`
 * and `meanShortfall`; ecological ones `transgressed` and `meanOvershoot` (null with no data).
 *
 * @example
 * ```ts
 * const d: DimensionSummary = { id: 'food', name: 'food', kind: 'social', indicators: 2, withData: 1,
 *   missing: 1, achieved: 0, meanShortfall: null, status: 'shortfall' };
 * ```
 */
export interface DimensionSummary {
  id: string;
  name: string;
  kind: Kind;
  lens?: Lens;
  /** Number of indicators in the dimension. */
  indicators: number;
  withData: number;
  missing: number;
  achieved?: number;
  transgressed?: number;
  meanShortfall?: Explained | null;
  meanOvershoot?: Explained | null;
  status: DimensionStatus;
}

/**
 * Whole-portrait summary over indicators (not dimensions). Means are over indicators with data
 * (achieved or within-boundary ones count 0); `null` when there are none.
 *
 * @example
 * ```ts
 * const p = assessDoughnut(indicators);
 * if (p.ok) console.log(`${p.value.summary.socialAchieved} of ${p.value.summary.socialWithData} achieved`);
 * ```
 */
export interface DoughnutSummary {
  socialAchieved: number;
  socialWithData: number;
  socialMissing: number;
  ecologicalTransgressed: number;
  ecologicalWithData: number;
  ecologicalMissing: number;
  meanShortfall: Explained | null;
  meanOvershoot: Explained | null;
}

/**
 * A doughnut portrait of a place: assessed indicators, per-dimension summaries, the overall
 * summary, and the issues found (indicators rejected with an error are listed there and left
 * out; `counts.read = counts.accepted + counts.rejected`). Not a composite index.
 *
 * @example
 * ```ts
 * const r = assessDoughnut(indicators, { dimensions: fanningRaworth2025 });
 * if (r.ok) r.value.dimensions.map((d) => `${d.name}: ${d.status}`);
 * ```
 */
export interface DoughnutPortrait {
  dimensionSet?: { setId: string; title: string; version?: string };
  indicators: IndicatorAssessment[];
  dimensions: DimensionSummary[];
  summary: DoughnutSummary;
  counts: { read: number; accepted: number; rejected: number };
  issues: Issue[];
}

/**
 * Options for {@link assessDoughnut}.
 *
 * @example
 * ```ts
 * const options: AssessDoughnutOptions = { dimensions: raworth2017 };
 * ```
 */
export interface AssessDoughnutOptions {
  /** A dimension set: indicators must name one of its dimension ids. Without it, the
   * indicators' own dimension names are used. */
  dimensions?: DimensionSet | z.input<typeof DimensionSetSchema>;
}

const byCodepoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sourceOf(s: string | Provenance): Pick<TraceInput, 'source'> {
  return typeof s === 'string' ? {} : { source: s };
}

/**
 * Assesses one parsed, valid indicator.
 *
 * @example
 * ```ts
 * const a = assessIndicator(IndicatorSchema.parse({ id: 'p', dimension: 'nutrients', kind: 'ecological',
 *   unit: 'Mt P', value: '23.17', target: '6.2', year: 2022, source: 'doughnut-v3' }));
 * if (a.ok) a.value.overshoot?.toFixed(2); // '2.74'
 * ```
 */
export function assessIndicator(ind: Indicator): Result<IndicatorAssessment> {
  const baseline = ind.baseline ?? ZERO;
  const base: Omit<IndicatorAssessment, 'ratio' | 'trace'> = {
    id: ind.id,
    dimension: ind.dimension,
    kind: ind.kind,
    unit: ind.unit,
    year: ind.year,
    value: ind.value,
    target: ind.target,
    baseline,
    source: ind.source,
  };
  if (ind.name !== undefined) base.name = ind.name;
  if (ind.lens !== undefined) base.lens = ind.lens;
  const check = normalisedRatio(ind.value ?? ZERO, ind.target, baseline);
  if (!check.ok) return { ok: false, issues: check.issues };
  const notes = typeof ind.source === 'string' ? [`source: ${ind.source}`] : undefined;
  if (ind.value === null) {
    const trace: Trace = {
      formula: 'no value: reported as missing, never counted as zero',
      inputs: { target: { value: ind.target.toString() }, baseline: { value: baseline.toString() } },
      result: 'missing',
    };
    if (notes) trace.notes = notes;
    return ok({ ...base, ratio: null, missing: true, trace });
  }
  const ratio = check.value;
  const inputs = {
    value: { value: ind.value.toString(), ...sourceOf(ind.source) },
    target: ind.target,
    baseline,
  };
  if (ind.kind === 'social') {
    const shortfall = shortfallOf(ratio);
    const { trace } = explain(
      shortfall,
      `shortfall = max(0, 1 − ratio), ratio = (value − baseline) ÷ (target − baseline) = ${ratio.toString()}`,
      inputs,
      notes,
    );
    return ok({ ...base, ratio, shortfall, achieved: ratio.gte(1), trace });
  }
  const overshoot = overshootOf(ratio);
  const { trace } = explain(
    overshoot,
    `overshoot = max(0, ratio − 1), ratio = (value − baseline) ÷ (target − baseline) = ${ratio.toString()}`,
    inputs,
    notes,
  );
  return ok({ ...base, ratio, overshoot, transgressed: ratio.gt(1), trace });
}

function mean(items: IndicatorAssessment[], kind: Kind): Explained | null {
  const withData = items.filter((i) => i.kind === kind && !i.missing);
  if (withData.length === 0) return null;
  const gaps = withData.map((i) => ((kind === 'social' ? i.shortfall : i.overshoot) ?? ZERO) as Decimal);
  const value = sum(gaps).dividedBy(withData.length);
  const what = kind === 'social' ? 'shortfall' : 'overshoot';
  const zeroWhen = kind === 'social' ? 'achieved' : 'within-boundary';
  return explain(
    value,
    `mean ${what} = Σ ${what} ÷ ${withData.length} ${kind} indicators with data (${zeroWhen} ones count 0; missing ones are left out)`,
    Object.fromEntries(withData.map((i, k) => [`${i.id} (${i.year})`, gaps[k] as Decimal])),
  );
}

/**
 * Summarises assessed indicators (counts over indicators with data; means as in
 * {@link DoughnutSummary}).
 *
 * @example
 * ```ts
 * const s = summariseIndicators(portrait.indicators);
 * s.socialAchieved; // e.g. 10
 * ```
 */
export function summariseIndicators(items: readonly IndicatorAssessment[]): DoughnutSummary {
  const list = [...items];
  const social = list.filter((i) => i.kind === 'social');
  const eco = list.filter((i) => i.kind === 'ecological');
  return {
    socialAchieved: social.filter((i) => i.achieved === true).length,
    socialWithData: social.filter((i) => !i.missing).length,
    socialMissing: social.filter((i) => i.missing).length,
    ecologicalTransgressed: eco.filter((i) => i.transgressed === true).length,
    ecologicalWithData: eco.filter((i) => !i.missing).length,
    ecologicalMissing: eco.filter((i) => i.missing).length,
    meanShortfall: mean(list, 'social'),
    meanOvershoot: mean(list, 'ecological'),
  };
}

/**
 * Summarises one dimension over its assessed indicators: counts, the mean shortfall (social) or
 * overshoot (ecological) over those with data, and the status (`no-data` when none has data).
 *
 * @example
 * ```ts
 * const energy = portrait.indicators.filter((i) => i.dimension === 'energy');
 * const d = summariseDimension({ id: 'energy', name: 'energy', kind: 'social' }, energy);
 * d.status; // 'shortfall'
 * ```
 */
export function summariseDimension(
  d: { id: string; name: string; kind: Kind; lens?: Lens | undefined },
  items: IndicatorAssessment[],
): DimensionSummary {
  const withData = items.filter((i) => !i.missing).length;
  const out: DimensionSummary = {
    id: d.id,
    name: d.name,
    kind: d.kind,
    indicators: items.length,
    withData,
    missing: items.length - withData,
    status: 'no-data',
  };
  if (d.lens !== undefined) out.lens = d.lens;
  if (d.kind === 'social') {
    out.achieved = items.filter((i) => i.achieved === true).length;
    out.meanShortfall = mean(items, 'social');
    if (withData > 0) out.status = out.achieved === withData ? 'achieved' : 'shortfall';
  } else {
    out.transgressed = items.filter((i) => i.transgressed === true).length;
    out.meanOvershoot = mean(items, 'ecological');
    if (withData > 0) out.status = out.transgressed > 0 ? 'overshoot' : 'within';
  }
  return out;
}

/**
 * Assesses a doughnut portrait of a place from its indicators. Counts and means are over
 * indicators with data; missing values are reported as missing, never as zero. A value exactly
 * at the threshold is achieved (≥); exactly at the boundary is not transgressed (>).
 *
 * Indicators that cannot be assessed are rejected with a located issue (`path: [index, …]`) and
 * the rest are assessed: target equal to baseline; a dimension not in the given set, or of the
 * other kind; a lens of the other kind; a repeated id (a portrait holds one value per indicator:
 * use {@link compareYears} for several years); without a set, a dimension name used for both
 * social and ecological indicators. The result is independent of the order of the indicators.
 *
 * @example
 * ```ts
 * const r = assessDoughnut([
 *   { id: 'co2_ppm', dimension: 'climate-change', kind: 'ecological', unit: 'ppm', value: '417.07',
 *     target: '350', baseline: '280', year: 2022, source: 'doughnut-v3' },
 *   { id: 'undernourishment', dimension: 'food', kind: 'social', unit: '% deprived', value: '9.62',
 *     target: '0', baseline: '100', year: 2022, source: 'doughnut-v3' },
 * ], { dimensions: fanningRaworth2025 });
 * if (r.ok) r.value.summary.ecologicalTransgressed; // 1
 * ```
 */
export function assessDoughnut(
  indicators: readonly IndicatorInput[],
  options: AssessDoughnutOptions = {},
): Result<DoughnutPortrait> {
  if (!Array.isArray(indicators)) {
    return { ok: false, issues: [issue('not_a_list', 'indicators must be a list (array) of indicators')] };
  }
  let set: DimensionSet | undefined;
  if (options.dimensions !== undefined) {
    const parsed = DimensionSetSchema.safeParse(options.dimensions);
    if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error, { path: ['dimensions'] }) };
    set = parsed.data;
  }
  const issues: Issue[] = [];
  const accepted: { index: number; item: IndicatorAssessment }[] = [];
  indicators.forEach((raw, index) => {
    const parsed = IndicatorSchema.safeParse(raw);
    if (!parsed.success) {
      for (const x of fromZodError(parsed.error, { path: [index] })) issues.push(x);
      return;
    }
    const ind = parsed.data;
    const at = (field: string): Omit<Issue, 'code' | 'message'> => ({ path: [index, field], field });
    if (ind.lens !== undefined && lensKind(ind.lens) !== ind.kind) {
      issues.push(
        issue(
          'lens_kind_mismatch',
          `indicator "${ind.id}" is ${ind.kind} but its lens is ${ind.lens}`,
          at('lens'),
        ),
      );
      return;
    }
    if (set) {
      const d = set.dimensions.find((x) => x.id === ind.dimension);
      if (!d) {
        const byName = set.dimensions.find((x) => x.name.toLowerCase() === ind.dimension.toLowerCase());
        const hint = byName ? `; did you mean the id "${byName.id}"?` : '';
        issues.push(
          issue(
            'unknown_dimension',
            `indicator "${ind.id}": dimension "${ind.dimension}" is not an id in ${set.setId}${hint}`,
            at('dimension'),
          ),
        );
        return;
      }
      if (d.kind !== ind.kind) {
        issues.push(
          issue(
            'dimension_kind_mismatch',
            `indicator "${ind.id}" is ${ind.kind} but dimension "${d.id}" in ${set.setId} is ${d.kind}`,
            at('kind'),
          ),
        );
        return;
      }
    }
    const a = assessIndicator(ind);
    if (!a.ok) {
      for (const i of a.issues)
        issues.push({ ...i, message: `indicator "${ind.id}": ${i.message}`, ...at('target') });
      return;
    }
    accepted.push({ index, item: a.value });
  });

  // Repeated ids and (without a set) dimensions of both kinds: reject every instance, so the
  // outcome does not depend on input order.
  const idCount = new Map<string, number>();
  for (const { item } of accepted) idCount.set(item.id, (idCount.get(item.id) ?? 0) + 1);
  const kindsByDim = new Map<string, Set<Kind>>();
  for (const { item } of accepted) {
    const s = kindsByDim.get(item.dimension) ?? new Set<Kind>();
    s.add(item.kind);
    kindsByDim.set(item.dimension, s);
  }
  const kept: IndicatorAssessment[] = [];
  for (const { index, item } of accepted) {
    if ((idCount.get(item.id) ?? 0) > 1) {
      issues.push(
        issue(
          'duplicate_indicator',
          `indicator id "${item.id}" appears more than once: a portrait holds one value per indicator (use compareYears for several years)`,
          { path: [index, 'id'], field: 'id' },
        ),
      );
    } else if (!set && (kindsByDim.get(item.dimension)?.size ?? 0) > 1) {
      issues.push(
        issue(
          'dimension_kind_conflict',
          `dimension "${item.dimension}" has both social and ecological indicators: give them different dimension names or use a dimension set`,
          { path: [index, 'dimension'], field: 'dimension' },
        ),
      );
    } else {
      kept.push(item);
    }
  }

  const dims = set ? set.dimensions : implicitDimensions(kept);
  const order = new Map(dims.map((d, i) => [d.id, i]));
  kept.sort(
    (a, b) => (order.get(a.dimension) ?? 0) - (order.get(b.dimension) ?? 0) || byCodepoint(a.id, b.id),
  );
  const dimensions = dims.map((d) =>
    summariseDimension(
      d,
      kept.filter((i) => i.dimension === d.id),
    ),
  );
  const portrait: DoughnutPortrait = {
    indicators: kept,
    dimensions,
    summary: summariseIndicators(kept),
    counts: { read: indicators.length, accepted: kept.length, rejected: indicators.length - kept.length },
    issues,
  };
  if (set) {
    portrait.dimensionSet = { setId: set.setId, title: set.title };
    if (set.version !== undefined) portrait.dimensionSet.version = set.version;
  }
  return ok(portrait, issues);
}

/** Dimensions named by the indicators themselves: social first, then ecological, by name. */
function implicitDimensions(
  items: IndicatorAssessment[],
): { id: string; name: string; kind: Kind; lens?: Lens }[] {
  const byId = new Map<string, { kind: Kind; lenses: Set<Lens | undefined> }>();
  for (const i of items) {
    const e = byId.get(i.dimension) ?? { kind: i.kind, lenses: new Set<Lens | undefined>() };
    e.lenses.add(i.lens);
    byId.set(i.dimension, e);
  }
  return [...byId.entries()]
    .map(([id, e]) => {
      const d: { id: string; name: string; kind: Kind; lens?: Lens } = { id, name: id, kind: e.kind };
      const [only] = [...e.lenses];
      if (e.lenses.size === 1 && only !== undefined) d.lens = only;
      return d;
    })
    .sort((a, b) => (a.kind === b.kind ? byCodepoint(a.id, b.id) : a.kind === 'social' ? -1 : 1));
}
