import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';
import { type Issue, issue } from '../issues/issues';
import { type Decimal, dec, ONE, ZERO } from '../money/decimal';
import { DecimalInputSchema } from '../money/schema';
import { explain, type Trace } from '../trace/trace';

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((s) => isValid(parseISO(s)) && format(parseISO(s), 'yyyy-MM-dd') === s, {
    message: 'not a real calendar date',
  });

/**
 * A partner in an action, by kind: community groups, co-operatives and residents' panels are
 * how a plan is "led by the community"; councils, anchor institutions and businesses join them.
 *
 * @example
 * ```ts
 * PartnerSchema.parse({ name: 'Riverside Tenants Association', kind: 'community-group' });
 * ```
 */
export const PartnerSchema = z.object({
  name: z.string().min(1),
  kind: z.enum([
    'community-group',
    'co-operative',
    'residents-panel',
    'vcse',
    'council',
    'anchor-institution',
    'business',
    'other',
  ]),
});

/**
 * An action of the plan: who owns it, who works on it with them, when it starts and is due.
 *
 * @example
 * ```ts
 * ActionSchema.parse({ id: 'A1', title: 'Open a community food co-op', owner: 'Riverside Food Co-op',
 *   partners: [], start: '2026-04-01', due: '2027-03-31', status: 'under-way' });
 * ```
 */
export const ActionSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  owner: z.string().min(1),
  partners: z.array(PartnerSchema).default([]),
  start: DateSchema,
  due: DateSchema,
  status: z.enum(['planned', 'under-way', 'done', 'paused']).default('planned'),
});

/**
 * Where an indicator's latest figure comes from: the `--format json` output of another command.
 * `doughnut-dimension` (mean shortfall of a social dimension or mean overshoot of an ecological
 * one, as a ratio), `doughnut-indicator` (the indicator's value), `spend-share` (share of
 * in-scope spend, a fraction), `lm3`, `social-value` (a valuation's present value, net or
 * gross), `social-value-delivered` (a portfolio's or a monitoring report's delivered value) and
 * `carbon` (tCO2e, or the carbon cost's present value).
 *
 * @example
 * ```ts
 * IndicatorSourceSchema.parse({ kind: 'spend-share', category: 'local' });
 * ```
 */
export const IndicatorSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('doughnut-dimension'), dimension: z.string().min(1) }),
  z.object({ kind: z.literal('doughnut-indicator'), indicator: z.string().min(1) }),
  z.object({
    kind: z.literal('spend-share'),
    category: z.enum(['local', 'sme', 'vcse', 'cooperative', 'leakage']),
  }),
  z.object({ kind: z.literal('lm3') }),
  z.object({
    kind: z.literal('social-value'),
    figure: z.enum(['presentValue', 'net', 'gross']).default('presentValue'),
  }),
  z.object({ kind: z.literal('social-value-delivered') }),
  z.object({ kind: z.literal('carbon'), figure: z.enum(['tco2e', 'presentValue']).default('tco2e') }),
]);

const PointSchema = z.object({ value: DecimalInputSchema, date: DateSchema });

/**
 * An indicator with its baseline and target: `direction` says which way is better. Shares are
 * fractions (0.45 = 45%), money in the source's currency and price year.
 *
 * @example
 * ```ts
 * PlanIndicatorSchema.parse({ id: 'I1', title: 'Local share of council spend', source: { kind: 'spend-share', category: 'local' },
 *   unit: 'share', direction: 'increase', baseline: { value: '0.38', date: '2024-04-01' }, target: { value: '0.5', date: '2028-03-31' } });
 * ```
 */
export const PlanIndicatorSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  source: IndicatorSourceSchema,
  unit: z.string().min(1),
  direction: z.enum(['increase', 'decrease']),
  baseline: PointSchema,
  target: PointSchema,
});

/**
 * An objective: what the community wants, the priority of the survey it answers (whose weight
 * the plan carries), its indicators and actions.
 *
 * @example
 * ```ts
 * ObjectiveSchema.parse({ id: 'O1', title: 'Money stays in Riverside', priority: 'local-supply-chain', indicators: [], actions: [] });
 * ```
 */
export const ObjectiveSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** An item of the priorities survey (`commonweal priorities`). */
  priority: z.string().min(1).optional(),
  /** The weight the plan took from the survey (percent), checked against its output. */
  weight: DecimalInputSchema.optional(),
  indicators: z.array(PlanIndicatorSchema).default([]),
  actions: z.array(ActionSchema).default([]),
});

