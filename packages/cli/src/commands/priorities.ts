import { basename } from 'node:path';
import {
  applyPrioritiesToModel,
  type Priorities,
  type PrioritisedValuation,
  type PriorityCriterionNode,
  type PriorityProvenance,
  type PriorityWeights,
  prioritiseValuation,
} from '@commonweal/core/economy';
import { fromZodError, type Issue, issue } from '@commonweal/core/issues';
import { Dec, formatMoney, formatPercent, round } from '@commonweal/core/money';
import { validateModel } from '@commonweal/core/procurement';
import { ValuationJsonSchema } from '@commonweal/core/valuation';
import { analysePrioritiesCsv, SURVEY_COLUMNS } from '@commonweal/csv';
import { canonicalStringify, hashInputs, locateJsonPaths, safeParseJson, sha256Hex } from '@commonweal/json';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { type CliIO, csvReadOptions, extension, readText, UsageError, writeText } from '../util/io';
import { FatalIssues } from '../util/load';
import { chooseFormat, emit, FORMAT_OPTION, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { documentReport, prioritiesDocument } from '../util/reports';
import { markdownList, markdownTable, textTable } from '../util/table';
import { cleanIssue, hashedFile } from './spend';

/** A weighted model written by `--apply-to`: where it went, its hash, and the weights' provenance. */
export interface AppliedModel {
  path: string;
  id: string;
  sha256: string;
  provenance: PriorityProvenance;
}

/**
 * A valuation by theme seen through the survey's overall weights (`--valuation`): the
 * valuation file (name, SHA-256 of its text, its own inputs hash), its currency, and core
 * `prioritiseValuation`'s view of each theme's present value.
 *
 * @example
 * ```ts
 * const o = await computePriorities(io, { survey: 'themes-survey.csv', valuation: 'valuation.json' });
 * o.valuation?.view.themes.map((t) => [t.theme, t.weighted.toString()]);
 * ```
 */
export interface PrioritisedValuationView {
  file: string;
  sha256: string;
  inputsSha256: string;
  currency: string;
  view: PrioritisedValuation;
}

/** What `commonweal priorities` computed, ready for any output format. */
export interface PrioritiesOutcome {
  priorities: Priorities;
  issues: Issue[];
  sha256: string;
  applied?: AppliedModel;
  valuation?: PrioritisedValuationView;
}

/** Said wherever the priority-weighted view is shown, so nobody mistakes it for a valuation. */
const VIEW_NOTE =
  'A view for discussion, not a published method: each theme’s present value × its community weight ÷ the equal weight (100 ÷ number of themes), so a theme weighted at the equal share keeps its value. The valuation itself is unchanged.';

const METHODS: Record<string, 'points' | 'ranks'> = { points: 'points', borda: 'ranks', ranks: 'ranks' };
const GROUPS: Record<string, 'equal' | 'proportional'> = { equal: 'equal', proportional: 'proportional' };

const strings = (r: Record<string, { toString(): string }>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toString()]));

function weightsJson(w: PriorityWeights) {
  const agreement: Record<string, unknown> = {
    method: w.agreement.method,
    w: w.agreement.w === null ? null : w.agreement.w.toString(),
    raters: w.agreement.raters,
    items: w.agreement.items,
  };
  if (w.agreement.note !== undefined) agreement.note = w.agreement.note;
  return {
    respondents: w.respondents,
    weights: strings(w.weights),
    exact: strings(w.exact),
    ranking: w.ranking.map((r) => ({ rank: r.rank, item: r.item, weight: r.weight.toString() })),
    agreement,
  };
}

/**
 * The JSON `commonweal priorities` writes (the `priorities-output` schema): weights as decimal
 * strings per group and overall, agreement, rows, issues, the inputs hash and, with
 * `--apply-to`, the provenance of the weights written into the model.
 *
 * @example
 * ```ts
 * prioritiesJson(outcome).overall.weights; // { 'local-jobs': '31.25', … }
 * ```
 */
