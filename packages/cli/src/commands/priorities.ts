import type { Priorities, PriorityProvenance, PriorityWeights } from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import { Dec, formatMoney, formatPercent, round } from '@commonweal/core/money';
import { SURVEY_COLUMNS } from '@commonweal/csv';
import {
  documentText,
  type PrioritiesFlowInput,
  type PrioritisedValuationView,
  prioritiesDocument,
  prioritiesFlow,
  VIEW_NOTE,
} from '@commonweal/flows';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { csvReadOptions, extension, readBytes, readText, UsageError, writeText } from '../util/io';
import { FatalIssues, frameworkText } from '../util/load';
import { chooseFormat, FORMAT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { documentReport, prioritiesDocument as prioritiesReport } from '../util/reports';
import { markdownList, markdownTable, textTable } from '../util/table';

export type { PrioritisedValuationView } from '@commonweal/flows';

/** A weighted model written by `--apply-to`: where it went, its hash, and the weights' provenance. */
export interface AppliedModel {
  path: string;
  id: string;
  sha256: string;
  provenance: PriorityProvenance;
}

/** What `commonweal priorities` computed, ready for any output format. */
export interface PrioritiesOutcome {
  priorities: Priorities;
  issues: Issue[];
  sha256: string;
  applied?: AppliedModel;
  valuation?: PrioritisedValuationView;
}

/** `--items a,b,c`: the items being weighed, in the order given. */
function itemsOption(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const items = String(v)
    .split(',')
    .map((i) => i.trim());
  if (items.every((i) => i === ''))
    throw new UsageError(
      '--items needs the items being weighed, separated by commas (e.g. --items jobs,environment)',
    );
  return items;
}

const METHODS: Record<string, 'points' | 'ranks'> = { points: 'points', borda: 'ranks', ranks: 'ranks' };
const GROUPS: Record<string, 'equal' | 'proportional'> = { equal: 'equal', proportional: 'proportional' };

/**
 * The JSON `commonweal priorities` writes (the `priorities-output` schema), made by the
 * priorities flow's `prioritiesDocument`.
 *
 * @example
 * ```ts
 * prioritiesJson(outcome).overall; // { weights: { 'local-jobs': '31.25', … }, … }
 * ```
 */
export function prioritiesJson(o: PrioritiesOutcome): Record<string, unknown> {
  return prioritiesDocument(o);
}

/**
 * Weighs a priority survey as `commonweal priorities` does (the priorities flow,
 * `prioritiesFlow` of `@commonweal/flows`) and, with `--apply-to`, writes the new evaluation
 * model whose sub-criteria of `--criterion` carry the community's weights. With `--valuation`,
 * applies the overall weights to a valuation's present value by theme: a view for discussion,
 * the valuation itself unchanged.
 *
 * @example
 * ```ts
 * const o = await computePriorities(io, { survey: 'examples/priorities/survey.csv', groups: 'equal' });
 * o.priorities.overall.weights;
 * ```
 */
export async function computePriorities(
  io: Parameters<Command['run']>[1],
  values: Record<string, unknown>,
): Promise<PrioritiesOutcome> {
  const file = values.survey;
  if (typeof file !== 'string' || file === '') throw new UsageError('--survey is required');
  const method = values.method === undefined ? undefined : METHODS[String(values.method)];
  if (values.method !== undefined && method === undefined) {
    throw new UsageError(`--method must be points or borda (got '${String(values.method)}')`);
  }
  const groups = values.groups === undefined ? undefined : GROUPS[String(values.groups)];
  if (values.groups !== undefined && groups === undefined) {
    throw new UsageError(`--groups must be equal or proportional (got '${String(values.groups)}')`);
  }
  const applyTo = values['apply-to'];
  const criterion = values.criterion;
  if (applyTo !== undefined) {
    if (typeof applyTo !== 'string' || applyTo === '') throw new UsageError('--apply-to needs a model file');
    if (typeof criterion !== 'string' || criterion === '') {
      throw new UsageError(
        '--criterion is required with --apply-to: the id of the criterion whose sub-criteria take the weights',
      );
    }
    if (typeof values.out !== 'string' || values.out === '') {
      throw new UsageError('--out is required with --apply-to: the file to write the weighted model to');
    }
  } else if (criterion !== undefined || values.group !== undefined || values.renormalise) {
    throw new UsageError('--criterion, --group and --renormalise go with --apply-to');
  }
  const valuation = values.valuation;
  if (valuation !== undefined && (typeof valuation !== 'string' || valuation === '')) {
    throw new UsageError('--valuation needs the JSON file written by `commonweal value --format json`');
  }
  const items = itemsOption(values.items);
  const fwSpec = values.framework;
  if (fwSpec !== undefined && (typeof fwSpec !== 'string' || fwSpec === ''))
    throw new UsageError('--framework needs a framework file (.json, .csv) or builtin:NAME');
  if (items !== undefined && fwSpec !== undefined)
    throw new UsageError('give --items or --framework (whose themes are the items), not both');
  const cols = columnsOption(io, values, [{ name: 'survey', fields: fieldsOf(SURVEY_COLUMNS) }]);
  if (extension(file, io) !== 'csv') throw new UsageError(`${file}: expected a .csv file`);
  const survey = readBytes(io, file);
  if (typeof valuation === 'string' && extension(valuation, io) !== 'json') {
    throw new UsageError(
      `${valuation}: expected the JSON of \`commonweal value --format json\` (a .json file)`,
    );
  }
  const input: PrioritiesFlowInput = {
    survey: { name: file, text: survey },
    encoding: csvReadOptions(io).encoding,
    columns: headersFor(cols, 'survey'),
    method,
    groups,
    items,
    framework: typeof fwSpec === 'string' ? frameworkText(io, fwSpec) : undefined,
    valuation: typeof valuation === 'string' ? { name: valuation, text: readText(io, valuation) } : undefined,
    applyTo:
      typeof applyTo === 'string'
        ? {
            model: { name: applyTo, text: readText(io, applyTo) },
            criterion: criterion as string,
            group: typeof values.group === 'string' ? values.group : undefined,
            renormalise: Boolean(values.renormalise),
          }
        : undefined,
  };
  const r = await prioritiesFlow(input);
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  const outcome: PrioritiesOutcome = { priorities: r.priorities, issues: r.issues, sha256: r.sha256 };
  if (r.valuation) outcome.valuation = r.valuation;
  if (r.applied) {
    const path = writeText(io, values.out as string, r.applied.text);
    outcome.applied = { path, id: r.applied.id, sha256: r.applied.sha256, provenance: r.applied.provenance };
  }
  return outcome;
}

const w3 = { name: 'kendall-w-half-up-3dp', places: 3, mode: Dec.ROUND_HALF_UP };
const MULTIPLIER = { name: 'multiplier-half-up-4dp', places: 4, mode: Dec.ROUND_HALF_UP };

/**
 * Renders the priorities as text tables (or Markdown): overall and per-group weights, rankings,
 * agreement, and how groups were weighted.
 *
 * @example
 * ```ts
 * io.stdout(prioritiesTable(outcome));
 * ```
 */
export function prioritiesTable(o: PrioritiesOutcome, markdown = false): string {
  const p = o.priorities;
  const groupNames = Object.keys(p.groups);
  const head = ['item', 'overall', ...groupNames];
  const align: ('left' | 'right')[] = head.map((_, i) => (i === 0 ? 'left' : 'right'));
  const rows = p.overall.ranking.map((r) => [
    `${r.rank}. ${r.item}`,
    r.weight.toString(),
    ...groupNames.map((g) => p.groups[g]?.weights[r.item]?.toString() ?? ''),
  ]);
  const agree = (w: PriorityWeights) =>
    w.agreement.w === null ? `n/a (${w.agreement.note ?? 'undefined'})` : round(w.agreement.w, w3);
  const groupRows = [
    ['overall', String(p.overall.respondents), '100%', agree(p.overall)],
    ...groupNames.map((g) => [
      g,
      String(p.groups[g]?.respondents ?? 0),
      `${round(p.groupShares[g]!.times(100), { name: 'share', places: 1, mode: Dec.ROUND_HALF_UP })}%`,
      agree(p.groups[g]!),
    ]),
  ];
  const groupHead = ['group', 'respondents', 'say in overall', "Kendall's W"];
  const groupAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];
  const notes = [
    `Method: ${p.scoring}.`,
    `Groups: ${p.groupWeighting === 'equal' ? 'each stakeholder group counts equally in the overall weights' : 'each respondent counts equally (groups in proportion to respondents)'}.`,
    `Weights are % summing to exactly 100 (rounded to ${p.precision} places by largest remainder). Kendall's W: 0 = no agreement, 1 = everyone ranks the items alike.`,
    `Rows: ${p.rows.read} read, ${p.rows.accepted} accepted, ${p.rows.rejected} rejected. Survey sha256 ${p.survey.hash}.`,
  ];
  if (o.applied) {
    notes.push(
      `Weights of "${o.applied.provenance.criterion}" written to ${o.applied.path} (model ${o.applied.id}, sha256 ${o.applied.sha256}; validated).`,
    );
  }
  const v = o.valuation;
  const viewHead = [
    'theme',
    'present value',
    'weight (%)',
    'multiplier',
    'priority-weighted value',
    'share (weighted)',
  ];
  const viewAlign: ('left' | 'right')[] = viewHead.map((_, i) => (i === 0 ? 'left' : 'right'));
  const viewRows = v
    ? [
        ...v.view.themes.map((t) => [
          t.theme,
          formatMoney(t.value, v.currency),
          t.weight.toString(),
          new Dec(round(t.multiplier, MULTIPLIER)).toString(),
          formatMoney(t.weighted, v.currency),
          formatPercent(t.share, 1),
        ]),
        [
          'Total',
          formatMoney(v.view.total, v.currency),
          '100',
          '',
          formatMoney(v.view.weightedTotal, v.currency),
          '100.0%',
        ],
      ]
    : [];
  const viewNotes = v
    ? [
        VIEW_NOTE,
        `Valuation ${v.file} (sha256 ${v.sha256}; its inputs sha256 ${v.inputsSha256}): present value by theme, weighted by the overall weights above. Money rounded to pennies for display only.`,
      ]
    : [];
  if (markdown) {
    const view = v
      ? [
          '## Priority-weighted view of the valuation by theme',
          '',
          markdownTable(viewHead, viewRows, viewAlign),
          markdownList(viewNotes),
          '',
        ]
      : [];
    return [
      '# Community priorities',
      '',
      markdownTable(head, rows, align),
      '## Groups and agreement',
      '',
      markdownTable(groupHead, groupRows, groupAlign),
      markdownList(notes),
      '',
      ...view,
    ].join('\n');
  }
  return [
    textTable(head, rows, { align, title: 'Community priorities — weights (%)' }),
    textTable(groupHead, groupRows, { align: groupAlign, title: 'Groups and agreement' }),
    `${notes.join('\n')}\n`,
    ...(v
      ? [
          textTable(viewHead, viewRows, {
            align: viewAlign,
            title: 'Priority-weighted view of the valuation by theme (for discussion)',
          }),
          `${viewNotes.join('\n')}\n`,
        ]
      : []),
  ].join('\n');
}

