import { z } from 'zod';
import { issueJson } from '../issues/json';
import type { Decimal } from '../money/decimal';
import { DecimalStringSchema } from '../money/schema';
import { traceJson } from '../trace/json';
import { TraceJsonSchema } from '../valuation/json';
import type { BidEvaluation, TenderEvaluation } from './types';

const DecimalString = DecimalStringSchema;
const NullableDecimal = DecimalString.nullable();

/**
 * An issue as JSON.
 *
 * @example
 * ```ts
 * IssueJsonSchema.parse({ code: 'missing_score', message: 'bid "A" has no score on "quality"' });
 * ```
 */
export const IssueJsonSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  file: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

/**
 * The stable JSON contract of `commonweal evaluate --format json`. Decimals are strings at full
 * precision; nothing is undefined (absent values are null). `ranking` lists ranked bids only;
 * `bids` lists every bid (ranked in rank order, then the others by id) with every criterion in
 * model order (groups and gates included); `sensitivity` has one row per top-level scored
 * criterion (`flipsAt` a percentage or null, `newWinner` a bid id or null).
 *
 * @example
 * ```ts
 * const json = EvaluationJsonSchema.parse(JSON.parse(stdout));
 * json.ranking[0]?.bid;
 * ```
 */
export const EvaluationJsonSchema = z.object({
  model: z.object({ id: z.string(), title: z.string(), currency: z.string() }),
  sha256: z.string().nullable(),
  winner: z.string().nullable(),
  counts: z.object({
    bids: z.number().int(),
    ranked: z.number().int(),
    disqualified: z.number().int(),
    incomplete: z.number().int(),
  }),
  ranking: z.array(
    z.object({ bid: z.string(), bidder: z.string(), rank: z.number().int().min(1), total: DecimalString }),
  ),
  bids: z.array(
    z.object({
      bid: z.string(),
      bidder: z.string(),
      total: NullableDecimal,
      disqualified: z.boolean(),
      reasons: z.array(z.string()),
      flags: z.array(
        z.object({
          code: z.enum(['abnormally-low', 'divergent-scores', 'incomplete', 'price-lines-mismatch']),
          criterion: z.string().nullable(),
          message: z.string(),
        }),
      ),
      criteria: z.array(
        z.object({
          id: z.string(),
          raw: NullableDecimal,
          normalised: NullableDecimal,
          weighted: NullableDecimal,
          trace: TraceJsonSchema,
        }),
      ),
    }),
  ),
  sensitivity: z.array(
    z.object({
      criterion: z.string(),
      weight: DecimalString,
      flipsAt: NullableDecimal,
      newWinner: z.string().nullable(),
      direction: z.enum(['increase', 'decrease']).nullable(),
      note: z.string(),
    }),
  ),
  issues: z.array(IssueJsonSchema),
});

/** The JSON form of an evaluation (see {@link EvaluationJsonSchema}). */
export type EvaluationJson = z.output<typeof EvaluationJsonSchema>;

const str = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

/**
 * One bid of the JSON contract (an item of `bids` in {@link EvaluationJsonSchema}): so a big
 * evaluation can be written out bid by bid, each bid's traces made, written and let go.
 *
 * @example
 * ```ts
 * const b = toBidJson(evaluation.bids[0]!);
 * b.criteria[0]?.trace.formula; // 'pass/fail gate: passed'
 * ```
 */
export function toBidJson(b: BidEvaluation): EvaluationJson['bids'][number] {
  return {
    bid: b.bid,
    bidder: b.bidder,
    total: str(b.total),
    disqualified: b.disqualified,
    reasons: [...b.reasons],
    flags: b.flags.map((f) => ({ code: f.code, criterion: f.criterion, message: f.message })),
    criteria: b.criteria.map((c) => ({
      id: c.criterion,
      raw: str(c.raw),
      normalised: str(c.normalised),
      weighted: str(c.weighted),
      trace: traceJson(c.trace),
    })),
  };
}

/**
 * Converts an evaluation and its issues to the stable JSON contract ({@link EvaluationJsonSchema}).
 * `sha256` is the SHA-256 of the canonical inputs (computed by the caller, e.g. `@commonweal/json`;
 * core has no hashing), or null. `issues` are the evaluation's issues (`evaluation.issues`).
 *
 * @example
 * ```ts
 * const r = evaluate(input);
 * if (r.ok) {
 *   const json = toEvaluationJson(r.value, { sha256: digest });
 *   JSON.stringify(json); // decimals as strings, e.g. "total": "76"
 * }
 * ```
 */
export function toEvaluationJson(
  evaluation: TenderEvaluation,
  options: { sha256?: string | null } = {},
): EvaluationJson {
  const e = evaluation;
  return {
    model: { id: e.model.id, title: e.model.title, currency: e.model.currency },
    sha256: options.sha256 ?? null,
    winner: e.winner,
    counts: { ...e.counts },
    ranking: e.ranking.map((r) => ({ bid: r.bid, bidder: r.bidder, rank: r.rank, total: r.total.toFixed() })),
    bids: e.bids.map(toBidJson),
    sensitivity: e.sensitivity.map((s) => ({
      criterion: s.criterion,
      weight: s.weight.toFixed(),
      flipsAt: str(s.flipsAt),
      newWinner: s.newWinner,
      direction: s.direction,
      note: s.note,
    })),
    issues: e.issues.map(issueJson),
  };
}
