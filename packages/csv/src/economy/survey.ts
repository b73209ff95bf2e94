import {
  analysePriorities,
  type Priorities,
  type PrioritiesOptions,
  type PriorityRowInput,
} from '@commonweal/core/economy';
import { fail, type Issue, ok, type Result } from '@commonweal/core/issues';
import type { Decimal } from '@commonweal/core/money';
import { decimalCell, integerCell, textCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadTableOptions, type ResolvedColumn, readTable, type TableCounts } from '../table/read';
import { defineTable } from '../table/table';

const text = textCell();

/**
 * The columns of a priority survey: `respondent,group,item,points` (a points allocation) or
 * `respondent,group,item,rank` (1 = most important). One row per respondent and item; the
 * group is the respondent's stakeholder group (e.g. residents, businesses, community groups).
 *
 * @example
 * ```ts
 * // respondent,group,item,points
 * // R01,residents,local-jobs,40
 * ```
 */
export const SURVEY_COLUMNS = {
  respondent: {
    header: 'respondent',
    aliases: ['respondent id', 'respondent ref'],
    required: true,
    parse: text,
  },
  group: { header: 'group', aliases: ['stakeholder group', 'stakeholder'], required: true, parse: text },
  item: { header: 'item', aliases: ['theme', 'priority'], required: true, parse: text },
  points: {
    header: 'points',
    aliases: ['points allocated'],
    parse: decimalCell({ min: 0, currency: false, example: '25' }),
  },
  rank: { header: 'rank', aliases: ['ranking'], parse: integerCell({ min: 1 }) },
} as const;

interface SurveyValues {
  respondent: string;
  group: string;
  item: string;
  points?: Decimal;
  rank?: number;
  line: number;
}

const surveyTable = defineTable({
  name: 'priority survey',
  columns: SURVEY_COLUMNS,
  row: (v, ctx) => ({ ok: true, value: { ...v, line: ctx.line } as SurveyValues }),
});

/**
 * A survey's scoring method: `points` (a points allocation) or `ranks` (Borda count).
 *
 * @example
 * ```ts
 * const m: SurveyMethod = 'ranks';
 * ```
 */
export type SurveyMethod = 'points' | 'ranks';

/**
 * What {@link readPrioritySurveyCsv} gives: the accepted rows (core `PriorityRowInput`s with
 * `line`), the method (declared, or detected from the header: a `points` or a `rank` column),
 * every issue and the counts (`read = accepted + rejected`).
 *
 * @example
 * ```ts
 * const s: PrioritySurveyCsv = await readPrioritySurveyCsv(text);
 * s.method; // 'points'
 * ```
 */
export interface PrioritySurveyCsv {
  /** No error issue. */
  ok: boolean;
  /** False when the file cannot be read as a survey at all (no rows were kept). */
  usable: boolean;
  method: SurveyMethod | undefined;
  rows: PriorityRowInput[];
  issues: Issue[];
  counts: TableCounts;
  columns: ResolvedColumn[];
}

/**
 * Reads a priority survey CSV. The method is detected from the header — a `points` column
 * means a points allocation, a `rank` column ranks — and a file with both needs `method`
 * declared (an issue, never a guess). A row without a value in the method's column is rejected
 * with a located issue. Surveys are small: the rows are held in memory.
 *
 * @example
 * ```ts
 * const s = await readPrioritySurveyCsv('respondent,group,item,rank\nR1,residents,jobs,1\nR1,residents,climate,2\n');
 * s.method;       // 'ranks'
 * s.rows[0];      // { respondent: 'R1', group: 'residents', item: 'jobs', rank: 1, line: 2 }
 * ```
 */