export function prioritiesJson(o: PrioritiesOutcome) {
  const p = o.priorities;
  const survey: Record<string, string> = { hash: p.survey.hash };
  if (p.survey.name !== undefined) survey.name = p.survey.name;
  const out: Record<string, unknown> = {
    method: p.method,
    scoring: p.scoring,
    groupWeighting: p.groupWeighting,
    precision: p.precision,
    items: [...p.items],
    overall: weightsJson(p.overall),
    groups: Object.fromEntries(Object.entries(p.groups).map(([g, w]) => [g, weightsJson(w)])),
    groupShares: strings(p.groupShares),
    rows: { ...p.rows },
    survey,
    issues: o.issues.map(cleanIssue),
    inputs: { sha256: o.sha256 },
  };
  if (o.applied) {
    const pv = o.applied.provenance;
    const applied: Record<string, unknown> = {
      model: { id: o.applied.id, sha256: o.applied.sha256 },
      criterion: pv.criterion,
      respondents: pv.respondents,
      renormalised: pv.renormalised,
      weights: { ...pv.weights },
      note: pv.note,
    };
    if (pv.group !== undefined) applied.group = pv.group;
    out.applied = applied;
  }
  if (o.valuation) out.valuation = valuationViewJson(o.valuation);
  return out;
}

function valuationViewJson(v: PrioritisedValuationView) {
  const t = v.view.trace;
  const trace: Record<string, unknown> = {
    formula: t.formula,
    inputs: Object.fromEntries(Object.entries(t.inputs).map(([k, i]) => [k, { value: i.value }])),
    result: t.result,
  };
  if (t.notes?.length) trace.notes = [...t.notes];
  return {
    file: v.file,
    sha256: v.sha256,
    inputs: { sha256: v.inputsSha256 },
    basis: 'presentValue',
    currency: v.currency,
    note: VIEW_NOTE,
    themes: v.view.themes.map((x) => ({
      theme: x.theme,
      value: x.value.toString(),
      weight: x.weight.toString(),
      multiplier: x.multiplier.toString(),
      weighted: x.weighted.toString(),
      share: x.share.toString(),
    })),
    total: v.view.total.toString(),
    weightedTotal: v.view.weightedTotal.toString(),
    trace,
  };
}

/**
 * Reads the JSON of `commonweal value --format json` (checked with core `ValuationJsonSchema`,
 * issues located by path, line and column) and applies the survey's overall weights to its
 * present value by theme. Survey items must be the valuation's theme ids, one for one.
 */
function loadValuationView(io: CliIO, file: string, surveyFile: string, priorities: Priorities) {
  if (extension(file, io) !== 'json') {
    throw new UsageError(`${file}: expected the JSON of \`commonweal value --format json\` (a .json file)`);
  }
  const text = readText(io, file);
  const parsed = safeParseJson(text, { file });
  if (!parsed.ok) throw new FatalIssues(`${file} is not valid JSON`, parsed.issues);
  const checked = ValuationJsonSchema.safeParse(parsed.value);
  if (!checked.success) {
    const issues = fromZodError(checked.error, { file });
    const at = locateJsonPaths(
      text,
      issues.map((i) => i.path ?? []),
    );
    throw new FatalIssues(
      `${file} is not the JSON of \`commonweal value --format json\` (schema valuation-output)`,
      issues.map((i) => {
        const hit = at.get(JSON.stringify(i.path ?? []));
        return hit ? { ...i, line: hit.line, column: hit.column } : i;
      }),
    );
  }
  const json = checked.data;
  const themes = Object.keys(json.totals.byTheme).sort();
  const items = [...priorities.items].sort();
  const valid = themes.length ? themes.join(', ') : 'none';
  const mismatched: Issue[] = [];
  for (const item of items) {
    if (!themes.includes(item)) {
      mismatched.push(
        issue(
          'priority_item_not_theme',
          `survey item "${item}" is not a theme of the valuation ${file} (its themes: ${valid}): name the valuation's themes as the survey's items`,
          { file: surveyFile, field: 'item' },
        ),
      );
    }
  }
  for (const theme of themes) {
    if (!items.includes(theme)) {
      mismatched.push(
        issue(
          'theme_unweighted',
          `theme "${theme}" of the valuation has no survey item, so no priority weight: add "${theme}" to the survey (the valuation's themes: ${valid})`,
          { file, path: ['totals', 'byTheme', theme] },
        ),
      );
    }
  }
  if (mismatched.length) {
    throw new FatalIssues(
      `the survey's items do not match the themes of ${file}, so its weights cannot be applied`,
      mismatched,
    );
  }
  const values = Object.fromEntries(themes.map((t) => [t, json.totals.byTheme[t]!.presentValue]));
  const r = prioritiseValuation(values, priorities);
  if (!r.ok) throw new FatalIssues(`the survey's weights cannot be applied to ${file}`, r.issues);
  const view: PrioritisedValuationView = {
    file: basename(file),
    sha256: sha256Hex(text),
    inputsSha256: json.inputs.sha256,
    currency: json.options.currency,
    view: r.value,
  };
  return { view, issues: r.issues.map((i) => ({ ...i, file })) };
}

