import { type Decimal, formatMoney, round, SCORE_ROUNDING } from '@commonweal/core/money';
import {
  assessmentSummaries,
  type BidEvaluation,
  type CriterionResult,
  type TenderEvaluation,
} from '@commonweal/core/procurement';
import {
  BID_COLUMNS,
  COMMITMENT_COLUMNS,
  GATE_COLUMNS,
  MEASURE_COLUMNS,
  MODERATION_COLUMNS,
  PRICE_LINE_COLUMNS,
  SCORE_COLUMNS,
} from '@commonweal/csv';
import {
  type EvaluateFlowInput,
  type EvaluateFlowResult,
  evaluateFlow,
  evaluationDocumentParts,
  type FlowText,
  latestPriceYear,
  summaryNames,
} from '@commonweal/flows';
import { renderAssessmentSummaryMarkdown, renderTenderHtml, renderTenderMarkdown } from '@commonweal/report';
import { discountingByName, hmtGdpDeflator } from '@commonweal/uk';
import type { Command } from '../command';
import { COLUMN_OPTIONS, type CsvInput, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError, writeText } from '../util/io';
import { FatalIssues, frameworkText } from '../util/load';
import { chooseFormat, FORMAT_OPTION, intOption, OUT_OPTION, type OutputSink } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownHeading, markdownList, markdownTable, markdownText, textTable } from '../util/table';

