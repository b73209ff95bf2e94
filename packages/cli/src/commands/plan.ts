import { documentText, type PlanFlowResult, planFlow } from '@commonweal/flows';
import { planFigure, renderPlanHtml, renderPlanMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownTable, textTable } from '../util/table';

/**
 * Assesses a plan as `commonweal plan` does: reads the plan and the `--from` results, then runs
 * the plan flow at the `--as-of` review date.
 *
 * @example
 * ```ts
 * const r = await computePlan(io, { 'as-of': '2027-03-31', from: ['spend.json'] }, 'plan.json');
 * r.document.counts; // { 'on-track': 1, 'off-track': 0, 'no-data': 3 }
 * ```
 */
export async function computePlan(
  io: CliIO,
  values: Record<string, unknown>,
  planFile: string | undefined,
): Promise<PlanFlowResult> {
  if (!planFile)
    throw new UsageError('give the plan: commonweal plan PLAN.json --from result.json … --as-of DATE');
  if (extension(planFile, io) !== 'json')
    throw new UsageError(`${planFile}: expected the plan as a .json file`);
  const asOf = values['as-of'];
  if (typeof asOf !== 'string' || asOf === '')
    throw new UsageError('--as-of is required (the review date, YYYY-MM-DD)');
  const from = values.from === undefined ? [] : (values.from as string[]);
  for (const f of from)
    if (extension(f, io) !== 'json')
      throw new UsageError(`--from ${f}: expected a command's --format json output`);
  if (new Set(from).size !== from.length) throw new UsageError('--from names the same file twice');
  const r = await planFlow({
    plan: { name: planFile, text: readText(io, planFile) },
    from: from.map((f) => ({ name: f, text: readText(io, f) })),
    asOf,
  });
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  return r;
}

const WORD: Record<string, string> = {
  'on-track': 'on track',
  'off-track': 'OFF TRACK',
  'no-data': 'no data',
};

/**
 * Renders a plan's progress as plain text or Markdown: one line per indicator (baseline →
 * latest → target, expected by now, status) and the actions overdue.
 *
 * @example
 * ```ts
 * io.stdout(planTable(result));
 * ```
 */
export function planTable(r: PlanFlowResult, markdown = false): string {
  const d = r.document;
  const head = ['objective', 'indicator', 'baseline', 'latest', 'expected by now', 'target', 'status'];
  const align: ('left' | 'right')[] = ['left', 'left', 'right', 'right', 'right', 'right', 'left'];
  const rows = d.indicators.map((i) => [
    i.objective,
    i.title,
    planFigure(i.baseline.value, i.unit),
    planFigure(i.latest, i.unit),
    planFigure(i.expected, i.unit),
    `${planFigure(i.target.value, i.unit)} by ${i.target.date}`,
    `${WORD[i.status]}${i.targetMet ? ' (met)' : ''}`,
  ]);
  const objHead = ['objective', 'priority', 'weight', 'status'];
  const objRows = d.objectives.map((o) => [
    `${o.id} ${o.title}`,
    o.priority ?? '–',
    o.weight ?? '–',
    WORD[o.status] ?? o.status,
  ]);
  const overdue = d.actions
    .filter((a) => a.overdue)
    .map((a) => `${a.id} ${a.title} (${a.owner}, due ${a.due})`);
  const c = d.counts;
  const lead = `${d.plan.title} — progress at ${d.asOf}: ${c['on-track']} on track, ${c['off-track']} off track, ${c['no-data']} no data; actions ${d.actionCounts.done}/${d.actionCounts.total} done, ${d.actionCounts.overdue} overdue.`;
  const notes = [
    'On track: latest at or beyond baseline + (target − baseline) × share of the time from baseline to target elapsed (the plan’s rule; see each trace).',
    d.priorities
      ? `Weights from the priorities survey ${d.priorities.file} (sha256 ${d.priorities.sha256.slice(0, 12)}…): ${d.priorities.matched === null ? 'not checked' : d.priorities.matched ? 'checked' : 'DOES NOT MATCH the output given'}.`
      : 'The plan cites no priorities survey.',
    `Inputs sha256 ${d.sha256}.`,
  ];
  if (markdown)
    return [
      `# ${d.plan.title}`,
      '',
      lead,
      '',
      '## Objectives',
      '',
      markdownTable(objHead, objRows),
      '## Indicators',
      '',
      markdownTable(head, rows, align),
      ...(overdue.length ? ['## Overdue actions', '', ...overdue.map((o) => `- ${o}`), ''] : []),
      notes.map((n) => `- ${n}`).join('\n'),
      '',
    ].join('\n');
  return [
    `${lead}\n`,
    textTable(objHead, objRows, { title: 'Objectives' }),
    textTable(head, rows, { align, title: 'Indicators' }),
    ...(overdue.length ? [`Overdue actions\n${overdue.map((o) => `  ${o}`).join('\n')}\n`] : []),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal plan`: progress of a community's plan — every indicator against its target from
 * the other commands' JSON results, objectives weighted by the priorities survey, actions.
 *
 * @example
 * ```sh
 * commonweal plan examples/plan/plan.json --from spend.json --from lm3.json --as-of 2027-03-31 --report plan.html
 * ```
 */
export const planCommand: Command = {
  name: 'plan',
  summary: 'Progress of the community’s plan: indicators against targets from the other commands’ results',
  usage:
    'commonweal plan PLAN.json --as-of YYYY-MM-DD [--from result.json …] [--format table|json|md] [--report r.html|r.md]',
  positionals: [{ name: 'PLAN.json', required: true, description: 'The plan (commonweal schema plan)' }],
  options: {
    from: {
      type: 'string',
      multiple: true,
      value: 'FILE',
      description:
        'A --format json result of value, spend, lm3, doughnut, carbon, monitor, portfolio or priorities (repeatable; one of each kind)',
    },
    'as-of': { type: 'string', value: 'DATE', description: 'The review date (YYYY-MM-DD)' },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal plan examples/plan/plan.json --as-of 2027-03-31 --from commonweal-demo/spend.json --from commonweal-demo/lm3.json --from commonweal-demo/priorities.json --report plan.html',
  ],
  async run({ values, positionals }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    if (positionals.length > 1) throw new UsageError('give one plan (more than one file was named)');
    const r = await computePlan(io, values, positionals[0]);
    return finish(io, values, {
      issues: r.issues,
      output: () => (format === 'json' ? documentText(r.document) : planTable(r, format === 'md')),
      report: { html: () => renderPlanHtml(r.document), md: () => renderPlanMarkdown(r.document) },
    });
  },
};
