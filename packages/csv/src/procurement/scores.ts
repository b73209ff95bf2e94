import type { Gate, Moderation, Score } from '@commonweal/core/procurement';
import { dateCell, decimalCell, enumCell, textCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadAllResult, type ReadTableOptions, readAll } from '../table/read';
import { defineTable } from '../table/table';

const text = textCell();

/**
 * The columns of an evaluators' scores file: `bid,criterion,evaluator,score` must be there and
 * filled; `comment` (the reason for the score, quoted in the assessment summaries) must be
 * there but may be empty. The evaluator `moderated` marks an agreed moderated score (its
 * comment is the moderation reason).
 *
 * @example
 * ```ts
 * // bid,criterion,evaluator,score,comment
 * // B1,q1-continuity,E1,3,"Named carers per round; cover rota shown"
 * ```
 */
export const SCORE_COLUMNS = {
  bid: { header: 'bid', aliases: ['bid id'], required: true, parse: text },
  criterion: { header: 'criterion', aliases: ['criterion id', 'question'], required: true, parse: text },
  evaluator: { header: 'evaluator', aliases: ['assessor', 'scorer'], required: true, parse: text },
  score: {
    header: 'score',
    aliases: ['mark'],
    required: true,
    parse: decimalCell({ currency: false, example: '3' }),
  },
  comment: {
    header: 'comment',
    aliases: ['comments', 'reason', 'justification'],
    required: true,
    allowEmpty: true,
    parse: text,
  },
} as const;

/**
 * The scores table: rows are core `Score` values with `line` set.
 *
 * @example
 * ```ts
 * const { rows } = await readAll('bid,criterion,evaluator,score,comment\nB1,q1,E1,3,Good\n', scoresTable);
 * rows[0]?.score.toString(); // '3'
 * ```
 */
export const scoresTable = defineTable({
  name: 'scores',
  columns: SCORE_COLUMNS,
  row: (v, ctx) => {
    const s: Score = {
      bid: v.bid,
      criterion: v.criterion,
      evaluator: v.evaluator,
      score: v.score,
      line: ctx.line,
    };
    if (v.comment !== undefined && v.comment !== '') s.comment = v.comment;
    return { ok: true, value: s };
  },
});

/**
 * Reads an evaluators' scores CSV. Bad cells are located issues; checks that need the model
 * (criterion ids, scale, one score per evaluator) are the evaluation's, on the same lines.
 *
 * @example
 * ```ts
 * const r = await readScoresCsv('bid,criterion,evaluator,score,comment\nB1,q1,E1,three,\n', { file: 'scores.csv' });
 * r.issues[0]; // { code: 'not_a_number', line: 2, column: 4, field: 'score', file: 'scores.csv', … }
 * ```
 */
export function readScoresCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<Score>> {
  return readAll(source, scoresTable, options);
}

/**
 * A pass/fail result cell: `pass`/`fail`, also `yes`/`no`, `y`/`n`, `passed`/`failed`,
 * `met`/`not met` (any case).
 *
 * @example
 * ```ts
 * gateResultCell('Yes', ctx); // { ok: true, value: 'pass' }
 * ```
 */
export const gateResultCell = enumCell(['pass', 'fail'] as const, {
  aliases: {
    yes: 'pass',
    y: 'pass',
    passed: 'pass',
    met: 'pass',
    no: 'fail',
    n: 'fail',
    failed: 'fail',
    'not met': 'fail',
  },
});

/**
 * The columns of a gate results file: `bid,criterion,result` must be there and filled
 * (`result` pass/fail/yes/no); `reason` must be there but may be empty (the evaluation warns
 * when a fail has no reason: it goes into the assessment summary).
 *
 * @example
 * ```ts
 * // bid,criterion,result,reason
 * // B4,cqc,fail,"CQC registration not in place for domiciliary care"
 * ```
 */