/**
 * A community economic development plan: the vision, who leads it, the priorities survey that
 * set its weights (the `commonweal priorities` output, by file name and inputs SHA-256), and its
 * objectives → actions → indicators. `commonweal schema plan` prints its JSON Schema.
 *
 * @example
 * ```ts
 * PlanSchema.parse({ format: 'commonweal.plan.v1', title: 'Riverside plan', place: 'Riverside', adopted: '2026-03-01',
 *   vision: 'A fair, green local economy', ledBy: 'Riverside Community Forum', objectives: [] });
 * ```
 */
export const PlanSchema = z.object({
  format: z.literal('commonweal.plan.v1'),
  title: z.string().min(1),
  place: z.string().min(1),
  adopted: DateSchema,
  vision: z.string().min(1),
  /** The community body that leads the plan. */
  ledBy: z.string().min(1),
  priorities: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  objectives: z.array(ObjectiveSchema).min(1, 'a plan needs at least one objective'),
});

/** A parsed plan. */
export type Plan = z.output<typeof PlanSchema>;
/** A plan as written in JSON. */
export type PlanInput = z.input<typeof PlanSchema>;
/** A parsed indicator. */
export type PlanIndicator = z.output<typeof PlanIndicatorSchema>;
/** Where an indicator's figure comes from. */
export type IndicatorSource = z.output<typeof IndicatorSourceSchema>;

/** The kinds of result documents a plan reads. */
export type PlanSourceKind =
  | 'doughnut'
  | 'spend'
  | 'lm3'
  | 'value'
  | 'portfolio'
  | 'monitor'
  | 'carbon'
  | 'priorities';

/**
 * One result document given to the plan (`--from`): its name, kind, the SHA-256 of its inputs
 * (as the document states it) and the parsed document.
 *
 * @example
 * ```ts
 * const s: PlanSource = { name: 'spend.json', kind: 'spend', sha256: '89880e…', document };
 * ```
 */
