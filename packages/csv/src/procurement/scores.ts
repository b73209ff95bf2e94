import type { Decimal } from '@commonweal/core/money';
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
export const scoresTable = scoresTableFor(false);

/**
 * A scores table whose rows share one string per distinct id and one decimal per distinct score
 * (480,000 rows for 400 bids × 120 criteria × 10 evaluators repeat a few hundred ids and a few
 * scale levels; each cell read is its own copy otherwise). Decimals are never mutated.
 */
function scoresTableFor(share: boolean) {
  // Per read: a table kept in a module would keep every id it has seen.
  const ids = new Map<string, string>();
  const levels = new Map<string, Decimal>();
  const one = (s: string): string => {
    if (!share) return s;
    const k = ids.get(s);
    if (k !== undefined) return k;
    ids.set(s, s);
    return s;
  };
  const level = (d: Decimal): Decimal => {
    if (!share) return d;
    const t = d.toString();
    const k = levels.get(t);
    if (k !== undefined) return k;
    levels.set(t, d);
    return d;
  };
  return defineTable({
    name: 'scores',
    columns: SCORE_COLUMNS,
    row: (v, ctx) => {
      const bid = one(v.bid);
      const criterion = one(v.criterion);
      const evaluator = one(v.evaluator);
      const score = level(v.score);
      // One literal per shape, so the comment sits in the row object, not in a property store
      // added beside it.
      const s: Score =
        v.comment !== undefined && v.comment !== ''
          ? { bid, criterion, evaluator, score, line: ctx.line, comment: flat(v.comment) }
          : { bid, criterion, evaluator, score, line: ctx.line };
      return { ok: true, value: s };
    },
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A flat copy of a comment: the cell is a slice (of the file text, or of a flat copy one
 * character longer); a comment is kept to the end of the evaluation, so keep only its own
 * characters (about 20 bytes less per score row).
 */
function flat(s: string): string {
  const copy = decoder.decode(encoder.encode(s));
  // A lone surrogate (possible in a text given as a string) comes back as U+FFFD: keep it as is.
  return copy === s ? copy : s;
}

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
  return readAll(source, scoresTableFor(true), options);
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
