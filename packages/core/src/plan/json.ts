import { z } from 'zod';
import type { Issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import { DecimalStringSchema } from '../money/schema';
import { IssueJsonSchema } from '../procurement/json';
import { traceJson } from '../trace/json';
import { TraceJsonSchema } from '../valuation/json';
import type { Plan, PlanProgress } from './plan';

const DEC = DecimalStringSchema;
const STATUS = z.enum(['on-track', 'off-track', 'no-data']);
const COUNTS = z.object({
  'on-track': z.number().int(),
  'off-track': z.number().int(),
  'no-data': z.number().int(),
});

/**
 * The JSON `commonweal plan --format json` writes (format `commonweal.plan-progress.v1`): each
 * objective, indicator (baseline → latest → target, expected by the review date, status, trace,
 * the document its figure came from) and action at the review date; decimals as strings.
 *
 * @example
 * ```ts
 * PlanProgressJsonSchema.parse(JSON.parse(stdout)).counts['on-track']; // 3
 * ```
 */
export const PlanProgressJsonSchema = z.object({
  format: z.literal('commonweal.plan-progress.v1'),
  sha256: z.string(),
  plan: z.object({
    title: z.string(),
    place: z.string(),
    adopted: z.string(),
    vision: z.string(),
    ledBy: z.string(),
  }),
  asOf: z.string(),
  priorities: z.object({ file: z.string(), sha256: z.string(), matched: z.boolean().nullable() }).nullable(),
  sources: z.array(z.object({ name: z.string(), kind: z.string(), sha256: z.string().nullable() })),
  counts: COUNTS,
  actionCounts: z.object({
    total: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    communityLed: z.number().int(),
  }),
  objectives: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      priority: z.string().nullable(),
      weight: DEC.nullable(),
      weightFrom: z.enum(['priorities', 'plan']).nullable(),
      status: STATUS,
      counts: COUNTS,
    }),
  ),
  indicators: z.array(
    z.object({
      objective: z.string(),
      id: z.string(),
      title: z.string(),
      unit: z.string(),
      direction: z.enum(['increase', 'decrease']),
      source: z.record(z.string(), z.string()),
      baseline: z.object({ value: DEC, date: z.string() }),
      target: z.object({ value: DEC, date: z.string() }),
      latest: DEC.nullable(),
      expected: DEC.nullable(),
      progress: DEC.nullable(),
      targetMet: z.boolean(),
      status: STATUS,
      from: z
        .object({ name: z.string(), kind: z.string(), sha256: z.string().nullable(), field: z.string() })
        .nullable(),
      trace: TraceJsonSchema.nullable(),
    }),
  ),
  actions: z.array(
    z.object({
      objective: z.string(),
      id: z.string(),
      title: z.string(),
      owner: z.string(),
      partners: z.array(z.object({ name: z.string(), kind: z.string() })),
      start: z.string(),
      due: z.string(),
      status: z.string(),
      overdue: z.boolean(),
      communityLed: z.boolean(),
    }),
  ),
  issues: z.array(IssueJsonSchema),
});

/** The JSON form of a plan's progress (see {@link PlanProgressJsonSchema}). */
export type PlanProgressJson = z.output<typeof PlanProgressJsonSchema>;

const sn = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

/**
 * The JSON document of a plan's progress (see {@link PlanProgressJsonSchema}).
 *
 * @example
 * ```ts
 * const doc = toPlanProgressJson(plan, progress, { sha256, sources: [], issues: [] });
 * ```
 */
export function toPlanProgressJson(
  plan: Plan,
  p: PlanProgress,
  meta: { sha256: string; sources: PlanProgressJson['sources']; issues: readonly Issue[] },
): PlanProgressJson {
  return {
    format: 'commonweal.plan-progress.v1',
    sha256: meta.sha256,
    plan: {
      title: plan.title,
      place: plan.place,
      adopted: plan.adopted,
      vision: plan.vision,
      ledBy: plan.ledBy,
    },
    asOf: p.asOf,
    priorities: p.priorities ? { ...p.priorities } : null,
    sources: meta.sources.map((s) => ({ ...s })),
    counts: { ...p.counts },
    actionCounts: { ...p.actionCounts },
    objectives: p.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      priority: o.priority,
      weight: sn(o.weight),
      weightFrom: o.weightFrom,
      status: o.status,
      counts: { ...o.counts },
    })),
    indicators: p.indicators.map((i) => ({
      objective: i.objective,
      id: i.indicator.id,
      title: i.indicator.title,
      unit: i.indicator.unit,
      direction: i.indicator.direction,
      source: Object.fromEntries(Object.entries(i.indicator.source).map(([k, v]) => [k, String(v)])),
      baseline: { value: i.indicator.baseline.value.toFixed(), date: i.indicator.baseline.date },
      target: { value: i.indicator.target.value.toFixed(), date: i.indicator.target.date },
      latest: sn(i.latest),
      expected: sn(i.expected),
      progress: sn(i.progress),
      targetMet: i.targetMet,
      status: i.status,
      from: i.from ? { ...i.from } : null,
      trace: i.trace ? traceJson(i.trace) : null,
    })),
    actions: p.actions.map((a) => ({
      objective: a.objective,
      id: a.action.id,
      title: a.action.title,
      owner: a.action.owner,
      partners: a.action.partners.map((x) => ({ ...x })),
      start: a.action.start,
      due: a.action.due,
      status: a.action.status,
      overdue: a.overdue,
      communityLed: a.communityLed,
    })),
    issues: meta.issues.map((i) => ({ ...i })),
  };
}
