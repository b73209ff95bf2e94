import { DecimalStringSchema } from '@commonweal/core/money';
import {
  BidSchema,
  DeliveryInputSchema,
  EvaluationInputSchema,
  EvaluationJsonSchema,
  EvaluationModelSchema,
  IssueJsonSchema,
} from '@commonweal/core/procurement';
import { TraceJsonSchema } from '@commonweal/core/valuation';
import { z } from 'zod';
import type { SchemaInfo } from './registry';

const DECIMAL = DecimalStringSchema;
const RAG = z.enum(['green', 'amber', 'red', 'not-due', 'uncommitted']);

/**
 * The JSON `commonweal monitor --format json` writes: delivery of the winning bid's commitments
 * against outcome records at the report date — per measure (committed, delivered, expected by
 * now, pace, RAG status, money values where the framework has a proxy, the delivery profile
 * window by window with what was delivered towards it, the supplier's returns with their evidence
 * references, trace), per reporting period, overall, the records counts (read = accepted + rejected), the SHA-256 of the inputs
 * and the issues. Decimals are strings at full precision; absent values are null.
 *
 * @example
 * ```ts
 * DeliveryJsonSchema.parse(JSON.parse(stdout)).overall.status; // 'amber'
 * ```
 */
export const DeliveryJsonSchema = z.object({
  sha256: z.string().nullable(),
  bid: z.string().nullable(),
  contract: z.object({ start: z.string(), end: z.string() }),
  reportDate: z.string(),
  periodicity: z.enum(['quarter', 'month']),
  priceYear: z.number().int().nullable(),
  expectation: z.enum(['profile', 'elapsed']),
  profile: z.object({ granularity: z.enum(['year', 'quarter']), accrual: z.enum(['pro-rata', 'at-end']) }),
  elapsed: DECIMAL,
  thresholds: z.object({ green: DECIMAL, amber: DECIMAL }),
  overall: z.object({
    basis: z.enum(['value', 'measures']),
    committedValue: DECIMAL.nullable(),
    expectedValue: DECIMAL.nullable(),
    deliveredValue: DECIMAL.nullable(),
    deliveredShare: DECIMAL.nullable(),
    pace: DECIMAL.nullable(),
    status: RAG,
    counts: z.object({ green: z.number().int(), amber: z.number().int(), red: z.number().int() }),
  }),
  measures: z.array(
    z.object({
      measure: z.string(),
      title: z.string().nullable(),
      unit: z.string().nullable(),
      committed: DECIMAL,
      delivered: DECIMAL,
      deliveredShare: DECIMAL.nullable(),
      expected: DECIMAL,
      pace: DECIMAL.nullable(),
      status: RAG,
      proxy: DECIMAL.nullable(),
      committedValue: DECIMAL.nullable(),
      deliveredValue: DECIMAL.nullable(),
      profileBasis: z.enum(['commitments', 'milestones', 'elapsed']),
      profile: z.array(
        z.object({
          label: z.string(),
          start: z.string(),
          end: z.string(),
          due: DECIMAL,
          cumulativeDue: DECIMAL,
          delivered: DECIMAL,
          cumulativeDelivered: DECIMAL,
          source: z.enum(['commitment', 'milestone']),
        }),
      ),
      nextDue: z.object({ end: z.string(), due: DECIMAL }).nullable(),
      returns: z.array(
        z.object({
          when: z.string(),
          basis: z.enum(['period', 'to-date']),
          reported: DECIMAL,
          counted: DECIMAL,
          evidence: z.string().nullable(),
          line: z.number().int().nullable(),
        }),
      ),
      withoutEvidence: z.number().int(),
      trace: TraceJsonSchema,
    }),
  ),
  periods: z.array(
    z.object({
      period: z.string(),
      start: z.string(),
      end: z.string(),
      measures: z.array(z.object({ measure: z.string(), quantity: DECIMAL, cumulative: DECIMAL })),
      value: DECIMAL.nullable(),
    }),
  ),
  records: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  milestones: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  issues: z.array(IssueJsonSchema),
});

/**
 * Bids as a JSON file holds them: an array of core bids (decimals as strings or numbers).
 *
 * @example
 * ```ts
 * BidsJsonSchema.parse([{ bid: 'B1', bidder: 'Northside Care Co-operative', price: '2310000' }]);
 * ```
 */
export const BidsJsonSchema = z.array(BidSchema);

/**
 * The procurement schemas (evaluation models, inputs and outputs; delivery monitoring),
 * registered with the built-ins.
 *
 * @example
 * ```ts
 * PROCUREMENT_SCHEMAS.map((s) => s.name); // ['evaluation-model', 'evaluation-input', 'bids', …]
 * ```
 */
export const PROCUREMENT_SCHEMAS: readonly SchemaInfo[] = [
  {
    name: 'evaluation-model',
    schema: EvaluationModelSchema,
    io: 'input',
    description:
      'A tender evaluation model (the published methodology): criteria with weights, scales, price methods, gates, moderation and tie-breaks',
  },
  {
    name: 'evaluation-input',
    schema: EvaluationInputSchema,
    io: 'input',
    description:
      'Everything an evaluation needs as one document: model, bids, scores, gates, moderation, commitments',
  },
  {
    name: 'bids',
    schema: BidsJsonSchema,
    io: 'input',
    description: 'Bids: id, bidder, price, optional price lines, supplier identifier and address',
  },
  {
    name: 'evaluation-output',
    schema: EvaluationJsonSchema,
    io: 'output',
    description:
      'The JSON of a tender evaluation: ranking, every bid with criterion scores and traces, weight sensitivity, issues',
  },
  {
    name: 'delivery-input',
    schema: DeliveryInputSchema,
    io: 'input',
    description:
      'Delivery monitoring input: the winning bid’s commitments, outcome records, contract period, report date',
  },
  {
    name: 'delivery-output',
    schema: DeliveryJsonSchema,
    io: 'output',
    description:
      'The JSON of delivery monitoring: per measure and period, pace against time elapsed, RAG status, issues',
  },
];