/** What `commonweal evaluate` computed, ready for any output format (the evaluate flow's result). */
export type EvaluateOutcome = EvaluateFlowResult;

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function optional(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

/** A CSV input's file read into a flow input (its name is the path, put on every issue). */
function csvText(io: CliIO, file: string, what: string): FlowText {
  if (extension(file, io) !== 'csv') throw new UsageError(`${file}: expected a .csv file of ${what}`);
  return { name: file, text: readText(io, file) };
}

export { latestPriceYear };

/** The CSV inputs of `evaluate`, for `--columns` (a field goes to the first that has it; `scores.bid=…` chooses). */
export const EVALUATE_INPUTS: readonly CsvInput[] = [
  { name: 'bids', fields: fieldsOf(BID_COLUMNS) },
  { name: 'scores', fields: fieldsOf(SCORE_COLUMNS) },
  { name: 'gates', fields: fieldsOf(GATE_COLUMNS) },
  { name: 'moderation', fields: fieldsOf(MODERATION_COLUMNS) },
  { name: 'lines', fields: fieldsOf(PRICE_LINE_COLUMNS) },
  { name: 'commitments', fields: fieldsOf(COMMITMENT_COLUMNS) },
  { name: 'framework', fields: fieldsOf(MEASURE_COLUMNS) },
];

/**
 * Evaluates a tender as `commonweal evaluate` does: checks the flags, reads the files into texts
 * and runs the evaluate flow of `@commonweal/flows` (the browser scorer runs the same one). An
 * input that cannot be used throws `FatalIssues` (exit 2).
 *
 * @example
 * ```ts
 * const o = await computeEvaluation(io, { model: 'model.json', bids: 'bids.csv', scores: 'scores.csv' });
 * o.evaluation.winner; // 'B1'
 * ```
 */
export async function computeEvaluation(
  io: CliIO,
  values: Record<string, unknown>,
): Promise<EvaluateOutcome> {
  const modelFile = required(values, 'model');
  const bidsFile = required(values, 'bids');
  const scoresFile = required(values, 'scores');
  const gatesFile = optional(values, 'gates');
  const moderationFile = optional(values, 'moderation');
  const linesFile = optional(values, 'lines');
  const commitmentsFile = optional(values, 'commitments');
  const frameworkSpec = optional(values, 'framework');
  if (commitmentsFile && !frameworkSpec)
    throw new UsageError('--commitments needs --framework (the measures that value them)');
  if (frameworkSpec && !commitmentsFile) throw new UsageError('--framework is used only with --commitments');
  for (const name of ['discounting', 'price-year', 'base-year'])
    if (values[name] !== undefined && !commitmentsFile)
      throw new UsageError(`--${name} is used only with --commitments (it values the bids' commitments)`);
  const discounting = optional(values, 'discounting') ?? 'green-book';
  const schedule = discountingByName(discounting);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const baseYear = intOption(values['base-year'], 'base-year');
  const priceYear = intOption(values['price-year'], 'price-year');

  const cols = columnsOption(io, values, EVALUATE_INPUTS);
  if (extension(modelFile, io) !== 'json')
    throw new UsageError(`${modelFile}: expected the evaluation model as a .json file`);
  const input: EvaluateFlowInput = {
    model: { name: modelFile, text: readText(io, modelFile) },
    bids: csvText(io, bidsFile, 'bids (bid,bidder,price)'),
    scores: csvText(io, scoresFile, 'scores (bid,criterion,evaluator,score,comment)'),
    gates: gatesFile ? csvText(io, gatesFile, 'gate results (bid,criterion,result,reason)') : undefined,
    moderation: moderationFile
      ? csvText(io, moderationFile, 'moderated scores (bid,criterion,score,reason)')
      : undefined,
    lines: linesFile ? csvText(io, linesFile, 'priced lines (bid,item,quantity,unit_price)') : undefined,
    framework: frameworkSpec ? frameworkText(io, frameworkSpec) : undefined,
    commitments: commitmentsFile
      ? csvText(io, commitmentsFile, 'commitments (bid,measure,quantity,year)')
      : undefined,
    columns: Object.fromEntries(EVALUATE_INPUTS.map((c) => [c.name, headersFor(cols, c.name)])),
    discounting,
    priceYear,
    baseYear,
  };
  const r = await evaluateFlow(input);
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  return r;
}

const pts = (d: Decimal | null) => (d === null ? '–' : round(d, SCORE_ROUNDING));
const pct = (d: Decimal) => `${round(d, SCORE_ROUNDING).replace(/\.00$/, '')}%`;

function statusText(b: BidEvaluation): string {
  if (b.status === 'ranked') return String(b.rank);
  return b.status === 'disqualified' ? 'disqualified' : 'not ranked';
}

function cellFor(c: CriterionResult): string {
  if (c.type === 'pass-fail') return c.gate ?? '–';
  if (c.weighted === null) return c.raw === null ? '–' : `– (${pts(c.raw)})`;
  return c.raw === null || c.type === 'group' ? pts(c.weighted) : `${pts(c.weighted)} (${pts(c.raw)})`;
}

/**
 * The weight sensitivity of the winner in words, one line per top-level criterion, e.g.
 * `Price weight 40%: the winner changes at 63.41% → bid C (Carers Ltd)`.
 *
 * @example
 * ```ts
 * sensitivityLines(outcome.evaluation); // ['Price weight 40%: the winner changes at 21.65% → bid B3 (…)', …]
 * ```
 */
export function sensitivityLines(e: TenderEvaluation): string[] {
  const title = new Map(e.criteria.map((n) => [n.id, n.criterion.title]));
  const bidder = new Map(e.bids.map((b) => [b.bid, b.bidder]));
  return e.sensitivity.map((s) => {
    const head = `${title.get(s.criterion) ?? s.criterion} weight ${pct(s.weight)}`;
    if (s.flipsAt === null || s.newWinner === null) return `${head}: ${s.note}`;
    const dir = s.direction === 'increase' ? 'rises above' : 'falls below';
    return `${head}: the winner changes at ${pct(s.flipsAt)} → bid ${s.newWinner} (${bidder.get(s.newWinner) ?? ''}) if it ${dir} that, the other weights rescaled in proportion`;
  });
}

function flagLines(e: TenderEvaluation): string[] {
  const out: string[] = [];
  for (const b of e.bids) {
    for (const r of b.reasons) out.push(`${b.bid} ${b.bidder}: disqualified: ${r}`);
    for (const f of b.flags)
      out.push(`${b.bid} ${b.bidder}: ${f.code}${f.criterion ? ` (${f.criterion})` : ''}: ${f.message}`);
  }
  return out;
}

function moderationLines(e: TenderEvaluation): string[] {
  const out: string[] = [];
  for (const b of e.bids)
    for (const c of b.criteria) {
      if (!c.moderated) continue;
      const given = c.scores.map((s) => `${s.evaluator} ${s.score.toString()}`).join(', ');
      out.push(
        `${b.bid} ${c.title}: evaluators ${given || '(none)'} → moderated ${c.moderated.score.toString()}${c.moderated.moderator ? ` by ${c.moderated.moderator}` : ''}${c.moderated.at ? ` on ${c.moderated.at}` : ''}: ${c.moderated.reason ?? 'no reason recorded'}`,
      );
    }
  return out;
}

function notes(o: EvaluateOutcome): string[] {
  const e = o.evaluation;
  const read = Object.entries(o.counts)
    .map(([f, c]) => `${f} ${c.read} read, ${c.accepted} accepted, ${c.rejected} rejected`)
    .join('; ');
  const out = [
    `Bids: ${e.counts.bids} (${e.counts.ranked} ranked, ${e.counts.disqualified} disqualified, ${e.counts.incomplete} not ranked: incomplete).`,
    `Rows: ${read}.`,
    'Scores and totals are shown to 2 decimal places (half-up); the ranking compares them at full precision. The JSON output has every figure in full, with its trace.',
  ];
  if (o.discounting)
    out.push(
      `Commitments valued in ${o.priceYear ?? 'their own'} prices (proxies of other price years rebased with the ${hmtGdpDeflator.name}; each commitment's trace shows its factor), discounting: ${o.discounting}.`,
    );
  out.push(`Inputs sha256 ${o.sha256}.`);
  return out;
}

/**
 * Renders an evaluation as plain text (`markdown = false`) or Markdown: the ranking, the
 * criterion breakdown per bid, disqualifications and flags with reasons, moderation, weight
 * sensitivity in words, and notes.
 *
 * @example
 * ```ts
 * io.stdout(evaluationReport(outcome));
 * ```
 */
export function evaluationReport(o: EvaluateOutcome, markdown = false): string {
  const e = o.evaluation;
  const c = e.model.currency;
  const bids = e.bids;
  const rankRows = bids.map((b) => [
    statusText(b),
    b.bid,
    b.bidder,
    formatMoney(b.price.toString(), c),
    b.total === null ? '–' : pts(b.total),
    [...new Set(b.flags.map((f) => f.code))].join(', '),
  ]);
  const rankHead = ['rank', 'bid', 'bidder', 'price', 'total', 'flags'];
  const rankAlign: ('left' | 'right')[] = ['right', 'left', 'left', 'right', 'right', 'left'];
  const critRows = e.criteria.map((node, i) => {
    const indent = '  '.repeat(node.depth);
    const weight = node.criterion.type === 'pass-fail' ? 'gate' : `${node.weight.toString()}%`;
    return [
      `${indent}${node.criterion.title} (${weight})`,
      ...bids.map((b) => cellFor(b.criteria[i] as CriterionResult)),
    ];
  });
  critRows.push(['Total', ...bids.map((b) => pts(b.total))]);
  const critHead = ['criterion (weight)', ...bids.map((b) => b.bid)];
  const critAlign: ('left' | 'right')[] = ['left', ...bids.map(() => 'right' as const)];
  const winner = e.winner ? bids.find((b) => b.bid === e.winner) : undefined;
  const headline = winner
    ? `Winner: ${winner.bid} ${winner.bidder}, ${pts(winner.total)} out of 100.`
    : 'No single winner (see the issues).';
  const flags = flagLines(e);
  const moderation = moderationLines(e);
  const sens = sensitivityLines(e);
  if (markdown) {
    return [
      markdownHeading(1, `Tender evaluation: ${e.model.title}`),
      '',
      markdownText(`${e.model.id}. ${headline}`),
      '',
      '## Ranking',
      '',
      markdownTable(rankHead, rankRows, rankAlign),
      '## Scores by criterion',
      '',
      'Weighted points out of 100 (raw score on the criterion’s scale in brackets).',
      '',
      markdownTable(critHead, critRows, critAlign),
      '## Disqualifications and flags',
      '',
      markdownList(flags),
      '',
      '## Moderation',
      '',
      markdownList(moderation),
      '',
      '## Weight sensitivity',
      '',
      markdownList(sens),
      '',
      '## Notes',
      '',
      markdownList(notes(o)),
      '',
    ].join('\n');
  }
  const section = (title: string, xs: string[]) =>
    `${title}\n\n${xs.length ? xs.map((x) => `  - ${x}`).join('\n') : '  none'}\n`;
  return [
    `Tender evaluation: ${e.model.title} (${e.model.id})\n${headline}\n`,
    textTable(rankHead, rankRows, { align: rankAlign, title: 'Ranking' }),
    textTable(critHead, critRows, {
      align: critAlign,
      title: 'Scores by criterion: weighted points out of 100 (raw score in brackets)',
    }),
    section('Disqualifications and flags', flags),
    section('Moderation', moderation),
    section('Weight sensitivity (who wins if one weight changes)', sens),
    `${notes(o).join('\n')}\n`,
  ].join('\n');
}

/**
 * The summaries' safe, unique file names: the workbench's rule too, so it is `@commonweal/flows`'s
 * `summaryNames`.
 *
 * @example
 * ```ts
 * summaryFileNames(['B1', '../etc/passwd', 'CON']); // ['B1.md', 'etc-passwd.md', 'bid-CON.md']
 * ```
 */
export const summaryFileNames: (bids: readonly string[]) => string[] = summaryNames;

/**
 * `commonweal evaluate`: scores a tender's bids on price, quality and social value under the
 * published evaluation model, with gates, moderation, ranking, weight sensitivity and
 * assessment summaries.
 *
 * @example
 * ```sh
 * commonweal evaluate --model model.json --bids bids.csv --scores scores.csv --gates gates.csv --summaries out/
 * ```
 */
export const evaluateCommand: Command = {
  name: 'evaluate',
  summary:
    'Evaluate a tender: score bids on price, quality and social value, rank them, write assessment summaries',
  usage:
    'commonweal evaluate --model model.json --bids bids.csv --scores scores.csv [--gates g.csv] [--moderation m.csv] [--lines lines.csv] [--commitments c.csv --framework f.json|f.csv] [options]',
  options: {
    ...COLUMN_OPTIONS,
    model: {
      type: 'string',
      short: 'm',
      value: 'FILE',
      description: 'The evaluation model (.json): criteria, weights, scales, price method, gates',
    },
    bids: {
      type: 'string',
      short: 'b',
      value: 'FILE',
      description: 'Bids (.csv): bid,bidder,price[,supplier_id,address]',
    },
    scores: {
      type: 'string',
      short: 's',
      value: 'FILE',
      description: "Evaluators' scores (.csv): bid,criterion,evaluator,score,comment",
    },
    gates: {
      type: 'string',
      short: 'g',
      value: 'FILE',
      description: 'Pass/fail gate results (.csv): bid,criterion,result,reason',
    },
    moderation: {
      type: 'string',
      value: 'FILE',
      description: 'Moderated scores (.csv): bid,criterion,score,reason,moderator,date',
    },
    lines: {
      type: 'string',
      value: 'FILE',
      description: 'Priced lines (.csv): bid,item,quantity,unit_price — must add up to each bid’s price',
    },
    commitments: {
      type: 'string',
      value: 'FILE',
      description: 'Bids’ social value commitments (.csv, entries with a bid column)',
    },
    framework: {
      type: 'string',
      short: 'f',
      value: 'FILE',
      description: 'Measures framework for the commitments (.json, .csv or builtin:NAME)',
    },
    discounting: {
      type: 'string',
      value: 'NAME',
      description:
        'Discounting of commitments: green-book (default), green-book-health, constant:0.035 or none',
    },
    'price-year': {
      type: 'string',
      value: 'YEAR',
      description: 'Price year of the commitments’ values (default: the proxies’ latest)',
    },
    'base-year': {
      type: 'string',
      value: 'YEAR',
      description: 'Year 0 of discounting (default: the earliest commitment year)',
    },
    ...FORMAT_OPTION,
    summaries: {
      type: 'string',
      value: 'DIR',
      description: 'Write one Markdown assessment summary per bid to DIR (named by bid id)',
    },
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal evaluate --model examples/tender/model.json --bids examples/tender/bids.csv --scores examples/tender/scores.csv --gates examples/tender/gates.csv --summaries commonweal-demo/summaries',
    'commonweal evaluate -m model.json -b bids.csv -s scores.csv -g gates.csv --moderation moderation.csv --format json --out evaluation.json',
    'commonweal evaluate -m examples/tender/model-quantitative.json -b examples/tender/bids.csv -s examples/tender/scores.csv -g examples/tender/gates.csv --commitments examples/tender/commitments.csv --framework examples/valuation/measures.csv',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const summariesDir = optional(values, 'summaries');
    const o = await computeEvaluation(io, values);
    return finish(io, values, {
      issues: o.issues,
      // JSON goes out bid by bid (the same bytes as documentText(o.document)), never held whole.
      ...(format === 'json'
        ? {
            stream: (sink: OutputSink) => {
              for (const piece of evaluationDocumentParts(o)) sink.write(piece);
            },
          }
        : { output: () => evaluationReport(o, format === 'md') }),
      report: { html: () => renderTenderHtml(o.evaluation), md: () => renderTenderMarkdown(o.evaluation) },
      after: () => {
        if (!summariesDir) return;
        const summaries = assessmentSummaries(o.evaluation);
        const names = summaryFileNames(summaries.map((s) => s.bid));
        summaries.forEach((s, i) => {
          writeText(io, `${summariesDir}/${names[i]}`, renderAssessmentSummaryMarkdown(s));
        });
        if (!quiet) io.stderr(`wrote ${summaries.length} assessment summaries to ${summariesDir}\n`);
      },
    });
  },
};