/**
 * Weighs a priority survey as `commonweal priorities` does and, with `--apply-to`, writes a new
 * evaluation model whose sub-criteria of `--criterion` carry the community's weights (canonical
 * JSON, the survey's hash in the criterion's description), checked with core `validateModel`.
 * With `--valuation`, applies the overall weights to a valuation's present value by theme
 * (core `prioritiseValuation`): a view for discussion, the valuation itself unchanged.
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

  const cols = columnsOption(io, values, [{ name: 'survey', fields: fieldsOf(SURVEY_COLUMNS) }]);
  const source = hashedFile(io, file);
  const r = await analysePrioritiesCsv(source.source, {
    file,
    ...csvReadOptions(io),
    ...headersFor(cols, 'survey'),
    survey: { name: basename(file) },
    ...(method ? { method } : {}),
    ...(groups ? { groups } : {}),
  });
  if (!r.ok) throw new FatalIssues(`${file} cannot be turned into priority weights`, r.issues);
  const priorities = r.value;
  const issues = [...priorities.issues];
  const viewed =
    typeof valuation === 'string' ? loadValuationView(io, valuation, file, priorities) : undefined;
  const outcome: PrioritiesOutcome = {
    priorities,
    issues,
    sha256: hashInputs({
      survey: source.digest(),
      method: priorities.method,
      groups: priorities.groupWeighting,
      ...(viewed ? { valuation: viewed.view.sha256 } : {}),
    }),
  };
  if (viewed) {
    outcome.valuation = viewed.view;
    for (const x of viewed.issues) issues.push(x);
  }
  if (typeof applyTo !== 'string') return outcome;

  const text = readText(io, applyTo);
  const parsed = safeParseJson(text, { file: applyTo });
  if (!parsed.ok) throw new FatalIssues(`${applyTo} is not valid JSON`, parsed.issues);
  const model = validateModel(parsed.value);
  if (!model.ok) {
    throw new FatalIssues(
      `${applyTo} is not a valid evaluation model`,
      model.issues.map((i) => ({ ...i, file: applyTo })),
    );
  }
  const applied = applyPrioritiesToModel(parsed.value as { criteria: PriorityCriterionNode[] }, priorities, {
    criterion: criterion as string,
    ...(typeof values.group === 'string' ? { group: values.group } : {}),
    ...(values.renormalise ? { renormalise: true } : {}),
  });
  if (!applied.ok) {
    throw new FatalIssues(
      `the survey weights cannot be applied to criterion "${String(criterion)}" of ${applyTo}`,
      applied.issues,
    );
  }
  for (const x of applied.issues) issues.push(x);
  const checked = validateModel(applied.value.model);
  if (!checked.ok) {
    throw new FatalIssues(`the weighted model does not validate, so it was not written`, checked.issues);
  }
  const modelText = canonicalStringify(applied.value.model, { indent: 2, finalNewline: true });
  const path = writeText(io, values.out as string, modelText);
  outcome.applied = {
    path,
    id: checked.value.id,
    sha256: sha256Hex(modelText),
    provenance: applied.value.provenance,
  };
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
    'commonweal priorities --survey <file.csv> [--method points|borda] [--groups equal|proportional] [--apply-to <model.json> --criterion ID --out <weighted.json>] [--valuation <valuation.json>] [--format table|json|md]',
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
    'commonweal priorities --survey examples/priorities/survey.csv --groups equal --apply-to examples/priorities/model.json --criterion social-value --out weighted.json',
    'commonweal priorities --survey examples/priorities/themes-survey.csv --valuation valuation.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const outcome = await computePriorities(io, values);
    printIssues(io, outcome.issues, quiet);
    const text =
      format === 'json'
        ? canonicalStringify(prioritiesJson(outcome), { indent: 2, finalNewline: true })
        : prioritiesTable(outcome, format === 'md');
    if (outcome.applied) {
      if (!quiet) io.stderr(`wrote ${outcome.applied.path}\n`);
      io.stdout(text);
    } else emit(io, text, values.out, quiet);
    writeReport(
      io,
      values.report,
      documentReport(() => prioritiesDocument(prioritiesJson(outcome) as unknown as Record<string, unknown>)),
      quiet,
    );
    return outcome.issues.some((i) => i.severity !== 'warning') ? 1 : 0;
  },
};