export interface PlanSource {
  name: string;
  kind: PlanSourceKind;
  sha256: string | null;
  document: Record<string, unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (v: unknown, ...path: string[]): unknown => {
  let x = v;
  for (const k of path) x = isObj(x) ? x[k] : undefined;
  return x;
};

/**
 * Tells which command wrote a result document, by its shape (null when none).
 *
 * @example
 * ```ts
 * sourceKind({ lm3: '1.55', rounds: {} }); // 'lm3'
 * ```
 */
export function sourceKind(doc: unknown): PlanSourceKind | null {
  if (!isObj(doc)) return null;
  if (doc.format === 'commonweal.valuation.v2') return 'value';
  if (doc.format === 'commonweal.portfolio.v1') return 'portfolio';
  if (isObj(doc.dimensionSet) && Array.isArray(doc.dimensions)) return 'doughnut';
  if ('lm3' in doc && isObj(doc.rounds)) return 'lm3';
  if (isObj(doc.local) && isObj(doc.definition)) return 'spend';
  if (at(doc, 'totals', 'tco2e') !== undefined) return 'carbon';
  if ('groupWeighting' in doc && isObj(doc.overall)) return 'priorities';
  if (typeof doc.reportDate === 'string' && Array.isArray(doc.measures) && isObj(doc.overall))
    return 'monitor';
  return null;
}

/**
 * The SHA-256 of the inputs a result document states (`sha256` or `inputs.sha256`).
 *
 * @example
 * ```ts
 * sourceSha256({ inputs: { sha256: 'ab…' } }); // 'ab…'
 * ```
 */
export function sourceSha256(doc: unknown): string | null {
  const s = at(doc, 'sha256') ?? at(doc, 'inputs', 'sha256');
  return typeof s === 'string' ? s : null;
}

const KIND_OF: Record<IndicatorSource['kind'], PlanSourceKind[]> = {
  'doughnut-dimension': ['doughnut'],
  'doughnut-indicator': ['doughnut'],
  'spend-share': ['spend'],
  lm3: ['lm3'],
  'social-value': ['value'],
  'social-value-delivered': ['portfolio', 'monitor'],
  carbon: ['carbon'],
};

const decOf = (v: unknown): Decimal | null =>
  typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? dec(v) : typeof v === 'number' ? dec(v) : null;

/** The figure an indicator reads from its source, with what was read, or why there is none. */
function figureOf(src: IndicatorSource, s: PlanSource): { value: Decimal | null; read: string } {
  const d = s.document;
  switch (src.kind) {
    case 'doughnut-dimension': {
      const dims = Array.isArray(d.dimensions) ? d.dimensions : [];
      const dim = dims.find((x) => isObj(x) && x.id === src.dimension);
      if (!isObj(dim)) return { value: null, read: `no dimension ${src.dimension} in ${s.name}` };
      const field = dim.kind === 'ecological' ? 'meanOvershoot' : 'meanShortfall';
      return { value: decOf(dim[field]), read: `dimensions[id=${src.dimension}].${field}` };
    }
    case 'doughnut-indicator': {
      const list = Array.isArray(d.indicators) ? d.indicators : [];
      const ind = list.find((x) => isObj(x) && x.id === src.indicator);
      if (!isObj(ind)) return { value: null, read: `no indicator ${src.indicator} in ${s.name}` };
      return { value: decOf(ind.value), read: `indicators[id=${src.indicator}].value` };
    }
    case 'spend-share':
      return { value: decOf(at(d, src.category, 'share')), read: `${src.category}.share` };
    case 'lm3':
      return { value: decOf(d.lm3), read: 'lm3' };
    case 'social-value':
      return { value: decOf(at(d, 'totals', src.figure)), read: `totals.${src.figure}` };
    case 'social-value-delivered': {
      if (s.kind === 'portfolio')
        return { value: decOf(at(d, 'total', 'deliveredValue')), read: 'total.deliveredValue' };
      const ms = Array.isArray(d.measures) ? d.measures : [];
      const vals = ms
        .map((m) => (isObj(m) ? decOf(m.deliveredValue) : null))
        .filter((x): x is Decimal => x !== null);
      return {
        value: vals.length ? vals.reduce((a, b) => a.plus(b), ZERO) : null,
        read: 'Σ measures[].deliveredValue',
      };
    }
    case 'carbon':
      return { value: decOf(at(d, 'totals', src.figure)), read: `totals.${src.figure}` };
  }
}

/** Progress of an indicator: `on-track`, `off-track` or `no-data`. */
export type ProgressStatus = 'on-track' | 'off-track' | 'no-data';

/**
 * An indicator's progress at the review date: baseline → latest → target, the value the
 * straight line from baseline to target gives for the review date, the status and the rule.
 *
 * @example
 * ```ts
 * p.status; // 'on-track'
 * p.trace?.formula; // 'on track when latest ≥ expected …'
 * ```
 */
export interface IndicatorProgress {
  objective: string;
  indicator: PlanIndicator;
  latest: Decimal | null;
  /** The source document the latest figure came from, with the field read. */
  from: { name: string; kind: PlanSourceKind; sha256: string | null; field: string } | null;
  expected: Decimal | null;
  /** (latest − baseline) ÷ (target − baseline). */
  progress: Decimal | null;
  targetMet: boolean;
  status: ProgressStatus;
  trace: Trace | null;
}

/**
 * An action at the review date: overdue when its due date has passed and it is not done.
 *
 * @example
 * ```ts
 * a.overdue; // true
 * ```
 */
export interface ActionProgress {
  objective: string;
  action: z.output<typeof ActionSchema>;
  overdue: boolean;
  communityLed: boolean;
}

/**
 * An objective at the review date: its weight from the priorities survey, and counts of its
 * indicators by status (`status`: off track if any indicator is, on track if any has data).
 *
 * @example
 * ```ts
 * o.weight?.toString(); // '22.5'
 * ```
 */
export interface ObjectiveProgress {
  id: string;
  title: string;
  priority: string | null;
  weight: Decimal | null;
  weightFrom: 'priorities' | 'plan' | null;
  status: ProgressStatus;
  counts: Record<ProgressStatus, number>;
}

/**
 * A plan's progress at a review date.
 *
 * @example
 * ```ts
 * const r = assessPlan(plan, sources, '2027-03-31');
 * r.progress.counts; // { 'on-track': 3, 'off-track': 2, 'no-data': 1 }
 * ```
 */
export interface PlanProgress {
  asOf: string;
  objectives: ObjectiveProgress[];
  indicators: IndicatorProgress[];
  actions: ActionProgress[];
  counts: Record<ProgressStatus, number>;
  actionCounts: { total: number; done: number; overdue: number; communityLed: number };
  priorities: { file: string; sha256: string; matched: boolean | null } | null;
}

const COMMUNITY = new Set(['community-group', 'co-operative', 'residents-panel', 'vcse']);

const RULE =
  'expected = baseline + (target − baseline) × elapsed, elapsed = (review date − baseline date) ÷ (target date − baseline date), held between 0 and 1; on track when latest is at or beyond expected in the direction of the target';

/**
 * Progress of one indicator against its target on the straight line from baseline to target (a
 * project rule, not a published standard: stated in each trace).
 *
 * @example
 * ```ts
 * indicatorStatus(indicator, dec('0.45'), '2027-03-31').status; // 'on-track'
 * ```
 */
export function indicatorStatus(
  ind: PlanIndicator,
  latest: Decimal | null,
  asOf: string,
): Pick<IndicatorProgress, 'expected' | 'progress' | 'targetMet' | 'status' | 'trace'> {
  if (latest === null)
    return { expected: null, progress: null, targetMet: false, status: 'no-data', trace: null };
  const b = ind.baseline.value;
  const t = ind.target.value;
  const span = differenceInCalendarDays(parseISO(ind.target.date), parseISO(ind.baseline.date));
  const gone = differenceInCalendarDays(parseISO(asOf), parseISO(ind.baseline.date));
  const clamped = span <= 0 || gone >= span ? ONE : gone <= 0 ? ZERO : null;
  const elapsed = clamped ?? dec(gone).dividedBy(span);
  // Divide last, so the expected value is rounded once.
  const expected = clamped
    ? b.plus(t.minus(b).times(clamped))
    : b.plus(t.minus(b).times(gone).dividedBy(span));
  const up = ind.direction === 'increase';
  const onTrack = up ? latest.gte(expected) : latest.lte(expected);
  const targetMet = up ? latest.gte(t) : latest.lte(t);
  const progress = t.eq(b) ? null : latest.minus(b).dividedBy(t.minus(b));
  const e = explain(
    expected,
    RULE,
    {
      baseline: b,
      'baseline date': ind.baseline.date,
      target: t,
      'target date': ind.target.date,
      'review date': asOf,
      elapsed: explain(elapsed, 'days since baseline ÷ days from baseline to target (0 to 1)', {
        days: String(gone),
        span: String(span),
      }),
      latest,
      direction: ind.direction,
    },
    [
      `${onTrack ? 'on track' : 'off track'}: latest ${latest.toString()} ${up ? (onTrack ? '≥' : '<') : onTrack ? '≤' : '>'} expected ${expected.toString()}`,
      'Project rule (no published standard for plan indicators): a straight line from baseline to target.',
    ],
  );
  return { expected, progress, targetMet, status: onTrack ? 'on-track' : 'off-track', trace: e.trace };
}

/**
 * Checks a plan and assesses it at `asOf` against the result documents given: each indicator
 * takes its latest figure from the one document of its kind (no data when none is given or it
 * lacks the figure), objectives take their weights from the priorities output when it is given
 * (checked against the survey the plan cites), actions are overdue when due and not done.
 * Issues name the plan path they are about.
 *
 * @example
 * ```ts
 * const { progress, issues } = assessPlan(plan, [{ name: 'spend.json', kind: 'spend', sha256: null, document }], '2027-03-31');
 * ```
 */
export function assessPlan(
  plan: Plan,
  sources: readonly PlanSource[],
  asOf: string,
): { progress: PlanProgress; issues: Issue[] } {
  const issues: Issue[] = [];
  const byKind = new Map<PlanSourceKind, PlanSource>();
  for (const s of sources) byKind.set(s.kind, s);
  const pri = byKind.get('priorities');
  const weights = at(pri?.document, 'overall', 'weights');
  let matched: boolean | null = null;
  if (plan.priorities && pri) {
    matched = pri.sha256 === plan.priorities.sha256;
    if (!matched)
      issues.push(
        issue(
          'priorities_mismatch',
          `the plan cites the priorities survey ${plan.priorities.file} (inputs sha256 ${plan.priorities.sha256.slice(0, 12)}…), but ${pri.name} is of another survey (${(pri.sha256 ?? 'no sha256').slice(0, 12)}…): give the output the plan was weighted with`,
          { path: ['priorities', 'sha256'], severity: 'warning' },
        ),
      );
  } else if (plan.priorities && !pri) {
    issues.push(
      issue(
        'priorities_not_given',
        `the plan's weights come from ${plan.priorities.file}: give it with --from to check them`,
        { path: ['priorities'], severity: 'warning' },
      ),
    );
  }
  const ids = new Set<string>();
  const indicators: IndicatorProgress[] = [];
  const actions: ActionProgress[] = [];
  const objectives: ObjectiveProgress[] = [];
  plan.objectives.forEach((o, oi) => {
    const counts: Record<ProgressStatus, number> = { 'on-track': 0, 'off-track': 0, 'no-data': 0 };
    o.indicators.forEach((ind, ii) => {
      const path = ['objectives', oi, 'indicators', ii];
      if (ids.has(ind.id))
        issues.push(issue('duplicate_id', `indicator id ${ind.id} is used twice`, { path: [...path, 'id'] }));
      ids.add(ind.id);
      const wrongWay =
        ind.direction === 'increase'
          ? ind.target.value.lt(ind.baseline.value)
          : ind.target.value.gt(ind.baseline.value);
      if (wrongWay)
        issues.push(
          issue(
            'target_direction',
            `indicator ${ind.id}: the target ${ind.target.value.toString()} is not a${ind.direction === 'increase' ? 'n increase' : ' decrease'} on the baseline ${ind.baseline.value.toString()}: fix the direction or the target`,
            { path: [...path, 'target', 'value'] },
          ),
        );
      if (ind.target.date <= ind.baseline.date)
        issues.push(
          issue('target_date', `indicator ${ind.id}: the target date must come after the baseline date`, {
            path: [...path, 'target', 'date'],
          }),
        );
      const src = KIND_OF[ind.source.kind].map((k) => byKind.get(k)).find((s) => s !== undefined);
      let latest: Decimal | null = null;
      let from: IndicatorProgress['from'] = null;
      if (src) {
        const f = figureOf(ind.source, src);
        latest = f.value;
        from = { name: src.name, kind: src.kind, sha256: src.sha256, field: f.read };
        if (latest === null)
          issues.push(
            issue('no_data', `indicator ${ind.id}: ${src.name} has no figure for it (${f.read})`, {
              path: [...path, 'source'],
              severity: 'warning',
            }),
          );
      }
      const st = indicatorStatus(ind, latest, asOf);
      counts[st.status]++;
      indicators.push({ objective: o.id, indicator: ind, latest, from, ...st });
    });
    for (const a of o.actions) {
      const communityLed = a.partners.some((p) => COMMUNITY.has(p.kind));
      actions.push({
        objective: o.id,
        action: a,
        overdue: a.due < asOf && a.status !== 'done',
        communityLed,
      });
    }
    let weight: Decimal | null = o.weight ?? null;
    let weightFrom: ObjectiveProgress['weightFrom'] = o.weight ? 'plan' : null;
    if (o.priority && isObj(weights)) {
      const w = decOf(weights[o.priority]);
      if (w === null)
        issues.push(
          issue('unknown_priority', `objective ${o.id}: the priorities output has no item ${o.priority}`, {
            path: ['objectives', oi, 'priority'],
          }),
        );
      else {
        if (o.weight && !o.weight.eq(w))
          issues.push(
            issue(
              'weight_mismatch',
              `objective ${o.id}: the plan gives weight ${o.weight.toString()}, the priorities output ${w.toString()} for ${o.priority}`,
              { path: ['objectives', oi, 'weight'], severity: 'warning' },
            ),
          );
        weight = w;
        weightFrom = 'priorities';
      }
    }
    const status: ProgressStatus = counts['off-track']
      ? 'off-track'
      : counts['on-track']
        ? 'on-track'
        : 'no-data';
    objectives.push({
      id: o.id,
      title: o.title,
      priority: o.priority ?? null,
      weight,
      weightFrom,
      status,
      counts,
    });
  });
  const counts: Record<ProgressStatus, number> = { 'on-track': 0, 'off-track': 0, 'no-data': 0 };
  for (const i of indicators) counts[i.status]++;
  return {
    progress: {
      asOf,
      objectives,
      indicators,
      actions,
      counts,
      actionCounts: {
        total: actions.length,
        done: actions.filter((a) => a.action.status === 'done').length,
        overdue: actions.filter((a) => a.overdue).length,
        communityLed: actions.filter((a) => a.communityLed).length,
      },
      priorities: plan.priorities ? { ...plan.priorities, matched } : null,
    },
    issues,
  };
}