export async function readPrioritySurveyCsv(
  source: CsvSource,
  options: ReadTableOptions & { method?: SurveyMethod } = {},
): Promise<PrioritySurveyCsv> {
  const { method: declared, ...read } = options;
  const reader = readTable(source, surveyTable, read);
  const values: SurveyValues[] = [];
  const rowIssues: Issue[] = [];
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      if (row.ok) {
        values.push(row.value);
        for (const x of row.warnings) rowIssues.push(x);
      } else for (const x of row.issues) rowIssues.push(x);
    }
  }
  const summary = reader.summary();
  const where = (extra: Partial<Issue>): Partial<Issue> =>
    options.file !== undefined ? { file: options.file, ...extra } : extra;
  const fileIssues = [...summary.fileIssues];
  const column = (key: string) => summary.columns.find((c) => c.key === key);
  const counts = { ...summary.counts };
  const headerLine = 1;
  let method: SurveyMethod | undefined = declared;
  if (!summary.stopped && method === undefined) {
    const hasPoints = column('points') !== undefined;
    const hasRank = column('rank') !== undefined;
    if (hasPoints && hasRank) {
      fileIssues.push({
        code: 'survey_method_ambiguous',
        message:
          'the survey has both a points and a rank column: declare the method (points or borda), or keep one column',
        ...where({ line: headerLine }),
      } as Issue);
    } else if (!hasPoints && !hasRank) {
      fileIssues.push({
        code: 'missing_column',
        message:
          'the survey needs a "points" column (a points allocation) or a "rank" column (1 = most important)',
        ...where({ line: headerLine, field: 'points' }),
      } as Issue);
    } else method = hasPoints ? 'points' : 'ranks';
  }
  const fatal = fileIssues.some((i) => i.severity !== 'warning');
  const rows: PriorityRowInput[] = [];
  if (!fatal && method !== undefined) {
    const key = method === 'points' ? 'points' : 'rank';
    const col = column(key);
    for (const v of values) {
      const value = v[key];
      if (value === undefined) {
        counts.accepted--;
        counts.rejected++;
        rowIssues.push({
          code: 'priority_value_missing',
          message: `${col?.header ?? key} is empty: give the ${key} ${v.respondent} gave ${v.item}`,
          ...where({
            line: v.line,
            field: col?.header ?? key,
            ...(col ? { column: col.column } : {}),
          }),
        } as Issue);
        continue;
      }
      const r: PriorityRowInput = { respondent: v.respondent, group: v.group, item: v.item, line: v.line };
      if (key === 'points') r.points = value as Decimal;
      else r.rank = value as number;
      rows.push(r);
    }
    rowIssues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  } else if (fatal) {
    // Nothing can be used: every row read is rejected with the file.
    counts.rejected = counts.read;
    counts.accepted = 0;
  }
  const issues = [...fileIssues, ...rowIssues];
  return {
    ok: !issues.some((i) => i.severity !== 'warning'),
    usable: !fatal,
    method,
    rows,
    issues,
    counts,
    columns: summary.columns,
  };
}

/**
 * Reads a priority survey CSV and turns it into weights with core `analysePriorities`, per
 * stakeholder group and overall, with Kendall's W. The result's `rows` and `issues` cover the
 * reader and the analysis (`read = accepted + rejected`). Fails when the file cannot be read as
 * a survey or no respondent gave usable answers.
 *
 * @example
 * ```ts
 * const r = await analysePrioritiesCsv(text, { file: 'survey.csv', groups: 'equal' });
 * if (r.ok) r.value.overall.weights; // { 'local-jobs': Dec('32.5'), … }
 * ```
 */
export async function analysePrioritiesCsv(
  source: CsvSource,
  options: ReadTableOptions & PrioritiesOptions = {},
): Promise<Result<Priorities>> {
  const { method, groups, items, precision, survey, ...read } = options;
  const s = await readPrioritySurveyCsv(source, method !== undefined ? { ...read, method } : read);
  if (!s.usable || s.method === undefined) return fail(s.issues);
  const opts: PrioritiesOptions = { method: s.method };
  if (groups !== undefined) opts.groups = groups;
  if (items !== undefined) opts.items = items;
  if (precision !== undefined) opts.precision = precision;
  if (survey !== undefined) opts.survey = survey;
  const r = analysePriorities(s.rows, opts);
  const file = options.file;
  const located = (list: readonly Issue[]): Issue[] =>
    file === undefined ? [...list] : list.map((i) => (i.file === undefined ? { ...i, file } : i));
  if (!r.ok) return fail([...s.issues, ...located(r.issues)]);
  const rejected = s.counts.rejected + r.value.rows.rejected;
  const issues = [...s.issues, ...located(r.value.issues)];
  return ok(
    {
      ...r.value,
      rows: { read: s.counts.read, accepted: s.counts.read - rejected, rejected },
      issues,
    },
    issues,
  );
}