export const GATE_COLUMNS = {
  bid: { header: 'bid', aliases: ['bid id'], required: true, parse: text },
  criterion: { header: 'criterion', aliases: ['criterion id', 'gate'], required: true, parse: text },
  result: { header: 'result', aliases: ['pass fail', 'outcome'], required: true, parse: gateResultCell },
  reason: {
    header: 'reason',
    aliases: ['comment', 'comments'],
    required: true,
    allowEmpty: true,
    parse: text,
  },
} as const;

/**
 * The gates table: rows are core `Gate` values with `line` set.
 *
 * @example
 * ```ts
 * const { rows } = await readAll('bid,criterion,result,reason\nB1,cqc,yes,\n', gatesTable);
 * rows[0]?.result; // 'pass'
 * ```
 */
export const gatesTable = defineTable({
  name: 'gates',
  columns: GATE_COLUMNS,
  row: (v, ctx) => {
    const g: Gate = { bid: v.bid, criterion: v.criterion, result: v.result, line: ctx.line };
    if (v.reason !== undefined && v.reason !== '') g.reason = v.reason;
    return { ok: true, value: g };
  },
});

/**
 * Reads a pass/fail gate results CSV (located issues; `read = accepted + rejected`).
 *
 * @example
 * ```ts
 * const r = await readGatesCsv('bid,criterion,result,reason\nB1,cqc,maybe,\n');
 * r.issues[0]?.code; // 'invalid_choice'
 * ```
 */
export function readGatesCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<Gate>> {
  return readAll(source, gatesTable, options);
}

/**
 * The columns of a moderation file: `bid,criterion,score,reason` must be there and filled (a
 * moderated score needs its contemporaneous reason: Woods Building Services v Milton Keynes
 * Council [2015] EWHC 2011 (TCC)); `moderator` and `date` (ISO or dd/mm/yyyy) are optional.
 *
 * @example
 * ```ts
 * // bid,criterion,score,reason,moderator,date
 * // B2,q2-workforce,2,"Agreed: no retention plan beyond pay",Head of Commissioning,2026-02-12
 * ```
 */
export const MODERATION_COLUMNS = {
  bid: { header: 'bid', aliases: ['bid id'], required: true, parse: text },
  criterion: { header: 'criterion', aliases: ['criterion id', 'question'], required: true, parse: text },
  score: {
    header: 'score',
    aliases: ['moderated score'],
    required: true,
    parse: decimalCell({ currency: false, example: '3' }),
  },
  reason: { header: 'reason', aliases: ['comment', 'rationale'], required: true, parse: text },
  moderator: { header: 'moderator', aliases: ['moderated by'], parse: text },
  date: { header: 'date', aliases: ['at', 'moderated on'], parse: dateCell() },
} as const;

/**
 * The moderation table: rows are core `Moderation` values (`date` → `at`) with `line` set.
 *
 * @example
 * ```ts
 * const { rows } = await readAll('bid,criterion,score,reason\nB1,q1,2,Agreed\n', moderationTable);
 * rows[0]?.reason; // 'Agreed'
 * ```
 */
export const moderationTable = defineTable({
  name: 'moderation',
  columns: MODERATION_COLUMNS,
  row: (v, ctx) => {
    const m: Moderation = {
      bid: v.bid,
      criterion: v.criterion,
      score: v.score,
      reason: v.reason,
      line: ctx.line,
    };
    if (v.moderator !== undefined) m.moderator = v.moderator;
    if (v.date !== undefined) m.at = v.date;
    return { ok: true, value: m };
  },
});

/**
 * Reads a moderation CSV (located issues; `read = accepted + rejected`). Two moderated scores
 * for one bid and criterion are the evaluation's issue, on both lines.
 *
 * @example
 * ```ts
 * const r = await readModerationCsv('bid,criterion,score,reason\nB1,q1,2,\n');
 * r.issues[0]?.code; // 'empty_cell' (a moderated score needs its reason)
 * ```
 */
export function readModerationCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<Moderation>> {
  return readAll(source, moderationTable, options);
}