/**
 * `commonweal priorities`: weights for social value themes or outcomes from a community
 * priority survey (points or Borda ranks), per stakeholder group and overall, with agreement;
 * optionally written into an evaluation model's sub-criteria, and optionally applied to a
 * valuation's present value by theme (`--valuation`, a priority-weighted view for discussion).
 *
 * @example
 * ```sh
 * commonweal priorities --survey survey.csv --groups equal --apply-to model.json --criterion social-value --out weighted.json
 * ```
 */
export const prioritiesCommand: Command = {
  name: 'priorities',
  summary: 'Community priority weights from a survey (points or Borda ranks), per group, with agreement',
  usage:
    'commonweal priorities --survey <file.csv> [--method points|borda] [--groups equal|proportional] [--framework <f> | --items a,b,c] [--apply-to <model.json> --criterion ID --out <weighted.json>] [--valuation <valuation.json>] [--format table|json|md]',
  options: {
    ...COLUMN_OPTIONS,
    survey: {
      type: 'string',
      value: 'FILE',
      description: 'Survey CSV: respondent,group,item,points or respondent,group,item,rank',
    },
    method: {
      type: 'string',
      value: 'METHOD',
      choices: Object.keys(METHODS),
      description: 'points or borda (ranks); detected from the header when left out',
    },
    groups: {
      type: 'string',
      value: 'HOW',
      choices: Object.keys(GROUPS),
      description:
        'equal (each stakeholder group counts the same) or proportional (each respondent; default)',
    },
    framework: {
      type: 'string',
      value: 'FILE',
      description:
        'Framework (.json, .csv or builtin:NAME) whose social value themes are the items being weighed: a theme nobody answered gets weight 0',
    },
    items: {
      type: 'string',
      value: 'LIST',
      description:
        'The items being weighed, comma-separated (instead of --framework); answers naming others are rejected',
    },
    'apply-to': {
      type: 'string',
      value: 'FILE',
      description: 'Evaluation model JSON to write the weights into (a new file: see --out)',
    },
    criterion: {
      type: 'string',
      value: 'ID',
      description: 'With --apply-to: the criterion whose sub-criteria (ids = survey items) take the weights',
    },
    group: {
      type: 'string',
      value: 'NAME',
      description: "With --apply-to: use one stakeholder group's weights instead of the overall ones",
    },
    renormalise: {
      type: 'boolean',
      description:
        'With --apply-to: rescale matched weights to 100 when items and sub-criteria differ (else an error)',
    },
    valuation: {
      type: 'string',
      value: 'FILE',
      description:
        'JSON of `commonweal value --format json`: show its present value by theme weighted by the survey (items = theme ids), a view for discussion',
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'With --apply-to: the weighted model file; otherwise where to write the result',
    },
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal priorities --survey examples/priorities/survey.csv --groups equal',
    'commonweal priorities --survey ranks.csv --method borda --format json',
    'commonweal priorities --survey examples/priorities/themes-survey.csv --framework examples/valuation/measures.csv',
    'commonweal priorities --survey examples/priorities/survey.csv --groups equal --apply-to examples/priorities/model.json --criterion social-value --out weighted.json',
    'commonweal priorities --survey examples/priorities/themes-survey.csv --valuation valuation.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const outcome = await computePriorities(io, values);
    const text = () =>
      format === 'json' ? documentText(prioritiesJson(outcome)) : prioritiesTable(outcome, format === 'md');
    return finish(io, values, {
      issues: outcome.issues,
      // With --apply-to, --out is the weighted model: the result goes to stdout.
      output: outcome.applied ? undefined : text,
      report: documentReport(() => prioritiesReport(prioritiesJson(outcome))),
      after: () => {
        if (!outcome.applied) return;
        if (!quiet) io.stderr(`wrote ${outcome.applied.path}\n`);
        io.stdout(text());
      },
    });
  },
};
