import { fromZodError, type Issue, issue } from '@commonweal/core/issues';
import {
  assessPlan,
  type Plan,
  type PlanProgress,
  type PlanProgressJson,
  PlanSchema,
  type PlanSource,
  sourceKind,
  sourceSha256,
  toPlanProgressJson,
} from '@commonweal/core/plan';
import { hashInputs, locateJsonPaths, safeParseJson } from '@commonweal/json';
import { type FlowFailure, FlowFatal, type FlowText, runFlow, textOf } from '../inputs/inputs';

/**
 * The inputs of {@link planFlow}: the plan (JSON, `commonweal schema plan`), the result documents
 * of the other commands (`--format json` outputs: value, spend, lm3, doughnut, carbon, monitor,
 * portfolio, priorities; at most one of each kind) and the review date.
 *
 * @example
 * ```ts
 * const input: PlanFlowInput = { plan: { name: 'plan.json', text }, from: [{ name: 'spend.json', text: spend }], asOf: '2027-03-31' };
 * ```
 */
export interface PlanFlowInput {
  plan: FlowText;
  from: FlowText[];
  asOf: string;
}

/**
 * A plan's progress made by {@link planFlow}: the plan, its progress, the JSON document, every
 * issue (located on the plan file) and the inputs sha256.
 *
 * @example
 * ```ts
 * const r = await planFlow(input);
 * if (r.ok) r.document.counts['off-track']; // 2
 * ```
 */
export interface PlanFlowResult {
  ok: true;
  plan: Plan;
  progress: PlanProgress;
  document: PlanProgressJson;
  sha256: string;
  issues: Issue[];
}

function locate(issues: readonly Issue[], text: string, file: string): Issue[] {
  const paths = issues.map((i) => i.path ?? []);
  const hits = locateJsonPaths(text, paths);
  return issues.map((i, n) => {
    const hit = hits.get(JSON.stringify(paths[n]));
    return hit ? { ...i, file, line: hit.line, column: hit.column } : { ...i, file };
  });
}

/**
 * Assesses a community's plan as `commonweal plan` does: reads and checks the plan, tells each
 * result document's kind by its shape, and gives every indicator's progress against its target
 * (baseline → latest → target; on track, off track or no data, the rule in the trace), every
 * objective's weight from the priorities survey the plan cites, and every action's standing.
 * No file system: runs in a browser too.
 *
 * @example
 * ```ts
 * const r = await planFlow({ plan, from: [spend, lm3, doughnut], asOf: '2027-03-31' });
 * if (!r.ok) r.headline; // 'the plan plan.json cannot be used'
 * ```
 */
export function planFlow(input: PlanFlowInput): Promise<PlanFlowResult | FlowFailure> {
  return runFlow(() => planOrThrow(input));
}

async function planOrThrow(input: PlanFlowInput): Promise<PlanFlowResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf))
    throw new FlowFatal(`the review date ${input.asOf} cannot be used`, [
      issue('invalid_date', `the review date must be written YYYY-MM-DD (got '${input.asOf}')`, {
        field: 'asOf',
      }),
    ]);
  const file = input.plan.name;
  const text = textOf(input.plan);
  const parsed = safeParseJson(text, { file });
  if (!parsed.ok) throw new FlowFatal(`${file} is not valid JSON`, parsed.issues);
  const checked = PlanSchema.safeParse(parsed.value);
  if (!checked.success)
    throw new FlowFatal(`the plan ${file} cannot be used`, locate(fromZodError(checked.error), text, file));
  const sources: PlanSource[] = [];
  const texts: Record<string, string> = {};
  for (const f of input.from) {
    const body = textOf(f);
    const p = safeParseJson(body, { file: f.name });
    if (!p.ok) throw new FlowFatal(`${f.name} is not valid JSON`, p.issues);
    const kind = sourceKind(p.value);
    if (kind === null)
      throw new FlowFatal(`${f.name} is not a result the plan can read`, [
        issue(
          'unknown_document',
          'expected the --format json output of value, spend, lm3, doughnut, carbon, monitor, portfolio or priorities',
          { file: f.name },
        ),
      ]);
    const twin = sources.find((s) => s.kind === kind);
    if (twin)
      throw new FlowFatal(`${twin.name} and ${f.name} are both ${kind} results`, [
        issue('duplicate_document', `give one ${kind} result: the plan would not know which figure to take`, {
          file: f.name,
        }),
      ]);
    sources.push({
      name: f.name,
      kind,
      sha256: sourceSha256(p.value),
      document: p.value as Record<string, unknown>,
    });
    texts[f.name] = body;
  }
  const plan = checked.data;
  const { progress, issues: found } = assessPlan(plan, sources, input.asOf);
  const issues = locate(found, text, file);
  const sha256 = hashInputs({ plan: text, from: texts, options: { asOf: input.asOf } });
  const document = toPlanProgressJson(plan, progress, {
    sha256,
    sources: sources.map((s) => ({ name: s.name, kind: s.kind, sha256: s.sha256 })),
    issues,
  });
  return { ok: true, plan, progress, document, sha256, issues };
}
